/**
 * The chat store of one signed-in session: the source of truth for timelines, threads,
 * the outbox of unsent messages, read positions and typing. Once started it listens to
 * the socket for the whole session, so switching channels is instant and no live event
 * is dropped; every (re)connect catches up from the settled cursors.
 */
import type { ArgumentStance, Message, VoiceRef, WireError } from '@linli/shared';
import { socket, type ServerPayload } from '../../../lib/socket';
import { createCore } from './core';
import { createOutbox, outboxStorage } from './outbox';
import { createReadPositions } from './readState';
import { createThreadLoader } from './threads';
import { createTimelines } from './timelines';
import { createTyping } from './typing';
import { emptyState, type ChatState } from './types';

export interface ChatStoreOptions {
  userId: string;
  /** Called when the page comes back after more than a minute hidden (events may have been missed). */
  onLongAbsence?: () => void;
}

export interface ChatStore {
  readonly userId: string;
  /** Unsent composer text per channel / thread (key `channelId:parentId`), kept while the user looks elsewhere. */
  readonly drafts: Map<string, string>;
  getState(): ChatState;
  subscribe(listener: () => void): () => void;
  /** Listens to the socket and the page; returns the function that stops listening. */
  start(): () => void;
  /** The session ended: nothing is sent any more, timers stop. */
  dispose(): void;

  openTimeline(channelId: string): Promise<void>;
  loadOlder(channelId: string): Promise<boolean>;
  syncChannel(channelId: string): Promise<void>;
  openThread(messageId: string): Promise<{ parentId: string } | WireError>;
  /** Applies messages returned by an ack (edit, delete, react, hide) right away. */
  applyMessages(messages: Message[]): void;

  /** stance: an argument's side, in a deliberation topic's channel only; voice: a recording uploaded before (body may then be empty). */
  sendMessage(channelId: string, body: string, parentId?: string | null, stance?: ArgumentStance | null, voice?: VoiceRef | null): string;
  retryMessage(clientId: string): void;
  discardMessage(clientId: string): void;

  loadReadStates(communityId: string): Promise<void>;
  setActiveChannel(channelId: string | null): void;
  setActiveCommunity(communityId: string | null): void;
  notifyTyping(channelId: string): void;
}

/** Away this long (page hidden), the store catches up as after a reconnect. */
const LONG_ABSENCE_MS = 60_000;

export function createChatStore({ userId, onLongAbsence }: ChatStoreOptions): ChatStore {
  const storage = outboxStorage(userId);
  const core = createCore(userId, { ...emptyState(), outbox: storage.restore() });
  let live = true;
  const reads = createReadPositions(core);
  const timelines = createTimelines(core, { saveOutbox: () => storage.save(core.get().outbox), markRead: reads.markRead });
  const openThread = createThreadLoader(core, timelines.ingest);
  const outbox = createOutbox(core, { storage, ingest: timelines.ingest, markRead: reads.markRead, isLive: () => live });
  const typing = createTyping(core);

  /** After a gap we may have missed events: resync what is on screen and refresh counters. */
  function resyncAfterGap(): void {
    timelines.markAllStale();
    const channelId = reads.activeChannel();
    if (channelId) void timelines.sync(channelId);
    for (const threadId of Object.keys(core.get().threads)) void openThread(threadId);
    const communityId = reads.activeCommunity();
    if (communityId) void reads.load(communityId);
  }

  function start(): () => void {
    const onConnect = () => {
      outbox.resendFailed();
      // Every (re)connect catches up from the settled cursors: exact, whatever was missed.
      resyncAfterGap();
    };
    const onCreated = (message: ServerPayload<'message:created'>) => {
      timelines.ingest([message]);
      typing.drop(message.channelId, message.authorId);
      reads.countIncoming(message);
      if (message.channelId === reads.activeChannel()) reads.markRead();
    };
    const onUpdated = (message: ServerPayload<'message:updated'>) => timelines.ingest([message]);
    const onRead = (readState: ServerPayload<'read:updated'>) => reads.save(readState);
    const onTyping = (push: ServerPayload<'typing:updated'>) => typing.received(push);

    socket.on('connect', onConnect);
    socket.on('message:created', onCreated);
    socket.on('message:updated', onUpdated);
    socket.on('read:updated', onRead);
    socket.on('typing:updated', onTyping);

    let hiddenSince: number | null = null;
    const onActive = () => reads.markRead();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        hiddenSince = Date.now();
        return;
      }
      const away = hiddenSince === null ? 0 : Date.now() - hiddenSince;
      hiddenSince = null;
      if (away > LONG_ABSENCE_MS && socket.connected) {
        resyncAfterGap();
        onLongAbsence?.();
      } else {
        onActive();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('focus', onActive);

    return () => {
      socket.off('connect', onConnect);
      socket.off('message:created', onCreated);
      socket.off('message:updated', onUpdated);
      socket.off('read:updated', onRead);
      socket.off('typing:updated', onTyping);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('focus', onActive);
    };
  }

  return {
    userId,
    drafts: new Map(),
    getState: core.get,
    subscribe: core.subscribe,
    start,
    dispose() {
      live = false;
      typing.dispose();
    },
    openTimeline: timelines.open,
    loadOlder: timelines.loadOlder,
    syncChannel: timelines.sync,
    openThread,
    applyMessages: (messages) => timelines.ingest(messages),
    sendMessage: outbox.send,
    retryMessage: outbox.retry,
    discardMessage: outbox.discard,
    loadReadStates: reads.load,
    setActiveChannel: reads.setActiveChannel,
    setActiveCommunity: reads.setActiveCommunity,
    notifyTyping: typing.notify,
  };
}
