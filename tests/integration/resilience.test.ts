import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { MAX_SOCKETS_PER_USER, type Channel, type MyCommunity } from '@linli/shared';
import {
  PLATFORM_ADMIN_PHONE,
  call,
  collect,
  disconnected,
  eventually,
  must,
  next,
  startCluster,
  type ClientSocket,
  type Cluster,
  type Session,
} from '../support/cluster.js';
import { startTestRedis, type RunningService } from '../support/services.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

/**
 * Faults around the shared services: Redis stopped and restarted under two
 * nodes, invalidations lost with it, sockets resuming after they lost access,
 * a database that stops answering, a user opening too many sockets.
 */

/** How long after Redis is back every node must have applied what happened meanwhile. */
const BOUND_MS = 5000;

let redis: RunningService;
let redisPort: number;
let c: Cluster;
let admin: Session;
let adminSock: ClientSocket; // node 0
let A: MyCommunity;
let chat: Channel;

const cid = () => randomUUID();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stopRedis() {
  await redis.stop();
  await eventually(() => c.nodes.every((n) => !n.redis!.isReady), 5000, 'nodes notice Redis is gone');
}

async function startRedis() {
  redis = await startTestRedis({ port: redisPort });
  await eventually(() => c.nodes.every((n) => n.redis!.isReady), 10_000, 'nodes reconnect to Redis');
}

async function me(cookie: string, node: number) {
  const res = await fetch(`${c.nodes[node]!.url}/api/auth/me`, { headers: { cookie } });
  return res.status;
}

async function health(node = 0, cluster: Cluster = c) {
  const res = await fetch(`${cluster.nodes[node]!.url}/api/health`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; data: { db: boolean; redis: boolean | null; degraded?: boolean } } };
}

/** Resolves with the error message if the handshake is refused, or null if it connects. */
async function refusal(session: Session | null, node: number): Promise<string | null> {
  try {
    const s = await c.connect(session, node);
    s.disconnect();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

async function member(phone: string, name: string, node = 0): Promise<{ session: Session; sock: ClientSocket }> {
  const session = await c.login(phone, name, node);
  const first = await c.connect(session, node);
  await must(first, 'community:joinByCode', { inviteCode: A.inviteCode! });
  first.disconnect();
  return { session, sock: await c.connect(session, node) };
}

beforeAll(async () => {
  redis = await startTestRedis();
  redisPort = Number(new URL(redis.url).port);
  c = await startCluster({ nodes: 2, redisUrl: redis.url });
  admin = await c.login(PLATFORM_ADMIN_PHONE, '管理员');
  adminSock = await c.connect(admin, 0);
  A = await must(adminSock, 'community:create', { name: '韧性社区', street: '丙街道', district: '丙区' });
  chat = (await must(adminSock, 'channel:list', { communityId: A.community.id })).find((ch) => ch.kind === 'chat')!;
});

afterAll(async () => {
  // Redis must be up for the nodes to close cleanly.
  if (c && !c.nodes.every((n) => n.redis!.isReady)) await startRedis().catch(() => undefined);
  await c?.stop();
  await redis?.stop();
});

describe('Redis down and back', () => {
  it('while Redis is down a node keeps serving its own clients, says so in /api/health, and cross-node delivery resumes after', async () => {
    const { sock: sender } = await member('13900300001', '发送者', 0);
    const { sock: neighbour } = await member('13900300002', '同节点邻居', 0);
    const { sock: remote } = await member('13900300003', '另一节点邻居', 1);
    expect((await health(0)).body.data).toMatchObject({ db: true, redis: true, degraded: false });
    const far = collect(remote, 'message:created');

    await stopRedis();
    try {
      const h = await health(0);
      expect(h.status).toBe(200);
      expect(h.body.data).toMatchObject({ db: true, redis: false, degraded: true });
      const local = collect(neighbour, 'message:created');
      const acks = [];
      for (let i = 0; i < 5; i++) acks.push(await call(sender, 'message:send', { channelId: chat.id, clientId: cid(), body: `Redis 断了 ${i}` }));
      expect(acks.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
      await eventually(() => local.length === 5, 5000, 'delivery on the same node');
    } finally {
      await startRedis();
    }

    expect((await health(0)).body.data).toMatchObject({ redis: true, degraded: false });
    // What was sent meanwhile reaches the other node once Redis is back.
    await eventually(() => far.filter((m) => m.body.startsWith('Redis 断了')).length === 5, BOUND_MS, 'held broadcasts delivered');
    await eventually(
      async () => {
        await must(sender, 'message:send', { channelId: chat.id, clientId: cid(), body: 'Redis 回来了' });
        await sleep(200);
        return far.some((m) => m.body === 'Redis 回来了');
      },
      BOUND_MS,
      'cross-node delivery after Redis returned',
    );
  });

  it('a ban and logouts made while Redis is down take effect on the other node within the bound once it is back', async () => {
    const { session: eve, sock: eveOnB } = await member('13900300011', '被封者', 1);
    expect((await call(eveOnB, 'message:send', { channelId: chat.id, clientId: cid(), body: '封禁前' })).ok).toBe(true);
    // Sessions used on node 1, so node 1 has them cached.
    const gus: Session[] = [];
    const gusSocks: ClientSocket[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await c.login('13900300012', '登出者', 0);
      expect(await me(s.cookie, 1)).toBe(200);
      gus.push(s);
      gusSocks.push(await c.connect(s, 1));
    }

    await stopRedis();
    const eveGone = disconnected(eveOnB, BOUND_MS + 10_000);
    const gusGone = gusSocks.map((s) => disconnected(s, BOUND_MS + 10_000));
    try {
      await must(adminSock, 'member:ban', { communityId: A.community.id, userId: eve.user.id, reason: '断线期间封禁' });
      for (const s of gus) expect((await c.post('/api/auth/logout', {}, { node: 0, cookie: s.cookie })).status).toBe(200);
    } finally {
      await startRedis();
    }
    const back = Date.now();

    await eventually(async () => (await Promise.all(gus.map((s) => me(s.cookie, 1)))).every((st) => st === 401), BOUND_MS, 'logged-out cookies refused on node 1');
    await Promise.all([eveGone, ...gusGone]);
    for (const s of gus) expect(await refusal(s, 1)).toBe('UNAUTHENTICATED');
    const eveAgain = await c.connect(eve, 1);
    const stored = await c.models.Message.countDocuments({ authorId: eve.user.id });
    const refused = await call(eveAgain, 'message:send', { channelId: chat.id, clientId: cid(), body: '我又来了' });
    // Outsiders may be told FORBIDDEN or NOT_FOUND; either way nothing is stored.
    expect(refused.ok ? 'ok' : refused.error.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    expect(await c.models.Message.countDocuments({ authorId: eve.user.id })).toBe(stored);
    expect(Date.now() - back).toBeLessThan(BOUND_MS + 2000);
  });
});

describe('a resuming socket gets nothing it may no longer see', () => {
  /** Drops the transport as a network blip would, leaving socket.io a session to recover. */
  async function drop(sock: ClientSocket) {
    const gone = disconnected(sock);
    sock.io.engine.close();
    await gone;
    await sleep(100); // the server notices the close and keeps the session for recovery
  }

  /**
   * Every message:created that reaches the client's wire, including packets
   * socket.io-client buffers and never shows when the handshake is refused.
   */
  function wireMessages(sock: ClientSocket): string[] {
    const out: string[] = [];
    sock.io.on('packet', (packet: { type: number; data?: unknown }) => {
      const data = packet.data;
      if (packet.type === 2 && Array.isArray(data) && data[0] === 'message:created') out.push((data[1] as { body: string }).body);
    });
    return out;
  }

  /** Sends while the socket is away, resumes it, and returns what it received of those. */
  async function resumeAfterGap(sock: ClientSocket, channel: Channel, sender: ClientSocket, opts: { resume?: () => Promise<ClientSocket> } = {}) {
    const bodies = ['离开期间1', '离开期间2', '离开期间3'];
    for (const body of bodies) await must(sender, 'message:send', { channelId: channel.id, clientId: cid(), body });
    const got = opts.resume ? null : wireMessages(sock);
    const resumed = opts.resume ? await opts.resume() : sock;
    if (!opts.resume) {
      const outcome = new Promise<string>((resolve) => {
        resumed.once('connect', () => resolve('connected'));
        resumed.once('connect_error', (err) => resolve(err.message));
      });
      resumed.connect();
      await outcome;
    }
    await sleep(1000);
    resumed.disconnect();
    return { got: (got ?? []).filter((b) => bodies.includes(b)), recovered: resumed.recovered };
  }

  it('after logout', async () => {
    const { session, sock } = await member('13900300021', '登出恢复', 1);
    const first = next(sock, 'message:created');
    await must(adminSock, 'message:send', { channelId: chat.id, clientId: cid(), body: '掉线前' });
    await first;
    await drop(sock);
    expect((await c.post('/api/auth/logout', {}, { node: 0, cookie: session.cookie })).status).toBe(200);
    const { got, recovered } = await resumeAfterGap(sock, chat, adminSock);
    expect(recovered).not.toBe(true);
    expect(got).toEqual([]);
  });

  it('after leaving the community', async () => {
    const { session, sock } = await member('13900300022', '退出恢复', 1);
    const first = next(sock, 'message:created');
    await must(adminSock, 'message:send', { channelId: chat.id, clientId: cid(), body: '掉线前' });
    await first;
    await drop(sock);
    const other = await c.connect(session, 0);
    await must(other, 'community:leave', { communityId: A.community.id });
    other.disconnect();
    const { got } = await resumeAfterGap(sock, chat, adminSock);
    expect(got).toEqual([]);
  });

  it('with no cookie, presenting someone else’s recovery id', async () => {
    const { sock } = await member('13900300023', '被冒用', 1);
    const first = next(sock, 'message:created');
    await must(adminSock, 'message:send', { channelId: chat.id, clientId: cid(), body: '掉线前' });
    await first;
    // Whatever recovery id the client holds (none once the server hands out none).
    const stolen = sock as unknown as { _pid?: string; _lastOffset?: string };
    await drop(sock);
    const { got } = await resumeAfterGap(sock, chat, adminSock, {
      resume: async () => {
        const thief = ioClient(c.nodes[1]!.url, { transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false }) as unknown as ClientSocket;
        Object.assign(thief, { _pid: stolen._pid, _lastOffset: stolen._lastOffset });
        const got = wireMessages(thief);
        const outcome = new Promise<string>((resolve) => {
          thief.once('connect', () => resolve('connected'));
          thief.once('connect_error', (err) => resolve(err.message));
        });
        thief.connect();
        expect(await outcome).toBe('UNAUTHENTICATED');
        await sleep(1000);
        expect(got.filter((b) => b.startsWith('离开期间'))).toEqual([]);
        return thief;
      },
    });
    expect(got).toEqual([]);
  });

  it('after demotion out of a roles-restricted channel', async () => {
    const { session, sock: first } = await member('13900300024', '被降级', 1);
    await must(adminSock, 'member:setRole', { communityId: A.community.id, userId: session.user.id, role: 'moderator' });
    first.disconnect();
    const staffOnly = await must(adminSock, 'channel:create', {
      communityId: A.community.id,
      name: '管理员频道',
      kind: 'chat',
      topicPlan: '只给管理人员',
      visibility: { type: 'roles', roles: ['moderator'] },
    });
    const sock = await c.connect(session, 1);
    const seen = next(sock, 'message:created');
    await must(adminSock, 'message:send', { channelId: staffOnly.id, clientId: cid(), body: '掉线前' });
    expect((await seen).body).toBe('掉线前');
    await drop(sock);
    await must(adminSock, 'member:setRole', { communityId: A.community.id, userId: session.user.id, role: 'resident' });
    const { got } = await resumeAfterGap(sock, staffOnly, adminSock);
    expect(got).toEqual([]);
  });
});

describe('sockets per user', () => {
  it(`one user may hold ${MAX_SOCKETS_PER_USER} sockets on a node; the next is refused with TOO_MANY_SOCKETS`, async () => {
    expect(MAX_SOCKETS_PER_USER).toBeGreaterThan(0);
    const hoarder = await c.login('13900300031', '多开者', 0);
    const socks = await Promise.all(Array.from({ length: MAX_SOCKETS_PER_USER }, () => c.connect(hoarder, 0)));
    expect(socks.every((s) => s.connected)).toBe(true);
    expect(await refusal(hoarder, 0)).toBe('TOO_MANY_SOCKETS');
    // Other users are unaffected, and closing one socket frees a place.
    expect(await refusal(admin, 0)).toBeNull();
    const gone = socks[0]!;
    gone.disconnect();
    await eventually(async () => (await refusal(hoarder, 0)) === null, 5000, 'a freed place');
    for (const s of socks) s.disconnect();
  });
});

describe('/api/health and the database', () => {
  it('reports the database down (503) within about a second when it stops answering', async () => {
    const proxy = await startTcpProxy(inject('mongoUrl'));
    const solo = await startCluster({ nodes: 1, redis: false, mongoUrl: proxy.url });
    try {
      expect((await health(0, solo)).status).toBe(200);
      proxy.freeze();
      const t = Date.now();
      const h = await health(0, solo);
      expect(h.status).toBe(503);
      expect(h.body.data.db).toBe(false);
      expect(Date.now() - t).toBeLessThan(2500);
      proxy.thaw();
      await eventually(async () => (await health(0, solo)).status === 200, 5000, 'healthy again');
    } finally {
      proxy.thaw();
      await solo.stop();
      await proxy.stop();
    }
  });
});
