/**
 * Hardening found by probing Linli as an attacker and as an operator would
 * (issue 6, section 6): the event budget, display names, what outsiders learn,
 * the default database, unban.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MyCommunity } from '@linli/shared';
import { connectMongo } from '../../server/src/lib/db.js';
import {
  PLATFORM_ADMIN_PHONE,
  call,
  disconnected,
  must,
  next,
  snapshotCounts,
  startCluster,
  untyped,
  type Cluster,
  type ClientSocket,
  type Session,
} from '../support/cluster.js';

const cid = () => randomUUID();
const FAKE_ID = 'a'.repeat(24);

describe('every inbound event spends from one per-user budget, across nodes', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster({ nodes: 2, env: { SOCKET_EVENTS_PER_10S: '30' } });
  });
  afterAll(async () => {
    await c?.stop();
  });

  it('unknown and malformed events use up the budget, then everything is RATE_LIMITED; other users are unaffected', async () => {
    const spammer = await c.login('13900200001', '刷屏者');
    const s0 = await c.connect(spammer, 0);
    const s1 = await c.connect(spammer, 1);
    const raw = (s: ClientSocket, event: string, payload?: unknown) => untyped(s).timeout(5000).emitWithAck(event, payload) as Promise<unknown>;
    const answers: unknown[] = [];
    for (let i = 0; i < 15; i++) answers.push(await raw(s0, 'no:such:event', {}));
    for (let i = 0; i < 15; i++) answers.push(await raw(s1, 'community:list', 'not an object'));
    expect(answers.slice(0, 15)).toEqual(Array(15).fill(expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'UNKNOWN_EVENT' }) })));
    expect(answers.slice(15)).toEqual(Array(15).fill(expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) })));
    // The budget is spent: valid, unknown and malformed events alike are refused on both nodes.
    expect(await call(s0, 'community:list', {})).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(await raw(s1, 'no:such:event', {})).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(await raw(s0, 'community:list', { $where: '1' })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    const other = await c.connect(await c.login('13900200002', '邻居'), 1);
    expect(await call(other, 'community:list', {})).toMatchObject({ ok: true });
  });
});

describe('a MONGODB_URI without a database name', () => {
  it('connects to the linli database, not the driver’s test database', async () => {
    const url = new URL(inject('mongoUrl'));
    url.pathname = '/';
    const conn = await connectMongo(url.toString());
    try {
      expect(conn.db?.databaseName).toBe('linli');
    } finally {
      await conn.close();
    }
  });
});

describe('with two nodes', () => {
  let c: Cluster;
  let admin: Session;
  let adminSock: ClientSocket;
  let a: MyCommunity;
  let b: MyCommunity;

  beforeAll(async () => {
    c = await startCluster({ nodes: 2 });
    admin = await c.login(PLATFORM_ADMIN_PHONE, '平台管理员');
    adminSock = await c.connect(admin, 0);
    a = await must(adminSock, 'community:create', { name: '加固甲社区', street: '甲街道', district: '甲区' });
    b = await must(adminSock, 'community:create', { name: '加固乙社区', street: '乙街道', district: '乙区' });
  });
  afterAll(async () => {
    await c?.stop();
  });

  describe('display names', () => {
    it('bidirectional, zero-width and control characters are stripped server-side; a name with nothing left is refused', async () => {
      const s = await c.login('13900202001', '新邻居');
      const sock = await c.connect(s, 1);
      await must(sock, 'community:joinByCode', { inviteCode: a.inviteCode! });
      const me = await must(sock, 'profile:update', { displayName: '\u202E张\u200B主任\u2066' });
      expect(me.displayName).toBe('张主任');
      const refused = await call(sock, 'profile:update', { displayName: '\u202E\u200B\u200D\u2069 ' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [{ path: 'displayName' }] } });
      expect((await c.models.User.findOne({ _id: s.user.id }).lean())?.displayName).toBe('张主任');
    });

    it('a name given at sign-up is cleaned the same way', async () => {
      const s = await c.login('13900202002', '\u202Eadmin\u202C');
      expect(s.user.displayName).toBe('admin');
    });

    it('a resident named like a staff member is told apart by role in the member list the client badges names from', async () => {
      const real = await c.login('13900202003', '张主任');
      const realSock = await c.connect(real, 0);
      await must(realSock, 'community:joinByCode', { inviteCode: a.inviteCode! });
      await must(adminSock, 'member:setRole', { communityId: a.community.id, userId: real.user.id, role: 'moderator' });
      const fake = await c.login('13900202004', '\u200B张主任\u202C');
      const fakeSock = await c.connect(fake, 1);
      await must(fakeSock, 'community:joinByCode', { inviteCode: a.inviteCode! });
      const named = (await must(fakeSock, 'member:list', { communityId: a.community.id, query: '张主任' })).filter((m) => m.displayName === '张主任');
      const roleOf = new Map(named.map((m) => [m.userId, m.role]));
      expect(roleOf.get(real.user.id)).toBe('moderator');
      expect(roleOf.get(fake.user.id)).toBe('resident');
      // The client loads the staff on their own (a member page stops at 200 names, the staff must not).
      const staff = await must(fakeSock, 'member:list', { communityId: a.community.id, roles: ['moderator', 'supervisor', 'admin'] });
      expect(staff.map((m) => m.userId)).toContain(real.user.id);
      expect(staff.map((m) => m.userId)).not.toContain(fake.user.id);
      expect(staff.every((m) => m.role !== 'resident')).toBe(true);
      const msg = await must(fakeSock, 'message:send', {
        channelId: (await must(fakeSock, 'channel:list', { communityId: a.community.id })).find((x) => x.kind === 'chat')!.id,
        clientId: cid(),
        body: '我是张主任',
      });
      // The client finds the author's role by id, never by name.
      expect(msg).toMatchObject({ authorId: fake.user.id, authorName: '张主任' });
    });
  });

  describe('lifting a ban', () => {
    /**
     * A ban also reaches the other node through the invalidation log (polled about once a
     * second) and closes the user's sockets there, even one opened after the ban: open a
     * socket that stays.
     */
    async function connectOnceSettled(session: Session, node: number): Promise<ClientSocket> {
      for (let attempt = 0; attempt < 5; attempt++) {
        const socket = await c.connect(session, node);
        await new Promise((resolve) => setTimeout(resolve, 2500));
        if (socket.connected) return socket;
      }
      throw new Error('the socket never stayed connected');
    }

    it('staff list the banned, lift a ban (audited), the user is told live on another node and may join again', async () => {
      const mod = await c.login('13900203001', '社工小李');
      const modSock = await c.connect(mod, 0);
      await must(modSock, 'community:joinByCode', { inviteCode: a.inviteCode! });
      await must(adminSock, 'member:setRole', { communityId: a.community.id, userId: mod.user.id, role: 'moderator' });
      const x = await c.login('13900203002', '冲动的邻居');
      const xFirst = await c.connect(x, 1);
      await must(xFirst, 'community:joinByCode', { inviteCode: a.inviteCode! });
      const gone = disconnected(xFirst);
      await must(modSock, 'member:ban', { communityId: a.community.id, userId: x.user.id, reason: '争吵' });
      await gone;
      const xSock = await connectOnceSettled(x, 1);

      const banned = await must(modSock, 'member:list', { communityId: a.community.id, banned: true });
      expect(banned.map((m) => m.userId)).toEqual([x.user.id]);
      const resident = await c.connect(await c.login('13900203003', '普通居民'), 1);
      await must(resident, 'community:joinByCode', { inviteCode: a.inviteCode! });
      expect(await call(resident, 'member:list', { communityId: a.community.id, banned: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call(resident, 'member:unban', { communityId: a.community.id, userId: x.user.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

      const staffHeard = next(adminSock, 'member:unbanned');
      const xHeard = next(xSock, 'notification:created');
      expect(await must(modSock, 'member:unban', { communityId: a.community.id, userId: x.user.id, reason: '已道歉' })).toEqual({ communityId: a.community.id, userId: x.user.id });
      expect(await staffHeard).toEqual({ communityId: a.community.id, userId: x.user.id });
      expect(await xHeard).toMatchObject({ kind: 'unban', communityId: a.community.id, actorName: '社工小李', excerpt: a.community.name, unread: 1 });
      expect((await must(xSock, 'notification:list', {})).items[0]).toMatchObject({ kind: 'unban' });
      const audit = await must(adminSock, 'audit:list', { communityId: a.community.id });
      expect(audit[0]).toMatchObject({ action: 'member.unban', actorId: mod.user.id, targetId: x.user.id, details: { reason: '已道歉' } });
      expect(await must(modSock, 'member:list', { communityId: a.community.id, banned: true })).toEqual([]);

      // Not a member again until they join, which now works.
      expect(await call(xSock, 'channel:list', { communityId: a.community.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const back = await must(xSock, 'community:joinByCode', { inviteCode: a.inviteCode! });
      expect(back.membership).toMatchObject({ role: 'resident', userId: x.user.id });
      // No ban left to lift.
      expect(await call(modSock, 'member:unban', { communityId: a.community.id, userId: x.user.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    });

    it('lifting a ban takes the rank that could impose it, and a refused unban changes nothing', async () => {
      const mod = await c.login('13900203004', '社工小王');
      const modSock = await c.connect(mod, 1);
      await must(modSock, 'community:joinByCode', { inviteCode: a.inviteCode! });
      await must(adminSock, 'member:setRole', { communityId: a.community.id, userId: mod.user.id, role: 'moderator' });
      const otherMod = await c.login('13900203005', '被封的社工');
      await must(await c.connect(otherMod, 0), 'community:joinByCode', { inviteCode: a.inviteCode! });
      await must(adminSock, 'member:setRole', { communityId: a.community.id, userId: otherMod.user.id, role: 'moderator' });
      await must(adminSock, 'member:ban', { communityId: a.community.id, userId: otherMod.user.id });
      const before = await snapshotCounts(c.models);
      expect(await call(modSock, 'member:unban', { communityId: a.community.id, userId: otherMod.user.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await snapshotCounts(c.models)).toEqual(before);
      expect((await c.models.Membership.findOne({ communityId: a.community.id, userId: otherMod.user.id }).lean())?.status).toBe('banned');
      await must(adminSock, 'member:unban', { communityId: a.community.id, userId: otherMod.user.id });
    });
  });

  describe('outsiders learn nothing about ids', () => {
    it('every command answers an outsider of the owning community exactly as it answers an id that does not exist', async () => {
      // Everything of community B, created by its staff and residents.
      const bResident = await c.login('13900201001', '乙居民');
      const bResSock = await c.connect(bResident, 1);
      await must(bResSock, 'community:joinByCode', { inviteCode: b.inviteCode! });
      const bChannel = (await must(adminSock, 'channel:list', { communityId: b.community.id })).find((x) => x.kind === 'chat')!;
      const bOrg = await must(adminSock, 'organisation:create', { communityId: b.community.id, name: '乙居委会', kind: 'residents_committee' });
      const bMsg = await must(adminSock, 'message:send', { channelId: bChannel.id, clientId: cid(), body: '乙社区通知' });
      const bReport = await must(bResSock, 'message:report', { messageId: bMsg.id, reason: '测试举报' });
      const applicant = await c.connect(await c.login('13900201002', '申请人'), 0);
      const bRequest = await must(applicant, 'community:requestJoin', { communityId: b.community.id, message: '' });

      // A member of A (a member somewhere: not a stranger to the platform) probes B.
      const prober = await c.login('13900201003', '试探者');
      const sock = await c.connect(prober, 0);
      await must(sock, 'community:joinByCode', { inviteCode: a.inviteCode! });

      const uid = bResident.user.id;
      /** Each command with B's real id and with an id that exists nowhere. */
      const probes: [string, (id: string) => Promise<unknown>, string][] = [
        ['community:update', (id) => call(sock, 'community:update', { communityId: id, name: '改名' }), b.community.id],
        ['community:listJoinRequests', (id) => call(sock, 'community:listJoinRequests', { communityId: id }), b.community.id],
        ['community:decideJoinRequest', (id) => call(sock, 'community:decideJoinRequest', { requestId: id, approve: true }), bRequest.id],
        ['community:rotateInviteCode', (id) => call(sock, 'community:rotateInviteCode', { communityId: id }), b.community.id],
        ['community:leave', (id) => call(sock, 'community:leave', { communityId: id }), b.community.id],
        ['member:list', (id) => call(sock, 'member:list', { communityId: id }), b.community.id],
        ['member:setRole', (id) => call(sock, 'member:setRole', { communityId: id, userId: uid, role: 'admin' }), b.community.id],
        ['member:ban', (id) => call(sock, 'member:ban', { communityId: id, userId: uid }), b.community.id],
        ['member:unban', (id) => call(sock, 'member:unban', { communityId: id, userId: uid }), b.community.id],
        ['member:mute', (id) => call(sock, 'member:mute', { communityId: id, userId: uid, minutes: 10 }), b.community.id],
        ['household:set', (id) => call(sock, 'household:set', { communityId: id, building: '1', unit: '1', room: '1' }), b.community.id],
        ['household:verify', (id) => call(sock, 'household:verify', { communityId: id, userId: uid, approve: true }), b.community.id],
        ['organisation:list', (id) => call(sock, 'organisation:list', { communityId: id }), b.community.id],
        ['organisation:create', (id) => call(sock, 'organisation:create', { communityId: id, name: '入侵者', kind: 'other' }), b.community.id],
        ['organisation:update', (id) => call(sock, 'organisation:update', { organisationId: id, name: '入侵者' }), bOrg.id],
        ['organisation:remove', (id) => call(sock, 'organisation:remove', { organisationId: id }), bOrg.id],
        ['organisation:addStaff', (id) => call(sock, 'organisation:addStaff', { organisationId: id, userId: prober.user.id }), bOrg.id],
        ['organisation:removeStaff', (id) => call(sock, 'organisation:removeStaff', { organisationId: id, userId: uid }), bOrg.id],
        ['channel:list', (id) => call(sock, 'channel:list', { communityId: id }), b.community.id],
        ['channel:create', (id) => call(sock, 'channel:create', { communityId: id, name: '入侵', kind: 'chat', topicPlan: 'x' }), b.community.id],
        ['channel:update', (id) => call(sock, 'channel:update', { channelId: id, name: '入侵' }), bChannel.id],
        ['channel:archive', (id) => call(sock, 'channel:archive', { channelId: id, archived: true }), bChannel.id],
        ['channel:markRead', (id) => call(sock, 'channel:markRead', { channelId: id, seq: 1 }), bChannel.id],
        ['channel:readStates', (id) => call(sock, 'channel:readStates', { communityId: id }), b.community.id],
        ['audit:list', (id) => call(sock, 'audit:list', { communityId: id }), b.community.id],
        ['message:send', (id) => call(sock, 'message:send', { channelId: id, clientId: cid(), body: '越界' }), bChannel.id],
        ['message:history', (id) => call(sock, 'message:history', { channelId: id }), bChannel.id],
        ['message:sync', (id) => call(sock, 'message:sync', { channelId: id, afterSeq: 0 }), bChannel.id],
        ['message:edit', (id) => call(sock, 'message:edit', { messageId: id, body: '改' }), bMsg.id],
        ['message:delete', (id) => call(sock, 'message:delete', { messageId: id }), bMsg.id],
        ['message:react', (id) => call(sock, 'message:react', { messageId: id, emoji: '👍' }), bMsg.id],
        ['message:thread', (id) => call(sock, 'message:thread', { messageId: id }), bMsg.id],
        ['message:report', (id) => call(sock, 'message:report', { messageId: id, reason: 'x' }), bMsg.id],
        ['message:hide', (id) => call(sock, 'message:hide', { messageId: id, reason: '' }), bMsg.id],
        ['typing:start', (id) => call(sock, 'typing:start', { channelId: id }), bChannel.id],
        ['presence:list', (id) => call(sock, 'presence:list', { communityId: id }), b.community.id],
        ['report:list', (id) => call(sock, 'report:list', { communityId: id }), b.community.id],
        ['report:resolve', (id) => call(sock, 'report:resolve', { reportId: id, action: 'dismiss' }), bReport.id],
      ];
      const before = await snapshotCounts(c.models);
      for (const [event, run, realId] of probes) {
        const real = await run(realId);
        const missing = await run(FAKE_ID);
        expect(real, event).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        expect(real, event).toEqual(missing);
      }
      expect(await snapshotCounts(c.models)).toEqual(before);
    });

    it('members still get FORBIDDEN for what their role does not allow', async () => {
      const resident = await c.connect(await c.login('13900201004', '甲居民'), 1);
      await must(resident, 'community:joinByCode', { inviteCode: a.inviteCode! });
      expect(await call(resident, 'community:rotateInviteCode', { communityId: a.community.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call(resident, 'audit:list', { communityId: a.community.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });
  });
});
