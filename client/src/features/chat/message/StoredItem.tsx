import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Ack, type Message } from '@linli/shared';
import { useFormatDate } from '../../../lib/format';
import { request } from '../../../lib/socket';
import { useAction } from '../../../lib/useAction';
import { ErrorLine } from '../../../ui/ErrorLine';
import { IconToggle } from '../../../ui/IconToggle';
import { StaffBadge } from '../../home/StaffDirectory';
import { FileIssueDialog } from '../../issues/FileIssueDialog';
import { draftFromMessage } from '../../issues/draftFromMessage';
import { useChatStore } from '../store';
import { QUICK_EMOJI, useClock } from '../util';
import { ActionMenu, type MenuChoice } from './ActionMenu';
import { EditForm } from './EditForm';
import { MessageBody } from './MessageBody';
import { IssueNotice } from './IssueNotice';
import type { MessageContext } from './MessageContext';
import { MessageShell } from './MessageShell';
import { MutePanel } from './MutePanel';
import { ReasonForm } from './ReasonForm';
import { Reactions } from './Reactions';
import { StanceBadge } from './StanceBadge';
import { VoicePlayer } from '../../voice/VoicePlayer';

type Mode = null | 'menu' | 'react' | 'edit' | 'report' | 'issue' | 'hide' | 'mute';

interface Props {
  message: Message;
  ctx: MessageContext;
  highlight?: boolean;
  inThread?: boolean;
  threadParent?: boolean;
}

/** A stored message with its reactions, reply count and the actions the user has on it. */
export function StoredItem({ message, ctx, highlight, inThread, threadParent }: Props) {
  const { t } = useTranslation();
  const chat = useChatStore();
  const clock = useClock();
  const formatDate = useFormatDate();
  const [mode, setMode] = useState<Mode>(null);
  const [draft, setDraft] = useState('');
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const own = message.authorId === ctx.me;
  const ref = { authorId: message.authorId, channel: ctx.channel };
  const authorRole = ctx.roles.get(message.authorId);
  const visible = message.state === 'visible';
  const canReact = ctx.canReact !== false;
  const liRef = useRef<HTMLLIElement>(null);

  // A menu or form opened near the bottom edge should not hide below the composer.
  useEffect(() => {
    if (mode && mode !== 'edit') liRef.current?.querySelector('.popover')?.scrollIntoView({ block: 'nearest' });
  }, [mode]);

  const toggle = (popover: 'react' | 'menu') => setMode(mode === popover ? null : popover);

  const close = () => {
    setMode(null);
    action.clearError();
  };

  /** Runs a message command and applies the message it answers with. */
  async function run(call: () => Promise<Ack<Message>>) {
    const updated = await action.run(call);
    if (updated) {
      chat.applyMessages([updated]);
      close();
    }
    return updated;
  }

  async function react(emoji: string) {
    setMode(null);
    await run(() => request('message:react', { messageId: message.id, emoji }));
  }

  async function saveEdit() {
    const body = draft.trim();
    if (!body || body === message.body) return close();
    await run(() => request('message:edit', { messageId: message.id, body }));
  }

  async function report(e: FormEvent) {
    e.preventDefault();
    const trimmed = reason.trim();
    if (!trimmed) return;
    const done = await action.run(() => request('message:report', { messageId: message.id, reason: trimmed }));
    if (done) {
      close();
      setReason('');
      setNotice(t('chat.reportDone'));
    }
  }

  async function hide(e: FormEvent) {
    e.preventDefault();
    await run(() => request('message:hide', { messageId: message.id, reason: reason.trim() }));
  }

  async function mute(minutes: number) {
    const member = await action.run(() =>
      request('member:mute', { communityId: ctx.communityId, userId: message.authorId, minutes, reason: reason.trim() }),
    );
    if (member) {
      close();
      setNotice(minutes === 0 ? t('chat.unmuted', { name: message.authorName }) : t('chat.muted', { name: message.authorName }));
    }
  }

  function pick(choice: MenuChoice) {
    if (choice === 'reply') {
      setMode(null);
      ctx.onOpenThread?.(message.id);
    } else if (choice === 'edit') {
      setDraft(message.body);
      setMode('edit');
    } else if (choice === 'delete') {
      void run(() => request('message:delete', { messageId: message.id }));
    } else {
      setReason('');
      setMode(choice);
    }
  }

  const allowed: Record<MenuChoice, boolean> = {
    reply: visible && !inThread && message.parentId === null && ctx.onOpenThread !== undefined,
    edit: visible && can(ctx.actor, 'message.edit', ref),
    delete: visible && can(ctx.actor, 'message.delete', ref),
    report: !own && visible,
    // Residents turn their own messages into problem reports; staff anyone's, for its author.
    issue: visible && can(ctx.actor, own ? 'issue.file' : 'issue.fileFor'),
    hide: visible && can(ctx.actor, 'message.moderate'),
    mute: authorRole !== undefined && can(ctx.actor, 'member.mute', { userId: message.authorId, role: authorRole }),
  };
  const hasActions = Object.values(allowed).some(Boolean);

  return (
    <MessageShell
      own={own}
      state={message.state}
      id={message.id}
      clientId={message.clientId}
      highlight={highlight}
      testId={threadParent ? 'thread-parent' : 'message-item'}
      liRef={liRef}
    >
      <div className="message-meta">
        <span className="message-author" data-testid="message-author">
          {own ? t('chat.you') : message.authorName}
          <StaffBadge userId={message.authorId} posts={false} />
        </span>
        {message.stance && message.parentId === null && visible && <StanceBadge stance={message.stance} />}
        <time className="muted small" dateTime={message.createdAt} title={formatDate(message.createdAt)}>
          {clock(message.createdAt)}
        </time>
        {message.editedAt && visible && (
          <span className="muted small edited" data-testid="message-edited" title={formatDate(message.editedAt)}>
            {t('chat.edited')}
          </span>
        )}
      </div>
      <div className="bubble-row">
        <div className="bubble">
          {mode === 'edit' ? (
            <EditForm messageId={message.id} draft={draft} onDraft={setDraft} onSave={() => void saveEdit()} onCancel={close} pending={action.pending} />
          ) : visible && message.issueLink ? (
            <IssueNotice communityId={ctx.communityId} link={message.issueLink} />
          ) : visible ? (
            <>
              {message.voice && <VoicePlayer voice={message.voice} />}
              {(message.body || !message.voice) && (
                <p className="message-body" data-testid="message-body">
                  <MessageBody text={message.body} names={ctx.memberNames} />
                </p>
              )}
            </>
          ) : (
            <p className="message-body placeholder" data-testid="message-body">
              {message.state === 'deleted' ? t('chat.deleted') : t('chat.hidden')}
            </p>
          )}
        </div>
        {(hasActions || (visible && canReact)) && (
          <span className="message-tools">
            {visible && canReact && (
              <IconToggle label={t('chat.react')} testId="react-button" expanded={mode === 'react'} onToggle={() => toggle('react')}>
                ☺
              </IconToggle>
            )}
            {hasActions && (
              <IconToggle label={t('chat.actions')} testId="message-actions" expanded={mode === 'menu'} onToggle={() => toggle('menu')}>
                ⋯
              </IconToggle>
            )}
          </span>
        )}
      </div>

      {visible && message.reactions.length > 0 && (
        <Reactions reactions={message.reactions} me={ctx.me} pending={action.pending} readOnly={!canReact} onReact={(emoji) => void react(emoji)} />
      )}

      {!inThread && message.replyCount > 0 && ctx.onOpenThread && (
        <button type="button" className="link reply-count" data-testid="reply-count" onClick={() => ctx.onOpenThread?.(message.id)}>
          {t('chat.replies', { count: message.replyCount })}
        </button>
      )}

      {mode === 'react' && canReact && (
        <div className="popover emoji-pick" role="group" aria-label={t('chat.react')}>
          {QUICK_EMOJI.map((emoji) => (
            <button key={emoji} type="button" className="emoji-option" data-testid="emoji-option" data-emoji={emoji} onClick={() => void react(emoji)}>
              {emoji}
            </button>
          ))}
        </div>
      )}

      {mode === 'menu' && <ActionMenu allowed={allowed} pending={action.pending} onPick={pick} onClose={close} />}

      {mode === 'issue' && (
        <FileIssueDialog communityId={ctx.communityId} me={ctx.me} draft={draftFromMessage(message, own)} onClose={close} />
      )}

      {mode === 'report' && (
        <ReasonForm
          kind="report"
          reason={reason}
          onReason={setReason}
          onSubmit={report}
          onCancel={close}
          pending={action.pending}
          requireReason
          submitClass="primary"
        />
      )}

      {mode === 'hide' && (
        <ReasonForm kind="hide" reason={reason} onReason={setReason} onSubmit={hide} onCancel={close} pending={action.pending} submitClass="danger solid" />
      )}

      {mode === 'mute' && (
        <MutePanel
          authorName={message.authorName}
          muted={(ctx.mutedUntil.get(message.authorId) ?? '') > new Date().toISOString()}
          reason={reason}
          onReason={setReason}
          onMute={(minutes) => void mute(minutes)}
          onCancel={close}
          pending={action.pending}
        />
      )}

      <ErrorLine error={action.error} small />
      {notice && (
        <p className="success small" role="status">
          {notice}
        </p>
      )}
    </MessageShell>
  );
}
