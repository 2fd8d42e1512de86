/**
 * Deliberation (议事) end to end over real sockets, two nodes, the embedded database:
 * proposals opened exactly once by racing supporters, a channel per topic, arguments
 * as messages with a stance, grouping by endorsements, live arguments, closing with a
 * summary (the channel becomes read-only for residents), refusals that change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deliberation, Issue } from '@linli/shared';
import { call, collect, eventually, must, next, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { createTestCommunity } from '../support/community.js';

describe('deliberation', () => {
  let c: Cluster;
  let now = Date.parse('2026-11-02T09:00:00Z');
  const clock = () => new Date(now);
  let communityId: string;
  let admin: ClientSocket;
  let moderator: ClientSocket;
  let residents: ClientSocket[] = [];
  let outsider: ClientSocket;
  let otherIssue: Issue;
  let issue: Issue;
  let issue2: Issue;
  const users: Record<string, Session> = {};

  const snapshot = async (deliberationId: string) => JSON.stringify(await c.models.Deliberation.findOne({ _id: deliberationId }).lean());
  let seq = 0;
  const clientId = () => `delib-test-${++seq}-${Date.now()}`;
  const send = (socket: ClientSocket, channelId: string, body: string, extra: { stance?: 'for' | 'against' | 'neutral'; parentId?: string } = {}) =>
    call(socket, 'message:send', { channelId, clientId: clientId(), body, ...extra });

  beforeAll(async () => {
    c = await startCluster({ nodes: 2, clock });
    const community = await createTestCommunity(c, '议事测试社区', users);
    ({ admin, communityId } = community);
    const join = community.join;
    moderator = await join('moderator', '13900400001', '李社工', 0);
    await community.setRole('moderator', 'moderator');
    const names = ['王阿姨', '刘大爷', '陈叔叔', '张奶奶', '赵大哥', '孙阿姨'];
    residents = [];
    for (const [i, name] of names.entries()) residents.push(await join(`resident${i}`, `1390040001${i}`, name, i % 2));
    users.outsider = await c.login('13900400099', '外人');
    outsider = await c.connect(users.outsider, 1);

    const categories = await must(residents[0]!, 'issue:categories', { communityId });
    const categoryId = categories[0]!.id;
    issue = await must(residents[0]!, 'issue:file', { communityId, title: '3栋门口停车混乱', categoryId });
    issue2 = await must(residents[1]!, 'issue:file', { communityId, title: '消防通道被占', categoryId });
    // A problem report of another community.
    const other = await must(admin, 'community:create', { name: '另一个社区', street: '测试街道', district: '测试区' });
    const otherCategories = await must(admin, 'issue:categories', { communityId: other.community.id });
    otherIssue = await must(admin, 'issue:file', { communityId: other.community.id, title: '别处的问题', categoryId: otherCategories[0]!.id });
  });

  afterAll(async () => {
    await c?.stop();
  });

  it('a proposal opens exactly once when supports race across two nodes; its channel is created once and announced', async () => {
    await must(moderator, 'deliberation:configure', { communityId, supportThreshold: 4 });
    const proposal = await must(residents[0]!, 'deliberation:propose', { communityId, title: '停车位如何分配', description: '车位不够用', issueIds: [issue.id] });
    expect(proposal).toMatchObject({ state: 'proposed', supportCount: 1, supportThreshold: 4, channelId: null, number: 1, issues: [{ issueId: issue.id, number: issue.number, title: issue.title }] });

    const saved = collect(residents[0]!, 'deliberation:saved');
    const notified = collect(residents[0]!, 'notification:created');
    const channels = collect(residents[5]!, 'channel:saved');
    // Five more supporters (the threshold is 4 with the proposer) at once, over both nodes; each twice.
    const supporters = residents.slice(1, 6);
    const answers = await Promise.all([...supporters, ...supporters].map((socket) => call(socket, 'deliberation:support', { deliberationId: proposal.id, on: true })));
    // Racing the open: some supports land before it (ok), some after (CONFLICT: no longer a proposal).
    for (const answer of answers) expect(answer.ok || answer.error.code === 'CONFLICT').toBe(true);

    const stored = await c.models.Deliberation.findOne({ _id: proposal.id }).lean();
    expect(stored!.state).toBe('open');
    expect(stored!.channelId).not.toBeNull();
    expect(stored!.openedById).toBeNull();
    await eventually(() => saved.some((topic) => topic.id === proposal.id && topic.state === 'open'), 5000, 'the open pushed');
    expect(saved.filter((topic) => topic.id === proposal.id && topic.state === 'open')).toHaveLength(1);
    // The proposer is told once that it opened.
    await eventually(() => notified.some((n) => n.kind === 'deliberation' && n.subjectId === proposal.id), 5000, 'the proposer notified');
    expect(notified.filter((n) => n.kind === 'deliberation' && n.subjectId === proposal.id)).toHaveLength(1);
    expect(await c.models.Channel.countDocuments({ communityId, kind: 'deliberation', name: /#1 / })).toBe(1);
    await eventually(() => channels.some((channel) => channel.id === stored!.channelId!.toString()), 5000, 'the channel announced');
    const channel = channels.find((item) => item.id === stored!.channelId!.toString())!;
    expect(channel).toMatchObject({ kind: 'deliberation', name: '议事 #1 停车位如何分配', visibility: { type: 'all' }, archived: false });
    // One support row per person, whatever the doubles.
    expect(await c.models.DeliberationSupport.countDocuments({ deliberationId: proposal.id })).toBeLessThanOrEqual(6);
    const rows = await c.models.DeliberationSupport.find({ deliberationId: proposal.id }).lean();
    expect(new Set(rows.map((row) => row.userId.toString())).size).toBe(rows.length);
  });

  it('supporting is one per person and toggles; a support after the open is CONFLICT', async () => {
    await must(moderator, 'deliberation:configure', { communityId, supportThreshold: 10 });
    const proposal = await must(residents[1]!, 'deliberation:propose', { communityId, title: '增设快递柜' });
    expect(proposal.supportThreshold).toBe(10);
    expect((await must(residents[2]!, 'deliberation:support', { deliberationId: proposal.id, on: true })).deliberation.supportCount).toBe(2);
    expect((await must(residents[2]!, 'deliberation:support', { deliberationId: proposal.id, on: true })).deliberation.supportCount).toBe(2);
    const list = await must(residents[2]!, 'deliberation:list', { communityId, state: 'proposed' });
    expect(list.items.map((item) => item.id)).toContain(proposal.id);
    expect(list.supported).toContain(proposal.id);
    expect(list.settings.supportThreshold).toBe(10);
    const off = await must(residents[2]!, 'deliberation:support', { deliberationId: proposal.id, on: false });
    expect(off).toMatchObject({ supported: false, deliberation: { supportCount: 1 } });
    expect((await must(residents[2]!, 'deliberation:get', { deliberationId: proposal.id })).supported).toBe(false);
  });

  it('lowering the threshold opens proposals that already reach it; the settings change is audited', async () => {
    const proposal = await must(residents[3]!, 'deliberation:propose', { communityId, title: '楼道灯改声控' });
    await must(residents[4]!, 'deliberation:support', { deliberationId: proposal.id, on: true });
    await must(moderator, 'deliberation:configure', { communityId, supportThreshold: 2 });
    expect((await must(residents[3]!, 'deliberation:get', { deliberationId: proposal.id })).deliberation.state).toBe('open');
    const audit = await must(moderator, 'audit:list', { communityId, limit: 50 });
    expect(audit.some((entry) => entry.action === 'deliberation.configure' && entry.details.from === 10 && entry.details.to === 2)).toBe(true);
    await must(moderator, 'deliberation:configure', { communityId, supportThreshold: 5 });
  });

  it('residents may not open, reject, close or configure (FORBIDDEN) and nothing changes; outsiders get NOT_FOUND', async () => {
    const proposal = await must(residents[2]!, 'deliberation:propose', { communityId, title: '小区绿化改造' });
    const before = await snapshot(proposal.id);
    const topics = await c.models.Deliberation.countDocuments({ communityId });
    expect(await call(residents[0]!, 'deliberation:open', { communityId, title: '我来开一个' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(residents[0]!, 'deliberation:review', { deliberationId: proposal.id, action: 'open' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(residents[0]!, 'deliberation:review', { deliberationId: proposal.id, action: 'reject', reason: '不行' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(residents[0]!, 'deliberation:close', { deliberationId: proposal.id, summaryFor: 'a', summaryAgainst: 'b', conclusion: 'c' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(residents[0]!, 'deliberation:configure', { communityId, supportThreshold: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await must(residents[0]!, 'deliberation:settings', { communityId })).supportThreshold).toBe(5);
    for (const [event, payload] of [
      ['deliberation:get', { deliberationId: proposal.id }],
      ['deliberation:support', { deliberationId: proposal.id, on: true }],
      ['deliberation:list', { communityId }],
      ['deliberation:propose', { communityId, title: '外人提议' }],
    ] as const) {
      expect(await call(outsider, event, payload as never), event).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(await snapshot(proposal.id)).toBe(before);
    expect(await c.models.Deliberation.countDocuments({ communityId })).toBe(topics);
    // A moderator rejects it with a reason; rejecting again is CONFLICT.
    const rejected = await must(moderator, 'deliberation:review', { deliberationId: proposal.id, action: 'reject', reason: '与 #1 重复' });
    expect(rejected).toMatchObject({ state: 'rejected', rejectReason: '与 #1 重复', channelId: null });
    expect(await call(moderator, 'deliberation:review', { deliberationId: proposal.id, action: 'open' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('linking a problem report of another community is refused and stores nothing', async () => {
    const topics = await c.models.Deliberation.countDocuments({});
    expect(await call(moderator, 'deliberation:open', { communityId, title: '跨社区', issueIds: [issue.id, otherIssue.id] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await c.models.Deliberation.countDocuments({})).toBe(topics);
  });

  describe('an open topic', () => {
    let topic: Deliberation;
    let channelId: string;

    beforeAll(async () => {
      topic = await must(moderator, 'deliberation:open', { communityId, title: '消防通道划线', description: '要不要在消防通道划黄线并安装地锁', issueIds: [issue2.id, issue.id], clientId: 'open-fire-lane-1' });
      channelId = topic.channelId!;
    });

    it('a moderator opens it at once with its channel; a retry with the same clientId answers the same topic; it is audited', async () => {
      expect(topic).toMatchObject({ state: 'open', openedByName: '李社工', issues: [{ issueId: issue2.id }, { issueId: issue.id }] });
      expect(channelId).toBeTruthy();
      const again = await must(moderator, 'deliberation:open', { communityId, title: '消防通道划线', clientId: 'open-fire-lane-1' });
      expect(again.id).toBe(topic.id);
      const audit = await must(moderator, 'audit:list', { communityId, limit: 50 });
      expect(audit.filter((entry) => entry.action === 'deliberation.open' && entry.targetId === topic.id)).toHaveLength(1);
    });

    it('the issue link filter answers the topics started from a report', async () => {
      const fromIssue2 = await must(residents[0]!, 'deliberation:list', { communityId, issueId: issue2.id });
      expect(fromIssue2.items.map((item) => item.id)).toEqual([topic.id]);
      const fromIssue = await must(residents[0]!, 'deliberation:list', { communityId, issueId: issue.id });
      expect(fromIssue.items.map((item) => item.number).sort()).toEqual([1, topic.number].sort());
      const open = await must(residents[0]!, 'deliberation:list', { communityId, state: 'open' });
      expect(open.items.every((item) => item.state === 'open')).toBe(true);
    });

    it('the channel filter answers the topic whose channel it is, and nothing for any other channel', async () => {
      const ofChannel = await must(residents[1]!, 'deliberation:list', { communityId, channelId });
      expect(ofChannel.items.map((item) => [item.id, item.state])).toEqual([[topic.id, 'open']]);
      const channels = await must(residents[1]!, 'channel:list', { communityId });
      const hall = channels.find((channel) => channel.kind === 'deliberation' && channel.name === '议事厅')!;
      expect((await must(residents[1]!, 'deliberation:list', { communityId, channelId: hall.id })).items).toEqual([]);
    });

    it('a bad stance, or a stance outside a topic’s channel or on a reply, is refused and stores nothing', async () => {
      const channels = await must(residents[0]!, 'channel:list', { communityId });
      const chat = channels.find((channel) => channel.kind === 'chat')!;
      const hall = channels.find((channel) => channel.kind === 'deliberation' && channel.name === '议事厅')!;
      const count = await c.models.Message.countDocuments({});
      expect(await call(residents[0]!, 'message:send', { channelId, clientId: clientId(), body: '坏的立场', stance: 'maybe' } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await send(residents[0]!, chat.id, '闲聊里的立场', { stance: 'for' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [{ path: 'stance' }] } });
      expect(await send(residents[0]!, hall.id, '议事厅不是议题频道', { stance: 'against' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await c.models.Message.countDocuments({})).toBe(count);
      // Ordinary messages elsewhere carry no stance.
      const plain = await send(residents[0]!, chat.id, '大家好');
      expect(plain).toMatchObject({ ok: true, data: { stance: null } });
      const parent = await send(residents[0]!, channelId, '我赞成划线', { stance: 'for' });
      expect(parent.ok).toBe(true);
      if (!parent.ok) return;
      const afterParent = await c.models.Message.countDocuments({});
      expect(await send(residents[1]!, channelId, '回复不带立场', { parentId: parent.data.id, stance: 'against' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await c.models.Message.countDocuments({})).toBe(afterParent);
    });

    it('arguments reach another member live, are grouped by side and ordered by endorsements (👍 from others)', async () => {
      const live = collect(residents[5]!, 'message:created');
      const post = async (socket: ClientSocket, body: string, stance?: 'for' | 'against' | 'neutral') => {
        const res = await send(socket, channelId, body, stance ? { stance } : {});
        if (!res.ok) throw new Error(res.error.message);
        return res.data;
      };
      const against1 = await post(residents[1]!, '划线后车没地方停', 'against');
      const against2 = await post(residents[2]!, '地锁不方便救护车', 'against');
      const for2 = await post(residents[3]!, '消防安全第一', 'for');
      const neutral = await post(residents[4]!, '可以先试行三个月');
      expect(neutral.stance).toBe('neutral');
      await eventually(() => [against1, against2, for2, neutral].every((m) => live.some((seen) => seen.id === m.id && seen.stance === m.stance)), 5000, 'arguments live on the other node');

      for (const socket of [residents[0]!, residents[1]!, residents[4]!]) await must(socket, 'message:react', { messageId: for2.id, emoji: '👍' });
      await must(residents[0]!, 'message:react', { messageId: against2.id, emoji: '👍' });
      // The author's own 👍 does not count.
      await must(residents[1]!, 'message:react', { messageId: against1.id, emoji: '👍' });
      // A reply in the thread of an argument.
      const reply = await send(residents[5]!, channelId, '救护车可以用遥控开锁', { parentId: against2.id });
      expect(reply).toMatchObject({ ok: true, data: { stance: null, parentId: against2.id } });

      const got = await must(residents[5]!, 'deliberation:get', { deliberationId: topic.id });
      expect(got.channel?.id).toBe(channelId);
      expect(got.sides.counts).toEqual({ for: 2, against: 2, neutral: 1 });
      expect(got.sides.for.map((entry) => [entry.message.id, entry.endorsements])).toEqual([
        [for2.id, 3],
        [expect.any(String), 0],
      ]);
      expect(got.sides.against.map((entry) => entry.message.id)).toEqual([against2.id, against1.id]);
      expect(got.sides.against[0]).toMatchObject({ endorsements: 1, message: { replyCount: 1 } });
      expect(got.sides.neutral.map((entry) => entry.message.id)).toEqual([neutral.id]);

      const participants = await c.nodes[0]!.app.services.deliberations.participantIds(communityId, topic.id);
      for (const key of ['moderator', 'resident0', 'resident1', 'resident2', 'resident3', 'resident4', 'resident5']) expect(participants, key).toContain(users[key]!.user.id);
      expect(await c.nodes[0]!.app.services.deliberations.participantIds('0123456789abcdef01234567', topic.id)).toEqual([]);
      const ref = await c.nodes[1]!.app.services.deliberations.lookup(communityId, topic.id);
      expect(ref).toMatchObject({ id: topic.id, state: 'open', number: topic.number, channelId, closedAt: null });
      expect(ref!.openedAt).toBeInstanceOf(Date);
    });

    it('closing: staff only, with a summary; participants are notified; residents can no longer post or edit there, staff still can', async () => {
      const before = await snapshot(topic.id);
      expect(await call(residents[0]!, 'deliberation:close', { deliberationId: topic.id, summaryFor: 'x', summaryAgainst: 'y', conclusion: 'z' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call(moderator, 'deliberation:close', { deliberationId: topic.id, summaryFor: '', summaryAgainst: 'y', conclusion: 'z' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await snapshot(topic.id)).toBe(before);

      const mine0 = await send(residents[0]!, channelId, '最后说一句', { stance: 'for' });
      const told = next(residents[3]!, 'notification:created');
      const savedLive = next(residents[2]!, 'deliberation:saved');
      const createdLive = collect(residents[4]!, 'message:created');
      now += 3 * 24 * 3_600_000;
      const closed = await must(moderator, 'deliberation:close', { deliberationId: topic.id, summaryFor: '安全第一，消防通道必须畅通', summaryAgainst: '担心停车位减少', conclusion: '划线，地锁暂缓，进入投票' });
      expect(closed).toMatchObject({ state: 'closed', closedAt: new Date(now).toISOString(), summary: { summaryFor: '安全第一，消防通道必须畅通', closedByName: '李社工' } });
      expect(await savedLive).toMatchObject({ id: topic.id, state: 'closed' });
      expect(await told).toMatchObject({ kind: 'deliberation', subjectId: topic.id, actorName: '李社工' });
      // The summary is posted in the topic's channel as a notice from the moderator, live, once; it is no argument.
      await eventually(() => createdLive.some((message) => message.channelId === channelId && message.body.includes('结论：划线，地锁暂缓，进入投票')), 5000, 'the close notice live');
      const notices = (await c.models.Message.find({ channelId }).lean()).filter((message) => message.body.includes('讨论已结束，总结如下'));
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ authorId: expect.anything(), authorName: '李社工', parentId: null, stance: null, issueLink: null });
      expect(notices[0]!.authorId.toString()).toBe(users.moderator!.user.id);
      expect(notices[0]!.body).toContain('支持方观点：安全第一，消防通道必须畅通');
      expect(notices[0]!.body).toContain('反对方观点：担心停车位减少');
      const sidesAfter = (await must(residents[4]!, 'deliberation:get', { deliberationId: topic.id })).sides;
      expect([...sidesAfter.for, ...sidesAfter.against, ...sidesAfter.neutral].some((entry) => entry.message.id === notices[0]!._id.toString())).toBe(false);

      const count = await c.models.Message.countDocuments({ channelId });
      expect(await send(residents[1]!, channelId, '关了还能说吗', { stance: 'against' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await send(residents[1]!, channelId, '不带立场也不行')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      if (mine0.ok) expect(await call(residents[0]!, 'message:edit', { messageId: mine0.data.id, body: '改一下' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await c.models.Message.countDocuments({ channelId })).toBe(count);
      expect(await send(moderator, channelId, '讨论已结束，感谢参与', { stance: 'neutral' })).toMatchObject({ ok: true });
      expect(await call(moderator, 'deliberation:close', { deliberationId: topic.id, summaryFor: 'a', summaryAgainst: 'b', conclusion: 'c' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

      const audit = await must(moderator, 'audit:list', { communityId, limit: 50 });
      expect(audit.some((entry) => entry.action === 'deliberation.close' && entry.targetId === topic.id)).toBe(true);
      expect((await c.nodes[0]!.app.services.deliberations.lookup(communityId, topic.id))!.closedAt).toEqual(new Date(now));
    });

    it('endorsing after the close: residents are refused (FORBIDDEN) adding or taking back a reaction, nothing is stored or sent; staff still react', async () => {
      const got = await must(residents[2]!, 'deliberation:get', { deliberationId: topic.id });
      expect(got.deliberation.state).toBe('closed');
      // The strongest argument for: 👍 from residents 0, 1 and 4 while the topic was open.
      const messageId = got.sides.for[0]!.message.id;
      expect(got.sides.for[0]!.endorsements).toBe(3);
      const storedMessage = async () => JSON.stringify(await c.models.Message.findOne({ _id: messageId }).lean());
      const storedReactions = async () => JSON.stringify(await c.models.Reaction.find({ messageId }).sort({ at: 1, userId: 1 }).lean());
      const messageBefore = await storedMessage();
      const reactionsBefore = await storedReactions();
      const updates = collect(residents[5]!, 'message:updated');

      const refused = { ok: false, error: { code: 'FORBIDDEN' } };
      expect(await call(residents[2]!, 'message:react', { messageId, emoji: '👍' })).toMatchObject(refused);
      // Taking an endorsement back would change the record just the same.
      expect(await call(residents[0]!, 'message:react', { messageId, emoji: '👍' })).toMatchObject(refused);
      // Any reaction in the closed topic's channel.
      expect(await call(residents[3]!, 'message:react', { messageId, emoji: '❤️' })).toMatchObject(refused);
      expect(await storedMessage()).toBe(messageBefore);
      expect(await storedReactions()).toBe(reactionsBefore);
      expect((await must(residents[2]!, 'deliberation:get', { deliberationId: topic.id })).sides.for[0]).toMatchObject({ message: { id: messageId }, endorsements: 3 });

      // Staff still may (the channel is theirs to keep): the only update anyone sees.
      const staffReacted = await must(moderator, 'message:react', { messageId, emoji: '👍' });
      expect(staffReacted.reactions.find((reaction) => reaction.emoji === '👍')!.userIds).toContain(users.moderator!.user.id);
      await eventually(() => updates.some((update) => update.id === messageId), 5000, 'the staff reaction live');
      expect(updates.filter((update) => update.id === messageId)).toHaveLength(1);
    });
  });
});
