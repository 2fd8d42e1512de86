import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageContext } from './message/MessageContext';
import { MessageItem } from './message/MessageItem';
import { itemKey, itemTime, sameDay, useDayLabel, type ChatItem } from './util';

interface Props {
  channelId: string;
  items: ChatItem[];
  ctx: MessageContext;
  loaded: boolean;
  hasMore: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => Promise<boolean>;
  /** Messages after this seq (not mine) are new: the divider goes before the first. */
  dividerSeq: number | null;
  highlightId: string | null;
  /** Increments when the user sent something: jump to the bottom. */
  sentTick: number;
}

const NEAR_BOTTOM = 120;
const NEAR_TOP = 150;

/** The scrolling timeline: day separators, new-messages divider, older pages on scroll up. */
export function MessageList({ channelId, items, ctx, loaded, hasMore, loadingOlder, onLoadOlder, dividerSeq, highlightId, sentTick }: Props) {
  const { t } = useTranslation();
  const dayLabel = useDayLabel();
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const positioned = useRef(false);
  const lastKey = useRef<string | null>(null);
  const [unseen, setUnseen] = useState(0);

  const firstNewIndex =
    dividerSeq === null
      ? -1
      : items.findIndex((item) => item.kind === 'message' && item.message.seq > dividerSeq && item.message.authorId !== ctx.me);

  const last = items[items.length - 1];
  const lastItemKey = last ? itemKey(last) : null;

  // Keep the reading position: restore after older pages, follow new messages at the bottom.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !loaded) return;
    if (!positioned.current) {
      positioned.current = true;
      lastKey.current = lastItemKey;
      const divider = el.querySelector<HTMLElement>('[data-testid="new-messages-divider"]');
      if (divider) el.scrollTop = Math.max(0, divider.offsetTop - el.offsetTop - 48);
      else el.scrollTop = el.scrollHeight;
      atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM;
      return;
    }
    if (anchor.current) {
      el.scrollTop = anchor.current.top + (el.scrollHeight - anchor.current.height);
      anchor.current = null;
    }
    if (lastItemKey !== lastKey.current) {
      lastKey.current = lastItemKey;
      const ownNew = last?.kind === 'outbox' || (last?.kind === 'message' && last.message.authorId === ctx.me);
      if (atBottom.current || ownNew) {
        el.scrollTop = el.scrollHeight;
        setUnseen(0);
      } else {
        setUnseen((count) => count + 1);
      }
    }
  }, [items, loaded, lastItemKey, last, ctx.me]);

  useEffect(() => {
    const el = ref.current;
    if (!el || sentTick === 0) return;
    el.scrollTop = el.scrollHeight;
    atBottom.current = true;
  }, [sentTick]);

  useEffect(() => {
    if (!highlightId) return;
    const target = document.getElementById(`message-${highlightId}`);
    target?.scrollIntoView({ block: 'center' });
  }, [highlightId, loaded]);

  async function older() {
    const el = ref.current;
    if (!el || !hasMore || loadingOlder) return;
    anchor.current = { height: el.scrollHeight, top: el.scrollTop };
    const ok = await onLoadOlder();
    if (!ok) anchor.current = null;
  }

  function onScroll() {
    const el = ref.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM;
    if (atBottom.current && unseen > 0) setUnseen(0);
    if (el.scrollTop < NEAR_TOP && hasMore && !loadingOlder && positioned.current) void older();
  }

  // A short first page may not fill the screen: no scroll event would ever load more.
  useEffect(() => {
    const el = ref.current;
    if (!el || !loaded || !hasMore || loadingOlder) return;
    if (el.scrollHeight <= el.clientHeight + 10) void older();
  });

  return (
    <div className="message-scroll" ref={ref} onScroll={onScroll} data-channel-id={channelId}>
      {loaded && hasMore && (
        <div className="older">
          <button type="button" className="ghost" data-testid="load-older" disabled={loadingOlder} onClick={() => void older()}>
            {loadingOlder ? t('chat.loadingOlder') : t('chat.loadOlder')}
          </button>
        </div>
      )}
      {loaded && !hasMore && items.length > 0 && <p className="muted small center">{t('chat.beginning')}</p>}
      {!loaded && <p className="muted center">{t('chat.loading')}</p>}
      {loaded && items.length === 0 && <p className="muted center empty-chat">{t('chat.empty')}</p>}
      <ol className="message-list" data-testid="message-list" aria-live="polite" aria-relevant="additions">
        {items.map((item, index) => {
          const prev = items[index - 1];
          const time = itemTime(item);
          const newDay = !prev || !sameDay(itemTime(prev), time);
          const key = itemKey(item);
          return (
            <Fragment key={key}>
              {newDay && (
                <li className="day-separator">
                  <span>{dayLabel(time)}</span>
                </li>
              )}
              {index === firstNewIndex && (
                <li className="new-divider" data-testid="new-messages-divider">
                  <span>{t('chat.newMessages')}</span>
                </li>
              )}
              <MessageItem item={item} ctx={ctx} highlight={item.kind === 'message' && item.message.id === highlightId} />
            </Fragment>
          );
        })}
      </ol>
      {unseen > 0 && (
        <button
          type="button"
          className="primary jump-latest"
          onClick={() => {
            const el = ref.current;
            if (el) el.scrollTop = el.scrollHeight;
            setUnseen(0);
          }}
        >
          ↓ {t('chat.jumpToLatest')} ({unseen})
        </button>
      )}
    </div>
  );
}
