import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, WireError } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { Composer } from './Composer';
import type { MessageContext } from './message/MessageContext';
import { MessageItem } from './message/MessageItem';
import { useChat, useChatStore } from './store';
import type { ChatItem } from './util';

interface Props {
  parentId: string;
  channelId: string;
  ctx: MessageContext;
  members: Member[] | null;
  canPost: boolean;
  highlightId: string | null;
  onClose: () => void;
}

/** A thread: the first message, its replies and a composer that replies in it. */
export function ThreadPanel({ parentId, channelId, ctx, members, canPost, highlightId, onClose }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const chat = useChatStore();
  const thread = useChat((state) => state.threads[parentId]);
  const outbox = useChat((state) => state.outbox);
  const [error, setError] = useState<WireError | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    void chat.openThread(parentId).then((res) => {
      if (!cancelled && !('parentId' in res)) setError(res);
    });
    return () => {
      cancelled = true;
    };
  }, [chat, parentId]);

  const items = useMemo<ChatItem[]>(() => {
    const stored: ChatItem[] = (thread?.replies ?? []).map((message) => ({ kind: 'message', message }));
    const held = new Set(thread?.replies.map((reply) => reply.clientId));
    const local: ChatItem[] = Object.values(outbox)
      .filter((entry) => entry.parentId === parentId && !held.has(entry.clientId))
      .sort((first, second) => first.createdAt.localeCompare(second.createdAt))
      .map((entry) => ({ kind: 'outbox', entry }));
    return [...stored, ...local];
  }, [thread, outbox, parentId]);

  // Follow new replies.
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [items.length]);

  useEffect(() => {
    if (!highlightId || !thread) return;
    document.getElementById(`message-${highlightId}`)?.scrollIntoView({ block: 'center' });
  }, [highlightId, thread]);

  const threadCtx = useMemo<MessageContext>(() => ({ ...ctx, onOpenThread: undefined }), [ctx]);
  const parentVisible = thread?.parent.state === 'visible';

  return (
    <aside className="thread-panel" data-testid="thread-panel" aria-label={t('chat.threadTitle')}>
      <div className="thread-head">
        <button type="button" className="ghost" data-testid="thread-close" aria-label={`${t('chat.backShort')} · ${t('chat.threadClose')}`} onClick={onClose}>
          <span aria-hidden="true">‹ </span>
          {t('chat.backShort')}
        </button>
        <h3>{t('chat.threadTitle')}</h3>
      </div>
      <div className="thread-scroll" ref={listRef}>
        {error && (
          <p className="error" role="alert">
            {errorText(error)}
          </p>
        )}
        {!thread && !error && <p className="muted center">{t('chat.threadLoading')}</p>}
        {thread && (
          <>
            <ol className="message-list thread-parent">
              <MessageItem item={{ kind: 'message', message: thread.parent }} ctx={threadCtx} inThread threadParent highlight={thread.parent.id === highlightId} />
            </ol>
            <p className="muted small thread-count">
              {thread.replies.length === 0 ? t('chat.threadEmpty') : t('chat.replies', { count: thread.replies.length })}
            </p>
            <ol className="message-list" data-testid="thread-replies">
              {items.map((item) => (
                <MessageItem
                  key={item.kind === 'message' ? item.message.id : `local-${item.entry.clientId}`}
                  item={item}
                  ctx={threadCtx}
                  inThread
                  highlight={item.kind === 'message' && item.message.id === highlightId}
                />
              ))}
            </ol>
          </>
        )}
      </div>
      {canPost && parentVisible && (
        <Composer
          key={`${channelId}:${parentId}`}
          channelId={channelId}
          parentId={parentId}
          members={members}
          me={ctx.me}
          placeholder={t('chat.threadPlaceholder')}
          inputTestId="thread-composer-input"
          sendTestId="thread-send-button"
          autoFocus
          communityId={ctx.communityId}
        />
      )}
    </aside>
  );
}
