/** The chat store's state: timelines, threads, the outbox, read positions and typing. */
import type { ArgumentStance, ChannelReadState, Message, VoiceRef, WireError } from '@linli/shared';

export interface Timeline {
  /** Main timeline (parentId null), ascending by seq. */
  messages: Message[];
  hasMore: boolean;
  loaded: boolean;
  loadingOlder: boolean;
  /** Highest seq held for the channel, thread replies included. */
  maxSeq: number;
  /**
   * The catch-up cursor: every seq up to it is held or will never hold a message.
   * Messages can arrive out of seq order (two server nodes write at once), so catching
   * up after maxSeq could skip one still in flight; catching up after this cannot.
   */
  settledSeq: number;
  /** Seqs held above settledSeq (waiting for the gap below them to close). */
  heldAbove: number[];
  /** Latest server updatedAt seen in the channel: the catch-up time. */
  lastUpdatedAt: string | null;
  /** Events may have been missed (reconnect without recovery, long absence). */
  stale: boolean;
  error: WireError | null;
}

export interface Thread {
  parent: Message;
  replies: Message[];
}

export type OutboxStatus = 'pending' | 'failed';

export interface OutboxEntry {
  clientId: string;
  channelId: string;
  parentId: string | null;
  body: string;
  /** An argument's side in a deliberation topic's channel (absent on ordinary messages). */
  stance?: ArgumentStance | null;
  /** A voice recording uploaded before (features/voice); absent on text messages. */
  voice?: VoiceRef;
  status: OutboxStatus;
  error: WireError | null;
  createdAt: string;
}

export interface TypingEntry {
  userId: string;
  displayName: string;
  until: number;
}

export interface ChatState {
  timelines: Record<string, Timeline>;
  threads: Record<string, Thread>;
  outbox: Record<string, OutboxEntry>;
  readStates: Record<string, ChannelReadState>;
  typing: Record<string, TypingEntry[]>;
  /** Read position when the open channel was entered: where the "new messages" divider goes. */
  dividerSeq: Record<string, number | null>;
}

export const emptyState = (): ChatState => ({
  timelines: {},
  threads: {},
  outbox: {},
  readStates: {},
  typing: {},
  dividerSeq: {},
});

export const emptyTimeline = (): Timeline => ({
  messages: [],
  hasMore: false,
  loaded: false,
  loadingOlder: false,
  maxSeq: 0,
  settledSeq: 0,
  heldAbove: [],
  lastUpdatedAt: null,
  stale: false,
  error: null,
});
