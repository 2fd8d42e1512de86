import { memo, useEffect, useRef, useState, type FormEvent, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type Message } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { useFormatDate } from '../../lib/format';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { applyMessages, discardMessage, retryMessage, type OutboxEntry } from './store';
import { MENTION_TOKEN, MUTE_CHOICES, QUICK_EMOJI, useClock, type ChatItem } from './util';
import { ErrorLine } from '../../ui/ErrorLine';
import { StaffBadge } from '../home/StaffDirectory';

export interface MessageContext {
  me: string;
  communityId: string;
  isStaff: boolean;
  canPost: boolean;
  /** Display names of members, to highlight @mentions. */
  memberNames: ReadonlySet<string>;
  /** Current mute end per member id (staff use it to offer lifting a mute). */
  mutedUntil: ReadonlyMap<string, string>;
  onOpenThread?: (messageId: string) => void;
}

interface Props {
  item: ChatItem;
  ctx: MessageContext;
  highlight?: boolean;
  /** Thread replies cannot have threads of their own. */
  inThread?: boolean;
  /** The thread's first message shown atop the thread panel (own test id: the timeline holds the same message). */
  threadParent?: boolean;
}

/** Body text with @mentions of real members highlighted. */
function Body({ text, names }: { text: string; names: ReadonlySet<string> }) {
  const parts = text.split(MENTION_TOKEN);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 && names.has(part.slice(1)) ? (
          <span key={i} className="mention">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

export const MessageItem = memo(function MessageItem({ item, ctx, highlight, inThread, threadParent }: Props) {
  if (item.kind === 'outbox') return <OutboxItem entry={item.entry} ctx={ctx} />;
  return <StoredItem message={item.message} ctx={ctx} highlight={highlight} inThread={inThread} threadParent={threadParent} />;
});

function Shell({
  own,
  state,
  id,
  clientId,
  highlight,
  testId = 'message-item',
  liRef,
  children,
}: {
  testId?: string;
  liRef?: Ref<HTMLLIElement>;
  own: boolean;
  state: string;
  id: string;
  clientId: string;
  highlight?: boolean;
  children: ReactNode;
}) {
  return (
    <li
      ref={liRef}
      className={`message ${own ? 'own' : 'other'} state-${state}${highlight ? ' highlight' : ''}`}
      data-testid={testId}
      data-message-id={id}
      data-client-id={clientId}
      data-state={state}
      id={id && testId === 'message-item' ? `message-${id}` : undefined}
    >
      {children}
    </li>
  );
}

function OutboxItem({ entry, ctx }: { entry: OutboxEntry; ctx: MessageContext }) {
  const { t } = useTranslation();
  const clock = useClock();
  const errorText = useErrorText();
  const failed = entry.status === 'failed';
  return (
    <Shell own state={entry.status} id="" clientId={entry.clientId}>
      <div className="message-meta">
        <span className="message-author" data-testid="message-author">
          {t('chat.you')}
        </span>
        <time className="muted small" dateTime={entry.createdAt}>
          {clock(entry.createdAt)}
        </time>
      </div>
      <div className="bubble-row">
        {!failed && (
          <span className="send-state" role="img" aria-label={t('chat.pending')} title={t('chat.pending')} data-testid="pending-icon">
            <svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true">
              <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
              <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
            </svg>
          </span>
        )}
        <div className="bubble">
          <p className="message-body" data-testid="message-body">
            <Body text={entry.body} names={ctx.memberNames} />
          </p>
        </div>
      </div>
      {failed && (
        <div className="send-failed" role="alert">
          <span className="failed-label">
            <span aria-hidden="true">⚠ </span>
            {t('chat.failed')}
            {entry.error && <span className="small"> · {errorText(entry.error)}</span>}
          </span>
          <span className="row tight">
            <button type="button" className="secondary" data-testid="retry-button" onClick={() => retryMessage(entry.clientId)}>
              {t('chat.retry')}
            </button>
            <button type="button" className="ghost" data-testid="discard-button" onClick={() => discardMessage(entry.clientId)}>
              {t('chat.discard')}
            </button>
          </span>
        </div>
      )}
    </Shell>
  );
}

type Mode = null | 'menu' | 'react' | 'edit' | 'report' | 'hide' | 'mute';

function StoredItem({
  message,
  ctx,
  highlight,
  inThread,
  threadParent,
}: {
  message: Message;
  ctx: MessageContext;
  highlight?: boolean;
  inThread?: boolean;
  threadParent?: boolean;
}) {
  const { t } = useTranslation();
  const clock = useClock();
  const formatDate = useFormatDate();
  const [mode, setMode] = useState<Mode>(null);
  const [draft, setDraft] = useState('');
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const own = message.authorId === ctx.me;
  const visible = message.state === 'visible';
  const liRef = useRef<HTMLLIElement>(null);

  // A menu or form opened near the bottom edge should not hide below the composer.
  useEffect(() => {
    if (mode && mode !== 'edit') liRef.current?.querySelector('.popover')?.scrollIntoView({ block: 'nearest' });
  }, [mode]);

  const close = () => {
    setMode(null);
    action.clearError();
  };

  async function run(call: () => ReturnType<typeof request<'message:edit'>>) {
    const m = await action.run(call);
    if (m) {
      applyMessages([m]);
      close();
    }
    return m;
  }

  async function react(emoji: string) {
    setMode(null);
    await run(() => request('message:react', { messageId: message.id, emoji }));
  }

  async function saveEdit(e: FormEvent) {
    e.preventDefault();
    const body = draft.trim();
    if (!body || body === message.body) return close();
    await run(() => request('message:edit', { messageId: message.id, body }));
  }

  async function report(e: FormEvent) {
    e.preventDefault();
    const r = reason.trim();
    if (!r) return;
    const done = await action.run(() => request('message:report', { messageId: message.id, reason: r }));
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

  const canEdit = own && visible && ctx.canPost;
  const canDelete = visible && (own || ctx.isStaff);
  const canReport = !own && visible;
  const canHide = ctx.isStaff && visible;
  const canMute = ctx.isStaff && !own;
  const canReply = visible && !inThread && message.parentId === null && ctx.onOpenThread !== undefined;
  const hasActions = canEdit || canDelete || canReport || canHide || canMute || canReply;

  return (
    <Shell
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
            <form className="edit-form" onSubmit={(e) => void saveEdit(e)}>
              <label className="visually-hidden" htmlFor={`edit-${message.id}`}>
                {t('chat.editLabel')}
              </label>
              <textarea
                id={`edit-${message.id}`}
                data-testid="edit-input"
                value={draft}
                maxLength={LIMITS.message.maxLength}
                autoFocus
                onChange={(e) => setDraft(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') close();
                  if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                    e.preventDefault();
                    void saveEdit(e);
                  }
                }}
              />
              <span className="row tight">
                <button type="submit" className="primary" data-testid="edit-save" disabled={action.pending || !draft.trim()}>
                  {t('chat.editSave')}
                </button>
                <button type="button" className="ghost" onClick={close}>
                  {t('chat.editCancel')}
                </button>
              </span>
            </form>
          ) : visible ? (
            <p className="message-body" data-testid="message-body">
              <Body text={message.body} names={ctx.memberNames} />
            </p>
          ) : (
            <p className="message-body placeholder" data-testid="message-body">
              {message.state === 'deleted' ? t('chat.deleted') : t('chat.hidden')}
            </p>
          )}
        </div>
        {(hasActions || visible) && (
          <span className="message-tools">
            {visible && (
              <button
                type="button"
                className="icon-button"
                data-testid="react-button"
                aria-label={t('chat.react')}
                title={t('chat.react')}
                aria-expanded={mode === 'react'}
                onClick={() => setMode(mode === 'react' ? null : 'react')}
              >
                ☺
              </button>
            )}
            {hasActions && (
              <button
                type="button"
                className="icon-button"
                data-testid="message-actions"
                aria-label={t('chat.actions')}
                title={t('chat.actions')}
                aria-expanded={mode === 'menu'}
                onClick={() => setMode(mode === 'menu' ? null : 'menu')}
              >
                ⋯
              </button>
            )}
          </span>
        )}
      </div>

      {visible && message.reactions.length > 0 && (
        <div className="reactions">
          {message.reactions.map((r) => {
            const mine = r.userIds.includes(ctx.me);
            return (
              <button
                key={r.emoji}
                type="button"
                className={`reaction${mine ? ' mine' : ''}`}
                data-testid="reaction-button"
                data-emoji={r.emoji}
                aria-pressed={mine}
                aria-label={t('chat.reactionLabel', { emoji: r.emoji, count: r.count })}
                disabled={action.pending}
                onClick={() => void react(r.emoji)}
              >
                <span aria-hidden="true">{r.emoji}</span> {r.count}
              </button>
            );
          })}
        </div>
      )}

      {!inThread && message.replyCount > 0 && ctx.onOpenThread && (
        <button type="button" className="link reply-count" data-testid="reply-count" onClick={() => ctx.onOpenThread?.(message.id)}>
          {t('chat.replies', { count: message.replyCount })}
        </button>
      )}

      {mode === 'react' && (
        <div className="popover emoji-pick" role="group" aria-label={t('chat.react')}>
          {QUICK_EMOJI.map((emoji) => (
            <button key={emoji} type="button" className="emoji-option" data-testid="emoji-option" data-emoji={emoji} onClick={() => void react(emoji)}>
              {emoji}
            </button>
          ))}
        </div>
      )}

      {mode === 'menu' && (
        <div className="popover action-menu" role="menu" aria-label={t('chat.actions')}>
          {canReply && (
            <button
              type="button"
              role="menuitem"
              data-testid="action-reply"
              onClick={() => {
                setMode(null);
                ctx.onOpenThread?.(message.id);
              }}
            >
              {t('chat.actionReply')}
            </button>
          )}
          {canEdit && (
            <button
              type="button"
              role="menuitem"
              data-testid="action-edit"
              onClick={() => {
                setDraft(message.body);
                setMode('edit');
              }}
            >
              {t('chat.actionEdit')}
            </button>
          )}
          {canDelete && (
            <button
              type="button"
              role="menuitem"
              className="danger"
              data-testid="action-delete"
              disabled={action.pending}
              onClick={() => void run(() => request('message:delete', { messageId: message.id }))}
            >
              {t('chat.actionDelete')}
            </button>
          )}
          {canReport && (
            <button type="button" role="menuitem" data-testid="action-report" onClick={() => {
                setReason('');
                setMode('report');
              }}>
              {t('chat.actionReport')}
            </button>
          )}
          {canHide && (
            <button type="button" role="menuitem" data-testid="action-hide" onClick={() => {
                setReason('');
                setMode('hide');
              }}>
              {t('chat.actionHide')}
            </button>
          )}
          {canMute && (
            <button type="button" role="menuitem" data-testid="action-mute" onClick={() => {
                setReason('');
                setMode('mute');
              }}>
              {t('chat.actionMute')}
            </button>
          )}
          <button type="button" role="menuitem" className="ghost" onClick={close}>
            {t('chat.closeMenu')}
          </button>
        </div>
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
        <div className="popover inline-panel" role="group" aria-label={t('chat.muteTitle', { name: message.authorName })}>
          <p className="small">{t('chat.muteTitle', { name: message.authorName })}</p>
          <label className="field">
            <span className="small">{t('chat.muteReason')}</span>
            <input value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} />
          </label>
          <span className="row tight">
            {(ctx.mutedUntil.get(message.authorId) ?? '') > new Date().toISOString() && (
              <button type="button" className="secondary" data-testid="unmute-option" disabled={action.pending} onClick={() => void mute(0)}>
                {t('chat.unmute')}
              </button>
            )}
            {MUTE_CHOICES.map((minutes) => (
              <button
                key={minutes}
                type="button"
                className="secondary"
                data-testid="mute-option"
                data-minutes={minutes}
                disabled={action.pending}
                onClick={() => void mute(minutes)}
              >
                {t(`chat.muteMinutes.${minutes}`)}
              </button>
            ))}
            <button type="button" className="ghost" onClick={close}>
              {t('common.cancel')}
            </button>
          </span>
        </div>
      )}

      <ErrorLine error={action.error} small />
      {notice && (
        <p className="success small" role="status">
          {notice}
        </p>
      )}
    </Shell>
  );
}

/** The reason prompt of "report" and "hide": one field, submit and cancel. */
function ReasonForm(props: {
  kind: 'report' | 'hide';
  reason: string;
  onReason: (v: string) => void;
  onSubmit: (e: FormEvent) => Promise<void>;
  onCancel: () => void;
  pending: boolean;
  requireReason?: boolean;
  submitClass: string;
}) {
  const { t } = useTranslation();
  const { kind } = props;
  return (
    <form className="popover inline-panel" onSubmit={(e) => void props.onSubmit(e)}>
      <label className="field">
        <span>{t(`chat.${kind}Label`)}</span>
        <input
          data-testid={`${kind}-reason-input`}
          value={props.reason}
          maxLength={LIMITS.reportReason.max}
          placeholder={t(`chat.${kind}Placeholder`)}
          autoFocus
          onChange={(e) => props.onReason(e.target.value)}
        />
      </label>
      <span className="row tight">
        <button type="submit" className={props.submitClass} data-testid={`${kind}-submit`} disabled={props.pending || (props.requireReason === true && !props.reason.trim())}>
          {t(`chat.${kind}Submit`)}
        </button>
        <button type="button" className="ghost" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </span>
    </form>
  );
}
