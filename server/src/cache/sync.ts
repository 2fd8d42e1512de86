/**
 * Keeps the per-node read caches in step across nodes. A change is applied on
 * the node that made it and announced to the others through the socket.io
 * adapter (serverSideEmit), which each node answers by re-reading the record.
 *
 * Why caches at all: the hot paths (socket handshake, every message:send)
 * would otherwise read sessions and memberships on every call. On MongoDB
 * those are indexed lookups; on FerretDB 1.x with SQLite every read but an
 * insert scans its whole collection, so they cost milliseconds per thousand rows.
 */
export type Invalidation =
  | { kind: 'session'; sessionId: string }
  | { kind: 'userSessions'; userId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'membership'; communityId: string; userId: string }
  | { kind: 'userMemberships'; userId: string }
  | { kind: 'channel'; channelId: string };

export interface ServerSideEvents {
  'cache:invalidate': (msg: Invalidation) => void;
}

export type InvalidationHandler = (msg: Invalidation) => void | Promise<void>;

export interface CacheSync {
  /** Applies locally, then tells the other nodes. */
  publish(msg: Invalidation): Promise<void>;
  subscribe(handler: InvalidationHandler): void;
}

export function createCacheSync(emitToOthers: (msg: Invalidation) => void, onError: (err: unknown) => void): CacheSync & { receive(msg: Invalidation): void } {
  const handlers: InvalidationHandler[] = [];
  const apply = async (msg: Invalidation) => {
    for (const h of handlers) await h(msg);
  };
  return {
    async publish(msg) {
      await apply(msg);
      try {
        emitToOthers(msg);
      } catch (err) {
        onError(err);
      }
    },
    subscribe(handler) {
      handlers.push(handler);
    },
    receive(msg) {
      void Promise.resolve(apply(msg)).catch(onError);
    },
  };
}
