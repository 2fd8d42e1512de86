import { memo } from 'react';
import type { ChatItem } from '../util';
import type { MessageContext } from './MessageContext';
import { OutboxItem } from './OutboxItem';
import { StoredItem } from './StoredItem';

interface Props {
  item: ChatItem;
  ctx: MessageContext;
  highlight?: boolean;
  /** Thread replies cannot have threads of their own. */
  inThread?: boolean;
  /** The thread's first message shown atop the thread panel (own test id: the timeline holds the same message). */
  threadParent?: boolean;
}

/** One row of a timeline or thread: a stored message, or one of mine not stored yet. */
export const MessageItem = memo(function MessageItem({ item, ctx, highlight, inThread, threadParent }: Props) {
  if (item.kind === 'outbox') return <OutboxItem entry={item.entry} ctx={ctx} />;
  return <StoredItem message={item.message} ctx={ctx} highlight={highlight} inThread={inThread} threadParent={threadParent} />;
});
