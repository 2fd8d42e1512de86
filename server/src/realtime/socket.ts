import type { IncomingMessage } from 'node:http';
import { LIMITS } from '@linli/shared';
import type { Models } from '../models.js';
import type { MembershipCache } from '../communities/membership-cache.js';
import type { AuthService } from '../auth/auth.service.js';
import { readSessionToken } from '../auth/cookies.js';
import type { Logger } from '../lib/logger.js';
import type { Limiter } from '../lib/rate-limit.js';
import { bindHandlers, type HandlerMap, type LinliSocket } from './handlers.js';
import type { LinliServer } from './notifier.js';
import { rooms } from './rooms.js';

/** Absent Origin means a non-browser client, which cannot carry a victim's cookie. */
export function originAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  return origin === undefined || allowed.includes(origin);
}

export function originGate(allowed: readonly string[]) {
  return (req: IncomingMessage, cb: (err: string | null | undefined, success: boolean) => void) => {
    const ok = originAllowed(req.headers.origin, allowed);
    cb(ok ? null : 'ORIGIN_NOT_ALLOWED', ok);
  };
}

export const socketServerOptions = {
  maxHttpBufferSize: LIMITS.maxSocketFrameBytes,
  // Short drops are replayed by socket.io itself; longer absences catch up explicitly.
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
  pingInterval: 20_000,
  pingTimeout: 20_000,
};

/** Authenticates each socket with the HTTP session cookie and wires its handlers. */
export function attachSocketLayer(deps: {
  io: LinliServer;
  auth: AuthService;
  models: Models;
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

  io.use((socket, next) => {
    auth
      .resolveSession(readSessionToken(socket.request.headers.cookie))
      .then(async (session) => {
        if (!session) return next(new Error('UNAUTHENTICATED'));
        socket.data = {
          userId: session.user.id,
          sessionId: session.sessionId,
          displayName: session.user.displayName,
          isPlatformAdmin: session.user.isPlatformAdmin,
        };
        pendingRooms.set(socket, await roomsOf(session.user.id, session.sessionId));
        next();
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
    bindHandlers(socket, deps.handlers, { limiter: deps.limiter, log });
    socket.on('disconnect', () => {
      void deps.presence.disconnected(userId, socket.data.displayName).catch((err: unknown) => log.warn({ err }, 'presence update failed'));
    });
    void deps.presence.connected(userId, socket.data.displayName).catch((err: unknown) => log.warn({ err }, 'presence update failed'));
  });

  async function roomsOf(userId: string, sessionId: string): Promise<string[]> {
    const memberships = await deps.memberships.ofUser(userId);
    const orgs = memberships.length ? await models.Organisation.find({ 'staff.userId': userId }, { _id: 1 }).lean() : [];
    return [
      rooms.user(userId),
      rooms.session(sessionId),
      ...memberships.flatMap((m) => [rooms.community(m.communityId.toString()), rooms.role(m.communityId.toString(), m.role)]),
      ...orgs.map((o) => rooms.organisation(o._id.toString())),
    ];
  }
}
