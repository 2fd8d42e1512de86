import type { Socket } from 'socket.io';
import {
  LIMITS,
  clientEvents,
  ok,
  type Ack,
  type ClientEventName,
  type ClientToServerEvents,
  type EventPayload,
  type ServerToClientEvents,
} from '@linli/shared';
import { AppError, parseInput, toWireError } from '../lib/errors.js';
import type { Limiter } from '../lib/rate-limit.js';
import type { Logger } from '../lib/logger.js';
import type { SocketData } from './notifier.js';
import type { ServerSideEvents } from '../cache/sync.js';
import type { Caller } from '../context/caller.js';
import type { Handler, HandlerMap } from '../capability.js';

export type LinliSocket = Socket<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;


const isKnown = (event: unknown): event is ClientEventName => typeof event === 'string' && Object.hasOwn(clientEvents, event);

function byteLength(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload ?? null));
  } catch {
    return Infinity;
  }
}

type Warn = (userId: string, fields: Record<string, unknown>, msg: string) => void;

/**
 * Logs the first warning per user per window and counts the rest; the count goes
 * out with that user's next logged warning. A client looping on bad events then
 * costs a line a minute, not a line per event.
 */
export function createWarningSampler(log: Pick<Logger, 'warn'>, windowMs = 60_000, now: () => number = Date.now): Warn {
  const byUser = new Map<string, { until: number; suppressed: number }>();
  return (userId, fields, msg) => {
    const time = now();
    const seen = byUser.get(userId);
    if (seen && time < seen.until) {
      seen.suppressed++;
      return;
    }
    log.warn({ ...fields, userId, ...(seen?.suppressed ? { suppressed: seen.suppressed } : {}) }, msg);
    if (byUser.size >= 10_000) for (const [knownUser, sample] of byUser) if (sample.until <= time) byUser.delete(knownUser);
    byUser.set(userId, { until: time + windowMs, suppressed: 0 });
  };
}

// One sampler per application (keyed by its logger), shared by all sockets, so a
// user's many sockets count as one.
const samplers = new WeakMap<object, Warn>();
function samplerFor(log: Logger): Warn {
  let warn = samplers.get(log);
  if (!warn) samplers.set(log, (warn = createWarningSampler(log)));
  return warn;
}

/**
 * The one gate every inbound event passes: per-user rate first (unknown and
 * malformed events spend from the same budget as valid ones, before any other
 * work), then known event, ack present, size, schema, and the service.
 * Failures become ack errors and never reach the process.
 */
export function bindHandlers(socket: LinliSocket, handlers: HandlerMap, deps: { limiter: Limiter; log: Logger }) {
  // A fresh object per command: the actor context resolved for it lives as long as the command.
  const caller = (): Caller => ({ userId: socket.data.userId, sessionId: socket.data.sessionId, displayName: socket.data.displayName, isPlatformAdmin: socket.data.isPlatformAdmin });
  const warn = samplerFor(deps.log);

  socket.onAny(async (event: unknown, ...args: unknown[]) => {
    const last = args.at(-1);
    const reply = typeof last === 'function' ? (last as (res: Ack<unknown>) => void) : null;
    const userId = socket.data.userId;
    try {
      await deps.limiter.consume(userId);
      if (!isKnown(event)) {
        warn(userId, { event: String(event).slice(0, 60) }, 'unknown event');
        throw new AppError('UNKNOWN_EVENT', 'Unknown event');
      }
      if (!reply) {
        warn(userId, { event }, 'event without ack ignored');
        return;
      }
      const payload = args.length >= 2 ? args[0] : undefined;
      if (args.length > 2) throw new AppError('VALIDATION_FAILED', 'Send exactly one payload');
      if (byteLength(payload) > LIMITS.maxEventBytes) {
        throw new AppError('VALIDATION_FAILED', `Payload larger than ${LIMITS.maxEventBytes} bytes`);
      }
      const input = parseInput(clientEvents[event], payload) as EventPayload<typeof event>;
      const run = handlers[event] as Handler<typeof event>;
      reply(ok(await run(caller(), input)));
    } catch (err) {
      const { wire, unexpected } = toWireError(err);
      if (unexpected) deps.log.error({ err, event: String(event).slice(0, 60), userId }, 'handler failed');
      reply?.({ ok: false, error: wire });
    }
  });
}
