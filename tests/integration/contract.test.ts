import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, clientEvents, type ClientEventName } from '@linli/shared';
import { PLATFORM_ADMIN_PHONE, must, snapshotCounts, startCluster, untyped, type Cluster, type ClientSocket } from '../support/cluster.js';

let c: Cluster;
let sock: ClientSocket;
let communityId: string;

beforeAll(async () => {
  c = await startCluster({ nodes: 1, redis: false });
  const admin = await c.login(PLATFORM_ADMIN_PHONE, '管理员');
  sock = await c.connect(admin);
  communityId = (await must(sock, 'community:create', { name: '契约社区', street: '街道', district: '区' })).community.id;
});
afterAll(async () => {
  await c?.stop();
});

const events = Object.keys(clientEvents) as ClientEventName[];
const raw = (event: string, ...args: unknown[]): Promise<unknown> => untyped(sock).timeout(5000).emitWithAck(event, ...args);

/** Payloads no schema accepts: wrong shapes, operator injection, unknown keys. */
const malformed: [string, unknown][] = [
  ['a string', 'hello'],
  ['a number', 42],
  ['null', null],
  ['an array', [1, 2]],
  ['operator injection and unknown keys', { communityId: { $gt: '' }, channelId: { $ne: null }, $where: '1', extra: true }],
];

describe('every client event validates its payload', () => {
  for (const event of events) {
    it(`${event}: malformed payloads get VALIDATION_FAILED and store nothing`, async () => {
      const before = await snapshotCounts(c.models);
      for (const [, payload] of malformed) {
        const res = await raw(event, payload);
        expect(res, `${event} with ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      }
      expect(await snapshotCounts(c.models)).toEqual(before);
    });

    it(`${event}: an oversized payload gets VALIDATION_FAILED and stores nothing`, async () => {
      const before = await snapshotCounts(c.models);
      const res = await raw(event, { communityId, name: 'x'.repeat(LIMITS.maxEventBytes + 10) });
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await snapshotCounts(c.models)).toEqual(before);
    });
  }

  it('a field just over its limit is refused with the field named', async () => {
    const res = await raw('channel:create', { communityId, name: 'x'.repeat(LIMITS.channelName.max + 1), kind: 'chat', topicPlan: 'ok' });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [{ path: 'name' }] } });
  });

  it('extra arguments are refused', async () => {
    expect(await raw('community:list', {}, 'extra')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('an event sent without an ack changes nothing and does not crash the server', async () => {
    const before = await snapshotCounts(c.models);
    untyped(sock).emit('channel:create', { communityId, name: '无回执', kind: 'chat', topicPlan: 'x' });
    untyped(sock).emit('unknown:thing');
    expect((await must(sock, 'community:list', {})).length).toBe(1);
    expect(await snapshotCounts(c.models)).toEqual(before);
  });

  it('a frame beyond the socket limit closes only that connection', async () => {
    const victim = await c.connect({ cookie: (await c.login('13900009001')).cookie, user: null as never });
    const closed = new Promise<string>((resolve) => victim.once('disconnect', resolve));
    untyped(victim).emit('community:list', { pad: 'x'.repeat(LIMITS.maxSocketFrameBytes * 2) });
    expect(await closed).toBeTruthy();
    expect((await must(sock, 'community:list', {})).length).toBe(1);
  });
});
