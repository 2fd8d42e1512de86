import type { Socket } from 'socket.io';
import {
  LIMITS,
  clientEvents,
  fail,
  ok,
  type Ack,
  type ClientEventName,
  type ClientToServerEvents,
  type EventPayload,
  type EventResults,
  type ServerToClientEvents,
} from '@linli/shared';
import { AppError, issuesOf, toWireError } from '../lib/errors.js';
import type { Limiter } from '../lib/rate-limit.js';
import type { Logger } from '../lib/logger.js';
import type { SocketData } from './notifier.js';
import type { ServerSideEvents } from '../cache/sync.js';

export type LinliSocket = Socket<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;

/** Who is calling, as the handshake established it. */
export interface Caller {
  userId: string;
  sessionId: string;
  displayName: string;
  isPlatformAdmin: boolean;
}

export type Handler<E extends ClientEventName> = (caller: Caller, payload: EventPayload<E>) => Promise<EventResults[E]>;
export type HandlerMap = { [E in ClientEventName]: Handler<E> };

const isKnown = (event: string): event is ClientEventName => Object.hasOwn(clientEvents, event);

function byteLength(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload ?? null));
  } catch {
    return Infinity;
  }
}

/**
 * The one gate every inbound event passes: known event, ack present, size,
 * schema, per-user rate, then the service. Failures become ack errors and
 * never reach the process.
 */
export function bindHandlers(socket: LinliSocket, handlers: HandlerMap, deps: { limiter: Limiter; log: Logger }) {
  const caller = (): Caller => ({ ...socket.data });

  socket.onAny((event: string, ...args: unknown[]) => {
    if (isKnown(event)) return;
    const ack = args.at(-1);
    deps.log.warn({ event: String(event).slice(0, 60), userId: socket.data.userId }, 'unknown event');
    if (typeof ack === 'function') ack(fail('UNKNOWN_EVENT', 'Unknown event'));
  });

  for (const event of Object.keys(clientEvents) as ClientEventName[]) {
    socket.on(event, async (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') {
        deps.log.warn({ event, userId: socket.data.userId }, 'event without ack ignored');
        return;
      }
      const reply = ack as (res: Ack<unknown>) => void;
      const payload = args.length >= 2 ? args[0] : undefined;
      try {
        if (args.length > 2) throw new AppError('VALIDATION_FAILED', 'Send exactly one payload');
        if (byteLength(payload) > LIMITS.maxEventBytes) {
          throw new AppError('VALIDATION_FAILED', `Payload larger than ${LIMITS.maxEventBytes} bytes`);
        }
        const parsed = clientEvents[event].safeParse(payload);
        if (!parsed.success) {
          throw new AppError('VALIDATION_FAILED', 'Invalid input', { issues: issuesOf(parsed.error) });
        }
        await deps.limiter.consume(socket.data.userId);
        const run = handlers[event] as Handler<typeof event>;
        reply(ok(await run(caller(), parsed.data as EventPayload<typeof event>)));
      } catch (err) {
        const { wire, unexpected } = toWireError(err);
        if (unexpected) deps.log.error({ err, event, userId: socket.data.userId }, 'handler failed');
        reply({ ok: false, error: wire });
      }
    });
  }
}
