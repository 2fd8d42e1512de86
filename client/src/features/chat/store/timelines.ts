/** Channel timelines: first page, older pages, catch-up from the settled cursor, and merging. */
import { advanceCursor, LIMITS, type Message } from '@linli/shared';
import { request } from '../../../lib/socket';
import type { StoreCore } from './core';
import { later, upsertSorted } from './messages';
import { emptyTimeline, type Timeline } from './types';

export interface TimelineDeps {
  /** Saves the outbox after ingest removed entries the server stored. */
  saveOutbox: () => void;
  /** Marks the open channel read when the user can see it. */
  markRead: () => void;
}

export interface Timelines {
  /** Merges messages from any source (ack, push, history, sync, thread). */
  ingest(messages: Message[], options?: { insertOlder?: boolean }): void;
  /** Opens a channel: newest page on first visit, catch-up when the cache may be stale. */
  open(channelId: string): Promise<void>;
  /** Loads the page before the oldest message held; resolves false when there is nothing more. */
  loadOlder(channelId: string): Promise<boolean>;
  /** Catch-up: everything after the settled cursor plus recent older messages changed since. */
  sync(channelId: string): Promise<void>;
  /** After a gap: every loaded timeline may have missed events. */
  markAllStale(): void;
}

/** Records seqs as held and moves the catch-up cursor over every gap that closed. */
function settle(timeline: Timeline, seqs: number[], through = 0): Pick<Timeline, 'settledSeq' | 'heldAbove'> {
  const cursor = advanceCursor({ settled: timeline.settledSeq, heldAbove: timeline.heldAbove }, seqs, through);
  return { settledSeq: cursor.settled, heldAbove: cursor.heldAbove };
}

export function createTimelines(core: StoreCore, deps: TimelineDeps): Timelines {
  const loading = new Set<string>();
  const syncing = new Set<string>();

  function ingest(messages: Message[], options: { insertOlder?: boolean } = {}): void {
    if (messages.length === 0) return;
    let { timelines, threads, outbox } = core.get();
    let outboxChanged = false;
    for (const message of messages) {
      if (message.authorId === core.userId && outbox[message.clientId]) {
        if (!outboxChanged) outbox = { ...outbox };
        delete outbox[message.clientId];
        outboxChanged = true;
      }
      const timeline = timelines[message.channelId];
      if (timeline) {
        let list = timeline.messages;
        if (message.parentId === null) {
          const first = list[0];
          const olderThanWindow = timeline.loaded && timeline.hasMore && first !== undefined && message.seq < first.seq;
          const known = list.some((item) => item.id === message.id);
          if (known || !olderThanWindow || options.insertOlder) list = upsertSorted(list, message);
        }
        timelines = {
          ...timelines,
          [message.channelId]: {
            ...timeline,
            messages: list,
            ...settle(timeline, [message.seq]),
            maxSeq: Math.max(timeline.maxSeq, message.seq),
            lastUpdatedAt: later(timeline.lastUpdatedAt, message.updatedAt),
          },
        };
      }
      const parentThread = message.parentId ? threads[message.parentId] : undefined;
      if (message.parentId && parentThread) {
        threads = { ...threads, [message.parentId]: { ...parentThread, replies: upsertSorted(parentThread.replies, message) } };
      }
      const ownThread = threads[message.id];
      if (ownThread && ownThread.parent.updatedAt <= message.updatedAt) {
        threads = { ...threads, [message.id]: { ...ownThread, parent: message } };
      }
    }
    core.set({ timelines, threads, outbox });
    if (outboxChanged) deps.saveOutbox();
  }

  function patch(channelId: string, change: (timeline: Timeline) => Timeline): void {
    const timelines = core.get().timelines;
    core.set({ timelines: { ...timelines, [channelId]: change(timelines[channelId] ?? emptyTimeline()) } });
  }

  async function open(channelId: string): Promise<void> {
    const current = core.get().timelines[channelId];
    if (current?.loaded && !current.stale) return;
    if (current?.loaded && current.stale) return sync(channelId);
    if (loading.has(channelId)) return;
    loading.add(channelId);
    if (!current) patch(channelId, (timeline) => timeline);
    try {
      const res = await request('message:history', { channelId, limit: LIMITS.message.historyPage });
      if (!res.ok) {
        patch(channelId, (timeline) => ({ ...timeline, error: res.error }));
        return;
      }
      patch(channelId, (timeline) => {
        // Pushes that arrived while the page was loading are already in timeline.messages.
        let list = res.data.messages;
        for (const message of timeline.messages) list = upsertSorted(list, message);
        const maxSeq = list.reduce((max, message) => Math.max(max, message.seq), timeline.maxSeq);
        const lastUpdatedAt = list.reduce<string | null>((latest, message) => later(latest, message.updatedAt), timeline.lastUpdatedAt);
        const cursor = settle(timeline, list.map((message) => message.seq), res.data.through ?? 0);
        return { ...timeline, messages: list, hasMore: res.data.hasMore, loaded: true, stale: false, error: null, maxSeq, lastUpdatedAt, ...cursor };
      });
      ingest(res.data.messages); // clears outbox entries the server already stored
      deps.markRead();
    } finally {
      loading.delete(channelId);
    }
  }

  async function loadOlder(channelId: string): Promise<boolean> {
    const current = core.get().timelines[channelId];
    const first = current?.messages[0];
    if (!current || !current.loaded || !current.hasMore || current.loadingOlder || !first) return false;
    patch(channelId, (timeline) => ({ ...timeline, loadingOlder: true }));
    const res = await request('message:history', { channelId, beforeSeq: first.seq, limit: LIMITS.message.historyPage });
    if (!res.ok) {
      patch(channelId, (timeline) => ({ ...timeline, loadingOlder: false, error: res.error }));
      return false;
    }
    patch(channelId, (timeline) => {
      let list = timeline.messages;
      for (const message of res.data.messages) list = upsertSorted(list, message);
      return { ...timeline, messages: list, hasMore: res.data.hasMore, loadingOlder: false, error: null };
    });
    return true;
  }

  async function sync(channelId: string): Promise<void> {
    const current = core.get().timelines[channelId];
    if (!current?.loaded || syncing.has(channelId)) return;
    syncing.add(channelId);
    try {
      // A small margin covers clock drift between server nodes.
      const since = current.lastUpdatedAt ? new Date(new Date(current.lastUpdatedAt).getTime() - 5000).toISOString() : undefined;
      const res = await request(
        'message:sync',
        since ? { channelId, afterSeq: current.settledSeq, updatedSince: since } : { channelId, afterSeq: current.settledSeq },
      );
      if (!res.ok) {
        patch(channelId, (timeline) => ({ ...timeline, error: res.error }));
        return;
      }
      if (res.data.hasMore) {
        // Too much missed: start again from the newest page.
        core.set({ timelines: { ...core.get().timelines, [channelId]: emptyTimeline() } });
        syncing.delete(channelId);
        await open(channelId);
        return;
      }
      const through = res.data.through;
      patch(channelId, (timeline) => ({ ...timeline, stale: false, error: null, ...settle(timeline, [], through) }));
      ingest(res.data.messages);
      deps.markRead();
    } finally {
      syncing.delete(channelId);
    }
  }

  function markAllStale(): void {
    const timelines: Record<string, Timeline> = {};
    for (const [id, timeline] of Object.entries(core.get().timelines)) timelines[id] = timeline.loaded ? { ...timeline, stale: true } : timeline;
    core.set({ timelines });
  }

  return { ingest, open, loadOlder, sync, markAllStale };
}
