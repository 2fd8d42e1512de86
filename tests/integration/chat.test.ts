import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, type Channel, type MyCommunity } from '@linli/shared';
import {
  PLATFORM_ADMIN_PHONE,
  call,
  collect,
  disconnected,
  eventually,
  must,
  next,
  snapshotCounts,
  startCluster,
  type Cluster,
  type ClientSocket,
  type Session,
} from '../support/cluster.js';

let c: Cluster;
let mod: Session; // platform admin, admin of community A
let modA: ClientSocket; // on node 0
let alice: Session;
let aliceSock: ClientSocket; // node 0
let bob: Session;
let bobSock: ClientSocket; // node 1
let A: MyCommunity;
let B: MyCommunity;
let chat: Channel;
let announcements: Channel;

const cid = () => randomUUID();

beforeAll(async () => {
  c = await startCluster({ nodes: 2 });
  mod = await c.login(PLATFORM_ADMIN_PHONE, '李社工');
  modA = await c.connect(mod, 0);
  A = await must(modA, 'community:create', { name: '聊天社区', street: '甲街道', district: '甲区' });
  B = await must(modA, 'community:create', { name: '隔壁社区', street: '乙街道', district: '乙区' });
  alice = await c.login('13900100001', '陈阿姨');
  bob = await c.login('13900100002', '刘师傅');
  aliceSock = await c.connect(alice, 0);
  bobSock = await c.connect(bob, 1);
  await must(aliceSock, 'community:joinByCode', { inviteCode: A.inviteCode! });
  await must(bobSock, 'community:joinByCode', { inviteCode: A.inviteCode! });
  // fresh sockets so room membership comes from the handshake as well
  aliceSock = await c.connect(alice, 0);
  bobSock = await c.connect(bob, 1);
  const channels = await must(modA, 'channel:list', { communityId: A.community.id });
  chat = channels.find((ch) => ch.kind === 'chat')!;
  announcements = channels.find((ch) => ch.kind === 'announcements')!;
});
afterAll(async () => {
  await c?.stop();
});

describe('messages', () => {
  it('is acked with the stored message and broadcast to the other node only after the write', async () => {
    const seen = next(bobSock, 'message:created');
    const clientId = cid();
    const sent = await must(aliceSock, 'message:send', { channelId: chat.id, clientId, body: '  大家好！  ' });
    expect(sent).toMatchObject({ clientId, body: '大家好！', authorName: '陈阿姨', seq: 1, state: 'visible', parentId: null });
    expect(await seen).toEqual(sent);
    expect(await c.models.Message.countDocuments({ clientId })).toBe(1);
  });

  it('stores a retried send once and answers the retry with the same message', async () => {
    const clientId = cid();
    const payload = { channelId: chat.id, clientId, body: '重试的消息' };
    const [a, b] = await Promise.all([call(aliceSock, 'message:send', payload), call(aliceSock, 'message:send', payload)]);
    const again = await must(aliceSock, 'message:send', payload);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(b.data.id).toBe(a.data.id);
    expect(again.id).toBe(a.ok ? a.data.id : '');
    expect(await c.models.Message.countDocuments({ clientId })).toBe(1);
  });

  it('concurrent sends from two nodes into one channel all succeed with distinct positions', async () => {
    const ch = await must(modA, 'channel:create', { communityId: A.community.id, name: '并发测试', kind: 'chat', topicPlan: '同时发送' });
    const sends = Array.from({ length: 16 }, (_, i) => call(i % 2 ? aliceSock : bobSock, 'message:send', { channelId: ch.id, clientId: cid(), body: `同时${i}` }));
    const marks = Array.from({ length: 6 }, () => call(bobSock, 'channel:markRead', { channelId: ch.id, seq: 1 }));
    const results = await Promise.all([...sends, ...marks]);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const seqs = (await c.models.Message.find({ channelId: ch.id }).lean()).map((m) => m.seq);
    expect(new Set(seqs).size).toBe(16);
  });

  it('edits (marked edited) and deletes (soft) live on both nodes; others cannot edit or delete', async () => {
    const m = await must(aliceSock, 'message:send', { channelId: chat.id, clientId: cid(), body: '原文' });
    expect(await call(bobSock, 'message:edit', { messageId: m.id, body: '篡改' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(bobSock, 'message:delete', { messageId: m.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const edited = next(bobSock, 'message:updated');
    await must(aliceSock, 'message:edit', { messageId: m.id, body: '改过的' });
    expect(await edited).toMatchObject({ id: m.id, body: '改过的' });
    expect((await must(bobSock, 'message:history', { channelId: chat.id })).messages.find((x) => x.id === m.id)?.editedAt).not.toBeNull();
    const deleted = next(bobSock, 'message:updated');
    await must(aliceSock, 'message:delete', { messageId: m.id });
    expect(await deleted).toMatchObject({ id: m.id, state: 'deleted', body: '' });
    expect(await c.models.Message.countDocuments({ _id: m.id })).toBe(1);
  });

  it('threads: replies count on the parent, stay out of the main timeline and notify the parent author', async () => {
    const parent = await must(aliceSock, 'message:send', { channelId: chat.id, clientId: cid(), body: '电梯又坏了' });
    const notified = next(aliceSock, 'notification:created');
    const parentUpdated = next(aliceSock, 'message:updated');
    const reply = await must(bobSock, 'message:send', { channelId: chat.id, clientId: cid(), body: '我也遇到了', parentId: parent.id });
    expect(reply.parentId).toBe(parent.id);
    expect(await parentUpdated).toMatchObject({ id: parent.id, replyCount: 1 });
    expect(await notified).toMatchObject({ kind: 'reply', messageId: reply.id, actorName: '刘师傅' });
    const thread = await must(aliceSock, 'message:thread', { messageId: parent.id });
    expect(thread.parent.replyCount).toBe(1);
    expect(thread.replies.map((r) => r.id)).toEqual([reply.id]);
    const timeline = await must(aliceSock, 'message:history', { channelId: chat.id });
    expect(timeline.messages.map((x) => x.id)).not.toContain(reply.id);
    expect(await call(aliceSock, 'message:send', { channelId: chat.id, clientId: cid(), body: 'x', parentId: reply.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('reactions toggle, live', async () => {
    const m = await must(aliceSock, 'message:send', { channelId: chat.id, clientId: cid(), body: '周六大扫除' });
    const live = next(aliceSock, 'message:updated');
    const on = await must(bobSock, 'message:react', { messageId: m.id, emoji: '👍' });
    expect(on.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [bob.user.id] }]);
    expect((await live).reactions[0]?.count).toBe(1);
    await must(aliceSock, 'message:react', { messageId: m.id, emoji: '👍' });
    const off = await must(bobSock, 'message:react', { messageId: m.id, emoji: '👍' });
    expect(off.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [alice.user.id] }]);
    expect(await call(bobSock, 'message:react', { messageId: m.id, emoji: 'abc' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('@mentions notify the member live, with an unread count', async () => {
    const before = await must(bobSock, 'notification:list', {});
    const notified = next(bobSock, 'notification:created');
    const m = await must(aliceSock, 'message:send', { channelId: chat.id, clientId: cid(), body: '@刘师傅 明天来修水管吗？' });
    expect(m.mentions).toEqual([bob.user.id]);
    const n = await notified;
    expect(n).toMatchObject({ kind: 'mention', messageId: m.id, channelId: chat.id, actorName: '陈阿姨', unread: before.unread + 1 });
    expect((await must(bobSock, 'notification:markRead', { ids: [n.id] })).unread).toBe(before.unread);
  });

  it('pages history backwards with a cursor', async () => {
    const ch = await must(modA, 'channel:create', { communityId: A.community.id, name: '分页测试', kind: 'chat', topicPlan: '测试分页' });
    for (let i = 1; i <= 7; i++) await must(modA, 'message:send', { channelId: ch.id, clientId: cid(), body: `第${i}条` });
    const page1 = await must(aliceSock, 'message:history', { channelId: ch.id, limit: 3 });
    expect(page1.messages.map((m) => m.body)).toEqual(['第5条', '第6条', '第7条']);
    expect(page1.hasMore).toBe(true);
    const page2 = await must(aliceSock, 'message:history', { channelId: ch.id, limit: 3, beforeSeq: page1.messages[0]!.seq });
    expect(page2.messages.map((m) => m.body)).toEqual(['第2条', '第3条', '第4条']);
    const page3 = await must(aliceSock, 'message:history', { channelId: ch.id, limit: 3, beforeSeq: page2.messages[0]!.seq });
    expect(page3).toMatchObject({ hasMore: false });
    expect(page3.messages.map((m) => m.body)).toEqual(['第1条']);
  });
});

describe('unread counts and read markers', () => {
  it('counts others’ messages, and marking read in one tab updates the others live', async () => {
    const ch = await must(modA, 'channel:create', { communityId: A.community.id, name: '未读测试', kind: 'chat', topicPlan: '未读计数' });
    const otherTab = await c.connect(bob, 0);
    await must(aliceSock, 'message:send', { channelId: ch.id, clientId: cid(), body: '一' });
    const last = await must(aliceSock, 'message:send', { channelId: ch.id, clientId: cid(), body: '二' });
    await must(bobSock, 'message:send', { channelId: ch.id, clientId: cid(), body: '我自己的' });
    const states = await must(bobSock, 'channel:readStates', { communityId: A.community.id });
    // his own message never counts as unread
    expect(states.find((s) => s.channelId === ch.id)).toMatchObject({ unread: 2, lastReadSeq: 0 });
    await must(aliceSock, 'message:send', { channelId: ch.id, clientId: cid(), body: '三' });
    const before = await must(bobSock, 'channel:readStates', { communityId: A.community.id });
    expect(before.find((s) => s.channelId === ch.id)).toMatchObject({ unread: 3 });
    const live = next(otherTab, 'read:updated');
    const marked = await must(bobSock, 'channel:markRead', { channelId: ch.id, seq: last.seq + 2 });
    expect(marked.unread).toBe(0);
    expect(await live).toMatchObject({ channelId: ch.id, unread: 0 });
  });
});

describe('access', () => {
  it('a private channel gets FORBIDDEN, another community NOT_FOUND, and nothing is stored', async () => {
    const staffOnly = await must(modA, 'channel:create', {
      communityId: A.community.id,
      name: '内部',
      kind: 'chat',
      topicPlan: '工作人员',
      visibility: { type: 'roles', roles: ['moderator', 'admin'] },
    });
    const staffMsg = await must(modA, 'message:send', { channelId: staffOnly.id, clientId: cid(), body: '内部消息' });
    const bChannel = (await must(modA, 'channel:list', { communityId: B.community.id })).find((x) => x.kind === 'chat')!;
    const bMsg = await must(modA, 'message:send', { channelId: bChannel.id, clientId: cid(), body: 'B社区' });
    const before = await snapshotCounts(c.models);
    const attempts = await Promise.all([
      call(aliceSock, 'message:send', { channelId: staffOnly.id, clientId: cid(), body: '偷看' }),
      call(aliceSock, 'message:history', { channelId: staffOnly.id }),
      call(aliceSock, 'message:sync', { channelId: staffOnly.id, afterSeq: 0 }),
      call(aliceSock, 'message:thread', { messageId: staffMsg.id }),
      call(aliceSock, 'message:react', { messageId: staffMsg.id, emoji: '👍' }),
      call(aliceSock, 'message:report', { messageId: staffMsg.id, reason: 'x' }),
      call(aliceSock, 'typing:start', { channelId: staffOnly.id }),
      call(aliceSock, 'channel:markRead', { channelId: staffOnly.id, seq: 1 }),
      call(aliceSock, 'report:list', { communityId: A.community.id }),
      call(aliceSock, 'member:mute', { communityId: A.community.id, userId: bob.user.id, minutes: 10 }),
    ]);
    // Outsiders of B are answered as for ids that do not exist.
    const outside = await Promise.all([
      call(aliceSock, 'message:send', { channelId: bChannel.id, clientId: cid(), body: '越界' }),
      call(aliceSock, 'message:history', { channelId: bChannel.id }),
      call(aliceSock, 'message:react', { messageId: bMsg.id, emoji: '👍' }),
      call(aliceSock, 'message:hide', { messageId: bMsg.id, reason: '' }),
      call(aliceSock, 'message:delete', { messageId: bMsg.id }),
      call(aliceSock, 'channel:readStates', { communityId: B.community.id }),
      call(aliceSock, 'presence:list', { communityId: B.community.id }),
    ]);
    for (const res of attempts) expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const res of outside) expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await snapshotCounts(c.models)).toEqual(before);
  });

  it('residents cannot post announcements', async () => {
    const res = await call(aliceSock, 'message:send', { channelId: announcements.id, clientId: cid(), body: '我要发公告' });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await call(modA, 'message:send', { channelId: announcements.id, clientId: cid(), body: '停水通知' })).ok).toBe(true);
  });

  it('an oversized message gets VALIDATION_FAILED', async () => {
    const before = await snapshotCounts(c.models);
    const big = await call(aliceSock, 'message:send', { channelId: chat.id, clientId: cid(), body: '长'.repeat(LIMITS.message.maxLength + 1) });
    expect(big).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [{ path: 'body' }] } });
    expect(await snapshotCounts(c.models)).toEqual(before);
  });
});

describe('flood control (production limits)', () => {
  it('a flood gets RATE_LIMITED with a retry time, and nothing beyond the limit is stored', async () => {
    const solo = await startCluster({ nodes: 1, redis: false, env: { MESSAGE_SEND_BURST: String(LIMITS.message.sendBurst) } });
    try {
      const admin = await solo.login(PLATFORM_ADMIN_PHONE, '管理员');
      const adminSock = await solo.connect(admin);
      const community = await must(adminSock, 'community:create', { name: '限流社区', street: '街', district: '区' });
      const flooder = await solo.login('13900100003', '刷屏者');
      const fs = await solo.connect(flooder);
      await must(fs, 'community:joinByCode', { inviteCode: community.inviteCode! });
      const ch = (await must(fs, 'channel:list', { communityId: community.community.id })).find((x) => x.kind === 'chat')!;
      const results = [];
      for (let i = 0; i < LIMITS.message.sendBurst + 3; i++) results.push(await call(fs, 'message:send', { channelId: ch.id, clientId: cid(), body: `刷屏${i}` }));
      const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
      expect(codes).toEqual([...Array<string>(LIMITS.message.sendBurst).fill('ok'), 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
      const limited = results.at(-1)!;
      expect(!limited.ok && limited.error.retryAfterSeconds).toBeGreaterThan(0);
      expect(await solo.models.Message.countDocuments({ authorId: flooder.user.id })).toBe(LIMITS.message.sendBurst);
    } finally {
      await solo.stop();
    }
  });
});

describe('nothing acknowledged is missed', () => {
  it('after a short drop the socket reconnects fresh and message:sync returns every message sent meanwhile', async () => {
    const carol = await c.login('13900100004', '王大姐');
    const first = await c.connect(carol, 1);
    await must(first, 'community:joinByCode', { inviteCode: A.inviteCode! });
    first.disconnect();
    const sock = await c.connect(carol, 1, { reconnection: true });
    const got = collect(sock, 'message:created');
    await must(aliceSock, 'message:send', { channelId: chat.id, clientId: cid(), body: '掉线前' });
    await eventually(() => got.length === 1, 5000, 'first message');
    const lastSeq = got[0]!.seq;
    // drop the transport; the manager reconnects through a full handshake (no socket.io replay)
    const back = new Promise<void>((resolve) => sock.io.once('reconnect', () => resolve()));
    sock.io.engine.close();
    const sentMeanwhile = [];
    for (let i = 0; i < 5; i++) sentMeanwhile.push(await must(aliceSock, 'message:send', { channelId: chat.id, clientId: cid(), body: `掉线中${i}` }));
    await back;
    expect(sock.recovered).not.toBe(true);
    const caught = await must(sock, 'message:sync', { channelId: chat.id, afterSeq: lastSeq });
    expect(caught.messages.filter((m) => m.seq > lastSeq).map((m) => m.id)).toEqual(sentMeanwhile.map((m) => m.id));
    sock.disconnect();
  });

  it('after a long absence, message:sync returns every new message and every change', async () => {
    const dan = await c.login('13900100005', '赵大爷');
    const s1 = await c.connect(dan, 0);
    await must(s1, 'community:joinByCode', { inviteCode: A.inviteCode! });
    const seen = (await must(s1, 'message:history', { channelId: chat.id })).messages;
    const lastSeq = Math.max(...seen.map((m) => m.seq));
    const lastSeen = new Date().toISOString();
    s1.disconnect();
    await new Promise((r) => setTimeout(r, 20));
    const old = seen.find((m) => m.state === 'visible' && m.authorId === alice.user.id)!;
    await must(aliceSock, 'message:edit', { messageId: old.id, body: '离开期间改过' });
    const fresh = [];
    for (let i = 0; i < 4; i++) fresh.push(await must(bobSock, 'message:send', { channelId: chat.id, clientId: cid(), body: `离开期间${i}` }));
    const s2 = await c.connect(dan, 1);
    const caught = await must(s2, 'message:sync', { channelId: chat.id, afterSeq: lastSeq, updatedSince: lastSeen });
    expect(caught.hasMore).toBe(false);
    expect(caught.messages.filter((m) => m.seq > lastSeq).map((m) => m.id)).toEqual(fresh.map((m) => m.id));
    expect(caught.messages.find((m) => m.id === old.id)?.body).toBe('离开期间改过');
  });
});

describe('presence and typing', () => {
  it('presence is right across tabs and nodes', async () => {
    const erin = await c.login('13900100006', '孙阿姨');
    const setup = await c.connect(erin, 0);
    await must(setup, 'community:joinByCode', { inviteCode: A.inviteCode! });
    const seen = collect(aliceSock, 'presence:changed');
    const erinEvents = () => seen.flatMap((p) => p.changes).filter((p) => p.userId === erin.user.id).map((p) => p.online);
    setup.disconnect();
    await eventually(() => erinEvents().at(-1) === false, 5000, 'erin offline');
    const tab1 = await c.connect(erin, 1);
    await eventually(() => erinEvents().at(-1) === true, 5000, 'erin online (other node)');
    const tab2 = await c.connect(erin, 0);
    const list = await must(bobSock, 'presence:list', { communityId: A.community.id });
    expect(list.filter((p) => p.userId === erin.user.id)).toHaveLength(1);
    const batches = collect(aliceSock, 'presence:changed');
    const changes = () => batches.flatMap((b) => b.changes).filter((p) => p.userId === erin.user.id);
    tab1.disconnect();
    await new Promise((r) => setTimeout(r, 1500));
    expect(changes().filter((p) => !p.online)).toHaveLength(0); // still online in tab 2
    tab2.disconnect();
    await eventually(() => changes().some((p) => !p.online), 5000, 'offline event');
  });

  it('typing reaches the other node, not the typist, and is throttled', async () => {
    const own = collect(aliceSock, 'typing:updated');
    const seen = collect(bobSock, 'typing:updated');
    await must(aliceSock, 'typing:start', { channelId: chat.id });
    await must(aliceSock, 'typing:start', { channelId: chat.id });
    await eventually(() => seen.length >= 1, 3000, 'typing event');
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual([{ communityId: A.community.id, channelId: chat.id, userId: alice.user.id, displayName: '陈阿姨' }]);
    expect(own).toEqual([]);
  });
});

describe('moderation', () => {
  it('a report reaches the moderators; hiding makes the message disappear live for everyone and is audited', async () => {
    const m = await must(bobSock, 'message:send', { channelId: chat.id, clientId: cid(), body: '卖房广告 加微信' });
    const queued = next(modA, 'report:created');
    const report = await must(aliceSock, 'message:report', { messageId: m.id, reason: '广告' });
    expect(await queued).toMatchObject({ id: report.id, messageExcerpt: '卖房广告 加微信', reporterName: '陈阿姨' });
    expect(await call(aliceSock, 'message:report', { messageId: m.id, reason: '再报' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await must(modA, 'report:list', { communityId: A.community.id })).map((r) => r.id)).toContain(report.id);
    const goneForAlice = next(aliceSock, 'message:updated');
    const goneForBob = next(bobSock, 'message:updated');
    const toldBob = next(bobSock, 'notification:created');
    const resolved = await must(modA, 'report:resolve', { reportId: report.id, action: 'hide' });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'hidden' });
    expect(await goneForAlice).toMatchObject({ id: m.id, state: 'hidden', body: '' });
    expect(await goneForBob).toMatchObject({ id: m.id, state: 'hidden' });
    expect((await toldBob).kind).toBe('moderation');
    const history = await must(aliceSock, 'message:history', { channelId: chat.id });
    expect(history.messages.find((x) => x.id === m.id)).toMatchObject({ state: 'hidden', body: '' });
    const audit = await must(modA, 'audit:list', { communityId: A.community.id });
    expect(audit.map((e) => e.action)).toContain('message.hide');
  });

  it('a moderator may delete anyone’s message; the author is told and the deletion is audited', async () => {
    const m = await must(bobSock, 'message:send', { channelId: chat.id, clientId: cid(), body: '吵架的话' });
    const told = next(bobSock, 'notification:created');
    const deleted = await must(modA, 'message:delete', { messageId: m.id });
    expect(deleted.state).toBe('deleted');
    expect(await told).toMatchObject({ kind: 'moderation', messageId: m.id });
    expect((await must(modA, 'audit:list', { communityId: A.community.id }))[0]).toMatchObject({ action: 'message.delete', targetId: m.id });
  });

  it('a muted member cannot post until the mute is lifted', async () => {
    const told = next(bobSock, 'notification:created');
    const ownMembership = next(bobSock, 'membership:changed');
    const muted = await must(modA, 'member:mute', { communityId: A.community.id, userId: bob.user.id, minutes: 30, reason: '刷屏' });
    expect(muted.mutedUntil).not.toBeNull();
    expect(await told).toMatchObject({ kind: 'moderation', excerpt: '刷屏' });
    expect((await ownMembership).membership.mutedUntil).toBe(muted.mutedUntil);
    const before = await c.models.Message.countDocuments({ authorId: bob.user.id });
    expect(await call(bobSock, 'message:send', { channelId: chat.id, clientId: cid(), body: '我被禁言了吗' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.models.Message.countDocuments({ authorId: bob.user.id })).toBe(before);
    await must(modA, 'member:mute', { communityId: A.community.id, userId: bob.user.id, minutes: 0 });
    expect((await call(bobSock, 'message:send', { channelId: chat.id, clientId: cid(), body: '解除了' })).ok).toBe(true);
  });

  it('a banned member is disconnected and can no longer post', async () => {
    const eve = await c.login('13900100007', '捣乱');
    const s = await c.connect(eve, 1);
    await must(s, 'community:joinByCode', { inviteCode: A.inviteCode! });
    const gone = disconnected(s);
    await must(modA, 'member:ban', { communityId: A.community.id, userId: eve.user.id, reason: '骚扰' });
    await gone;
    const again = await c.connect(eve, 0);
    // No longer a member: answered as an outsider, like an id that does not exist.
    expect(await call(again, 'message:send', { channelId: chat.id, clientId: cid(), body: '我又来了' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
