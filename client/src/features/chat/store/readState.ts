/** Read positions: unread counts, the "new messages" divider, and marking the open channel read. */
import type { ChannelReadState, Message } from '@linli/shared';
import { request, socket } from '../../../lib/socket';
import type { StoreCore } from './core';

export interface ReadPositions {
  load(communityId: string): Promise<void>;
  /** Marks the open channel read up to the newest message held, when the user can see it. */
  markRead(): void;
  /** Keeps the furthest read position (another tab may have read further). */
  save(readState: ChannelReadState): void;
  /** Counts a pushed message: unread for others' main-timeline messages the user cannot see now. */
  countIncoming(message: Message): void;
  /** The channel the user has open (null when none); drives marking read and the divider. */
  setActiveChannel(channelId: string | null): void;
  activeChannel(): string | null;
  setActiveCommunity(communityId: string | null): void;
  activeCommunity(): string | null;
}

/** The page is visible and focused: the user can see the open channel. */
export function windowActive(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'visible' && document.hasFocus();
}

export function createReadPositions(core: StoreCore): ReadPositions {
  let activeChannelId: string | null = null;
  let activeCommunityId: string | null = null;
  /** Highest seq a markRead was sent for, per channel (0 after a failure, to send again). */
  const markSent: Record<string, number> = {};

  function captureDivider(): void {
    const channelId = activeChannelId;
    const { dividerSeq, readStates } = core.get();
    if (!channelId || channelId in dividerSeq) return;
    const readState = readStates[channelId];
    if (!readState) return;
    core.set({ dividerSeq: { ...dividerSeq, [channelId]: readState.unread > 0 ? readState.lastReadSeq : null } });
  }

  function save(readState: ChannelReadState): void {
    const readStates = core.get().readStates;
    const old = readStates[readState.channelId];
    if (old && old.lastReadSeq > readState.lastReadSeq) return;
    core.set({ readStates: { ...readStates, [readState.channelId]: { ...readState, lastSeq: Math.max(readState.lastSeq, old?.lastSeq ?? 0) } } });
  }

  function markRead(): void {
    const channelId = activeChannelId;
    if (!channelId || !windowActive() || !socket.connected) return;
    const timeline = core.get().timelines[channelId];
    const readState = core.get().readStates[channelId];
    if (!timeline?.loaded || !readState) return;
    captureDivider();
    const seq = timeline.maxSeq;
    if (seq <= readState.lastReadSeq && readState.unread === 0) return;
    if ((markSent[channelId] ?? 0) >= seq) return;
    markSent[channelId] = seq;
    void request('channel:markRead', { channelId, seq }).then((res) => {
      if (res.ok) save(res.data);
      else markSent[channelId] = 0;
    });
  }

  return {
    async load(communityId) {
      const res = await request('channel:readStates', { communityId });
      if (!res.ok) return;
      const readStates = { ...core.get().readStates };
      for (const readState of res.data) readStates[readState.channelId] = readState;
      core.set({ readStates });
      captureDivider();
      markRead();
    },
    markRead,
    save,
    countIncoming(message) {
      const readStates = core.get().readStates;
      const readState = readStates[message.channelId];
      if (!readState || message.seq <= readState.lastSeq) return;
      if (message.parentId === null && message.authorId !== core.userId) {
        const seen = message.channelId === activeChannelId && windowActive();
        const unread = seen ? readState.unread : readState.unread + 1;
        core.set({ readStates: { ...readStates, [message.channelId]: { ...readState, lastSeq: message.seq, unread } } });
      } else {
        core.set({ readStates: { ...readStates, [message.channelId]: { ...readState, lastSeq: message.seq } } });
      }
    },
    setActiveChannel(channelId) {
      if (activeChannelId === channelId) return;
      activeChannelId = channelId;
      if (channelId) {
        const dividerSeq = { ...core.get().dividerSeq };
        delete dividerSeq[channelId];
        core.set({ dividerSeq });
        captureDivider();
        markRead();
      }
    },
    activeChannel: () => activeChannelId,
    setActiveCommunity(communityId) {
      activeCommunityId = communityId;
    },
    activeCommunity: () => activeCommunityId,
  };
}
