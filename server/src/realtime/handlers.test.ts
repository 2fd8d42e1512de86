import { describe, expect, it } from 'vitest';
import type { Ack } from '@linli/shared';
import { limiterFactory } from '../lib/rate-limit.js';
import type { Logger } from '../lib/logger.js';
import type { HandlerMap } from '../capability.js';
import { bindHandlers, createWarningSampler, type LinliSocket } from './handlers.js';

type Listener = (event: unknown, ...args: unknown[]) => Promise<void>;

/** Just enough of a socket.io socket for the gate: its data and one onAny listener. */
function fakeSocket(userId: string) {
  let listener: Listener | null = null;
  const socket = {
    data: { userId, sessionId: `s-${userId}`, displayName: '居民', isPlatformAdmin: false },
    onAny(fn: Listener) {
      listener = fn;
    },
  };
  /** Sends an event with an ack and resolves with the answer. */
  const send = async (event: string, ...payload: unknown[]): Promise<Ack<unknown>> => {
    let answer: Ack<unknown> | null = null;
    await listener!(event, ...payload, (res: Ack<unknown>) => (answer = res));
    if (!answer) throw new Error('no ack');
    return answer;
  };
  return { socket: socket as unknown as LinliSocket, send };
}

function fakeLog() {
  const warnings: Record<string, unknown>[] = [];
  const errors: unknown[] = [];
  const log = { warn: (fields: Record<string, unknown>) => warnings.push(fields), error: (fields: unknown) => errors.push(fields) };
  return { log: log as unknown as Logger, warnings, errors };
}

function setup(points: number) {
  const { log, warnings } = fakeLog();
  const limiter = limiterFactory(null)({ name: `test-${Math.random()}`, points, durationSeconds: 60 });
  let served = 0;
  const handlers = new Proxy({}, { get: () => async () => ++served }) as HandlerMap;
  const bind = (userId: string) => {
    const s = fakeSocket(userId);
    bindHandlers(s.socket, handlers, { limiter, log });
    return s;
  };
  return { bind, warnings, served: () => served };
}

describe('bindHandlers: every inbound event spends from the per-user budget', () => {
  it('unknown events are answered UNKNOWN_EVENT until the budget is spent, then RATE_LIMITED, with one warning line', async () => {
    const { bind, warnings } = setup(10);
    const { send } = bind('u1');
    const codes: string[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await send('no:such', {});
      codes.push(res.ok ? 'ok' : res.error.code);
    }
    expect(codes.slice(0, 10).every((c) => c === 'UNKNOWN_EVENT')).toBe(true);
    expect(codes.slice(10).every((c) => c === 'RATE_LIMITED')).toBe(true);
    expect(warnings).toHaveLength(1);
  });

  it('malformed payloads spend the same budget, so a valid command after them is refused', async () => {
    const { bind, served } = setup(10);
    const { send } = bind('u1');
    for (let i = 0; i < 10; i++) expect(await send('community:list', 'not an object')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await send('community:list', {})).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(served()).toBe(0);
  });

  it('a malformed payload after the budget is spent is not even parsed: RATE_LIMITED', async () => {
    const { bind } = setup(2);
    const { send } = bind('u1');
    expect(await send('community:list', {})).toMatchObject({ ok: true });
    expect(await send('community:list', {})).toMatchObject({ ok: true });
    expect(await send('community:list', { $where: '1' })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(await send('community:list', 'x'.repeat(20_000))).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });

  it('the budget and the warning sample are per user, shared by all their sockets', async () => {
    const { bind, warnings } = setup(3);
    const a1 = bind('a');
    const a2 = bind('a');
    const b = bind('b');
    await a1.send('no:such');
    await a2.send('no:such');
    await a1.send('community:list', {});
    expect(await a2.send('community:list', {})).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(await b.send('community:list', {})).toMatchObject({ ok: true });
    await b.send('no:such');
    expect(warnings.map((w) => w.userId)).toEqual(['a', 'b']);
  });
});

describe('createWarningSampler', () => {
  it('logs the first warning per user per window and reports how many were left out', () => {
    let t = 0;
    const { log, warnings } = fakeLog();
    const warn = createWarningSampler(log, 60_000, () => t);
    for (let i = 0; i < 50; i++) warn('u1', { event: 'x' }, 'unknown event');
    warn('u2', { event: 'x' }, 'unknown event');
    expect(warnings).toHaveLength(2);
    t = 60_000;
    warn('u1', { event: 'x' }, 'unknown event');
    expect(warnings).toHaveLength(3);
    expect(warnings[2]).toMatchObject({ userId: 'u1', suppressed: 49 });
  });
});
