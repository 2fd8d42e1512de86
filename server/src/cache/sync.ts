import { randomUUID } from 'node:crypto';

/**
 * Keeps the per-node read caches in step across nodes. A change is applied on
 * the node that made it, announced to the others through the socket.io
 * adapter (serverSideEmit, at most once: the fast path) and written to a small
 * durable log every node polls (the path that cannot lose anything: a Redis
 * outage or a reconnect in the wrong order drops fast-path messages).
 * Every invalidation means "re-read this record", so applying one twice or
 * late is harmless.
 *
 * Why caches at all: the hot paths (socket handshake, every message:send)
 * would otherwise read sessions and memberships on every call. On MongoDB
 * those are indexed lookups; on FerretDB 1.x with SQLite every read but an
 * insert or an _id lookup scans its whole collection.
 */
export type Invalidation =
  | { kind: 'session'; sessionId: string }
  | { kind: 'userSessions'; userId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'membership'; communityId: string; userId: string }
  | { kind: 'userMemberships'; userId: string }
  | { kind: 'channel'; channelId: string }
  /** Who is staff of which organisation, in one community. */
  | { kind: 'staffing'; communityId: string };

/** One invalidation as it travels: who sent it, and an id to apply it once per node. */
export interface InvalidationEntry {
  id: string;
  origin: string;
  at: Date;
  msg: Invalidation;
}

export interface ServerSideEvents {
  'cache:invalidate': (entry: { id: string; origin: string; msg: Invalidation }) => void;
}

export type InvalidationHandler = (msg: Invalidation) => void | Promise<void>;

/** Where invalidations are kept so that a node that missed the fast path still learns of them. */
export interface InvalidationStore {
  append(entry: InvalidationEntry): Promise<void>;
  /** Entries stamped after `after`, oldest first. */
  since(after: Date): Promise<InvalidationEntry[]>;
  prune(before: Date): Promise<void>;
}

export interface CacheSync {
  /** Applies locally, then tells the other nodes (fast path and durable log). */
  publish(msg: Invalidation): Promise<void>;
  /** Cache updates: run for every invalidation, on every node, by either path. */
  subscribe(handler: InvalidationHandler): void;
  /**
   * Side effects on this node's sockets (disconnect a dead session, leave the
   * rooms of a lost membership). Run on the other nodes once per invalidation,
   * from the durable log, after the caches were updated; the publishing node
   * does its own through the notifier.
   */
  subscribeEffects(handler: InvalidationHandler): void;
  /** Full reloads, for when invalidations may have been missed wholesale. */
  onReset(handler: () => void | Promise<void>): void;
}

export const SYNC_TIMING = {
  /** How often each node reads the durable log. */
  pollMs: 1000,
  /** Read back this far before the last poll: covers clock skew between nodes and slow inserts. */
  marginMs: 30_000,
  /** Entries older than this are deleted; a node that could not poll for longer resets its caches. */
  retentionMs: 60 * 60_000,
  pruneEveryMs: 5 * 60_000,
};

export function createCacheSync(deps: {
  /** Fast path to the other nodes; may drop messages. */
  emitToOthers: (entry: { id: string; origin: string; msg: Invalidation }) => void;
  /** Durable path; null on a single node, which has no one else to tell. */
  store: InvalidationStore | null;
  onError: (err: unknown, what: string) => void;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const origin = randomUUID();
  const handlers: InvalidationHandler[] = [];
  const effects: InvalidationHandler[] = [];
  const resets: (() => void | Promise<void>)[] = [];
  // Durable entries this node has handled, kept as long as a poll can read them again.
  const handled = new Map<string, number>();
  // Appends that failed (database briefly away); retried before each poll.
  const unsaved: InvalidationEntry[] = [];
  let lastPoll = now();
  let lastPrune = 0;
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<void> | null = null;

  const apply = async (msg: Invalidation) => {
    for (const handler of handlers) await handler(msg);
  };

  async function reset() {
    for (const handler of resets) await handler();
  }

  async function save(entry: InvalidationEntry) {
    if (!deps.store) return;
    try {
      await deps.store.append(entry);
    } catch (err) {
      unsaved.push(entry);
      deps.onError(err, 'invalidation not saved; will retry');
    }
  }

  async function pollOnce() {
    const store = deps.store;
    if (!store) return;
    while (unsaved.length > 0) {
      await store.append(unsaved[0]!);
      unsaved.shift();
    }
    const started = now();
    if (started - lastPoll > SYNC_TIMING.retentionMs - SYNC_TIMING.marginMs) {
      // Entries may already be pruned: nothing short of a full reload is safe.
      await reset();
    }
    const entries = await store.since(new Date(lastPoll - SYNC_TIMING.marginMs));
    for (const entry of entries) {
      if (handled.has(entry.id)) continue;
      handled.set(entry.id, started);
      if (entry.origin === origin) continue;
      await apply(entry.msg);
      for (const effect of effects) await effect(entry.msg);
    }
    lastPoll = started;
    for (const [id, handledAt] of handled) if (started - handledAt > 3 * SYNC_TIMING.marginMs) handled.delete(id);
    if (started - lastPrune > SYNC_TIMING.pruneEveryMs) {
      lastPrune = started;
      await store.prune(new Date(started - SYNC_TIMING.retentionMs));
    }
  }

  /** One poll at a time; errors are reported and the next poll tries again from the same point. */
  function poll(): Promise<void> {
    polling ??= pollOnce()
      .catch((err: unknown) => deps.onError(err, 'invalidation poll failed'))
      .finally(() => {
        polling = null;
      });
    return polling;
  }

  return {
    origin,

    async publish(msg: Invalidation) {
      await apply(msg);
      const entry: InvalidationEntry = { id: randomUUID(), origin, at: new Date(now()), msg };
      handled.set(entry.id, now());
      try {
        deps.emitToOthers({ id: entry.id, origin, msg });
      } catch (err) {
        deps.onError(err, 'invalidation fast path failed');
      }
      await save(entry);
    },

    subscribe(handler: InvalidationHandler) {
      handlers.push(handler);
    },

    subscribeEffects(handler: InvalidationHandler) {
      effects.push(handler);
    },

    onReset(handler: () => void | Promise<void>) {
      resets.push(handler);
    },

    /** Fast path from another node: update the caches now; effects follow from the log. */
    receive(entry: { id: string; origin: string; msg: Invalidation }) {
      if (entry.origin === origin) return;
      void Promise.resolve(apply(entry.msg)).catch((err: unknown) => deps.onError(err, 'invalidation failed'));
    },

    /** Reloads every cache and reads the log at once (after a Redis reconnect, for instance). */
    async resync() {
      try {
        await reset();
      } catch (err) {
        deps.onError(err, 'cache reload failed');
      }
      await poll();
    },

    /** Reads the log now; resolves when done (tests and shutdown use it). */
    poll,

    start() {
      if (!deps.store || timer) return;
      timer = setInterval(() => void poll(), SYNC_TIMING.pollMs);
      timer.unref();
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await polling;
    },
  };
}

export type CacheSyncNode = ReturnType<typeof createCacheSync>;
