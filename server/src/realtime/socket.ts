import type { IncomingMessage } from 'node:http';
import type { RedisClientType } from 'redis';
import { LIMITS, MAX_SOCKETS_PER_USER } from '@linli/shared';
import type { Models } from '../models.js';
import type { CacheSync, Invalidation } from '../cache/sync.js';
import type { MembershipCache } from '../members/membership-cache.js';
import type { Staffing } from '../organisations/staffing.js';
import type { HandlerMap } from '../capability.js';
import type { AuthService } from '../auth/auth.service.js';
import { readSessionToken } from '../auth/cookies.js';
import type { Logger } from '../lib/logger.js';
import type { Limiter } from '../lib/rate-limit.js';
import { bindHandlers, type LinliSocket } from './handlers.js';
import type { LinliServer } from './notifier.js';
import { rooms } from './rooms.js';

/** How long an accepted handshake that never connects still counts towards its user's socket cap. */
const ADMITTING_HOLD_MS = 10_000;

/** Absent Origin means a non-browser client, which cannot carry a victim's cookie. */
export function originAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  return origin === undefined || allowed.includes(origin);
}

export function originGate(allowed: readonly string[]) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
    const ok = originAllowed(req.headers.origin, allowed);
    callback(ok ? null : 'ORIGIN_NOT_ALLOWED', ok);
  };
}

export const socketServerOptions = {
  maxHttpBufferSize: LIMITS.maxSocketFrameBytes,
  // No connectionStateRecovery: socket.io restores a resumed socket's old rooms
  // and sends it the packets it missed before any middleware has run, so a
  // logged-out, banned, demoted or cookie-less client would get them. Every
  // reconnect is a fresh handshake with rooms from the current state, and the
  // client catches up with message:sync.
  pingInterval: 20_000,
  pingTimeout: 20_000,
};

/** Adapter message type of a broadcast (socket.io-adapter's MessageType.BROADCAST), as written to the stream. */
const BROADCAST = '3';
/** Broadcasts kept while Redis is away, sent to the other nodes when it is back. */
const MAX_HELD_BROADCASTS = 10_000;

/**
 * The Redis client as the socket.io adapter should see it. The streams
 * adapter waits for its XADD before delivering a broadcast locally and fires
 * PUBLISH without handling a failure, so with Redis away a node would stop
 * delivering to its own clients, and a failed PUBLISH would be an unhandled
 * rejection. Here, while Redis is not ready: PUBLISH (server-side emits,
 * fetchSockets requests: at most once anyway) is dropped; XADD fails at once
 * so the adapter delivers locally, and broadcasts are held (bounded) and sent
 * to the stream when Redis is back, so the other nodes still get them; room
 * changes and heartbeats are dropped (the invalidation log restores rooms).
 */
export function adapterRedisClient(redis: RedisClientType, events: { onHeldOverflow(): void; onReconnected(): void }): RedisClientType {
  // Each connection's first 'ready' is its start; a later one is a reconnect.
  const watchReconnects = (client: RedisClientType) => {
    let started = client.isReady;
    client.on('ready', () => {
      if (started) events.onReconnected();
      started = true;
    });
  };
  watchReconnects(redis);
  type XAddArgs = Parameters<RedisClientType['xAdd']>;
  const held: XAddArgs[] = [];
  let overflowed = false;
  const flush = () => {
    while (held.length > 0 && redis.isReady) {
      void redis.xAdd(...held.shift()!).catch(() => undefined);
    }
    overflowed = false;
  };
  redis.on('ready', flush);
  const publish = (...args: Parameters<RedisClientType['publish']>) =>
    redis.isReady ? redis.publish(...args).catch(() => 0) : Promise.resolve(0);
  const xAdd = (...args: XAddArgs) => {
    if (redis.isReady) {
      flush();
      return redis.xAdd(...args);
    }
    const message = args[2] as Record<string, unknown>;
    if (message.type === BROADCAST) {
      if (held.length < MAX_HELD_BROADCASTS) held.push(args);
      else if (!overflowed) {
        overflowed = true;
        events.onHeldOverflow();
      }
    }
    return Promise.reject(new Error('Redis is not ready'));
  };
  return new Proxy(redis, {
    get(target, prop) {
      if (prop === 'publish') return publish;
      if (prop === 'xAdd') return xAdd;
      if (prop === 'duplicate') {
        // The adapter's own reading and subscribing connections: their reconnects matter too.
        return (...args: Parameters<RedisClientType['duplicate']>) => {
          const copy = target.duplicate(...args) as unknown as RedisClientType;
          watchReconnects(copy);
          return copy;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      // node-redis methods use private fields: call them on the client itself.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Authenticates each socket with the HTTP session cookie and wires its handlers. */
export function attachSocketLayer(deps: {
  io: LinliServer;
  auth: AuthService;
  models: Models;
  staffing: Staffing;
  sync: CacheSync;
  memberships: MembershipCache;
  handlers: HandlerMap;
  limiter: Limiter;
  log: Logger;
  presence: { connected(userId: string, name: string): Promise<void>; disconnected(userId: string, name: string): Promise<void> };
}) {
  const { io, auth, models, log } = deps;

  // Rooms are worked out during the handshake and joined synchronously on
  // connection, so a client that has seen its CONNECT is already in them.
  const pendingRooms = new WeakMap<object, string[]>();
  // Handshakes accepted but not yet in their user room, per user, for the socket cap.
  const admitting = new Map<string, number>();
  const localRoom = (room: string) => io.of('/').adapter.rooms.get(room);
  const localSocketsIn = (room: string) => [...(localRoom(room) ?? [])].flatMap((id) => io.of('/').sockets.get(id) ?? []);
  const admittingSockets = new WeakSet<object>();
  /** The socket is in its user room now (or never will be): it no longer counts as admitting. */
  function admitted(socket: object, userId: string): void {
    if (!admittingSockets.delete(socket)) return;
    const remaining = (admitting.get(userId) ?? 1) - 1;
    if (remaining > 0) admitting.set(userId, remaining);
    else admitting.delete(userId);
  }

  io.use((socket, next) => {
    auth
      .resolveSession(readSessionToken(socket.request.headers.cookie))
      .then(async (session) => {
        if (!session) return next(new Error('UNAUTHENTICATED'));
        const userId = session.user.id;
        socket.data = {
          userId,
          sessionId: session.sessionId,
          displayName: session.user.displayName,
          isPlatformAdmin: session.user.isPlatformAdmin,
        };
        const roomList = await roomsOf(userId, session.sessionId);
        const open = (localRoom(rooms.user(userId))?.size ?? 0) + (admitting.get(userId) ?? 0);
        if (open >= MAX_SOCKETS_PER_USER) {
          const err = new Error('TOO_MANY_SOCKETS') as Error & { data?: unknown };
          err.data = { code: 'RATE_LIMITED', message: `At most ${MAX_SOCKETS_PER_USER} connections per account; close another tab or device first` };
          return next(err);
        }
        pendingRooms.set(socket, roomList);
        admitting.set(userId, (admitting.get(userId) ?? 0) + 1);
        admittingSockets.add(socket);
        next();
        // Counted as admitting until the connection handler has put it in its user room
        // (then the room counts it): not a tick later, or another handshake resolving in
        // between would count it twice and refuse a socket under the cap. A handshake
        // that never connects is let go after a while.
        setTimeout(() => admitted(socket, userId), ADMITTING_HOLD_MS).unref();
      })
      .catch((err: unknown) => {
        log.error({ err }, 'socket handshake failed');
        next(new Error('INTERNAL'));
      });
  });

  io.on('connection', (socket: LinliSocket) => {
    const { userId } = socket.data;
    void socket.join(pendingRooms.get(socket) ?? []);
    pendingRooms.delete(socket);
    admitted(socket, userId);
    bindHandlers(socket, deps.handlers, { limiter: deps.limiter, log });
    socket.on('disconnect', () => {
      void deps.presence.disconnected(userId, socket.data.displayName).catch((err: unknown) => log.warn({ err }, 'presence update failed'));
    });
    void deps.presence.connected(userId, socket.data.displayName).catch((err: unknown) => log.warn({ err }, 'presence update failed'));
  });

  /**
   * Makes this node's sockets of a user agree with the database: sockets of a
   * session that no longer stands are disconnected, the others leave the
   * community and organisation rooms they lost and join the ones they gained.
   * Runs for invalidations made on other nodes, from the durable log, so it
   * holds even when the adapter's own room changes were lost with Redis.
   */
  async function reconcileUser(userId: string, opts: { disconnect?: boolean } = {}) {
    const sockets = localSocketsIn(rooms.user(userId));
    if (sockets.length === 0) return;
    const bySession = new Map<string, typeof sockets>();
    for (const socket of sockets) bySession.set(socket.data.sessionId, [...(bySession.get(socket.data.sessionId) ?? []), socket]);
    for (const [sessionId, group] of bySession) {
      if (opts.disconnect || !(await auth.isSessionLive(sessionId))) {
        for (const socket of group) socket.disconnect(true);
        continue;
      }
      const wanted = await roomsOf(userId, sessionId);
      for (const socket of group) {
        if (!socket.connected) continue;
        for (const room of socket.rooms) if (/^[co]:/.test(room) && !wanted.includes(room)) void socket.leave(room);
        void socket.join(wanted.filter((room) => !socket.rooms.has(room)));
      }
    }
  }

  async function applyElsewhere(msg: Invalidation) {
    switch (msg.kind) {
      case 'session': {
        const owners = new Set(localSocketsIn(rooms.session(msg.sessionId)).map((socket) => socket.data.userId));
        for (const userId of owners) await reconcileUser(userId);
        return;
      }
      case 'membership': {
        if (!localRoom(rooms.user(msg.userId))) return;
        // A ban disconnects the member everywhere, as the ban command does through the adapter.
        const membership = await models.Membership.findOne({ communityId: msg.communityId, userId: msg.userId }, { status: 1 }).lean();
        await reconcileUser(msg.userId, { disconnect: membership?.status === 'banned' });
        return;
      }
      case 'user':
      case 'userSessions':
      case 'userMemberships':
        await reconcileUser(msg.userId);
        return;
      case 'channel':
      case 'staffing':
        // Audiences are worked out at each send; organisation rooms follow the organisation commands.
        return;
    }
  }
  deps.sync.subscribeEffects(applyElsewhere);

  async function roomsOf(userId: string, sessionId: string): Promise<string[]> {
    const memberships = await deps.memberships.ofUser(userId);
    const organisationIds = await deps.staffing.ofUser(userId, memberships.map((membership) => membership.communityId.toString()));
    return [
      rooms.user(userId),
      rooms.session(sessionId),
      ...memberships.flatMap((membership) => [rooms.community(membership.communityId.toString()), rooms.role(membership.communityId.toString(), membership.role)]),
      ...organisationIds.map(rooms.organisation),
    ];
  }
}
