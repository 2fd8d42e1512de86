/**
 * Polls end to end over real sockets, two nodes, the embedded database: every kind
 * cast and counted (the stored result is what the recount file recounts to), edits
 * audited and frozen by the first ballot, vote change with its history, one ballot
 * per household, assisted voting, the minimum deliberation period, live tallies.
 * Integrity under races and secrecy are polls-integrity.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPoll, receiptPattern, type AuditEntry, type BallotChoice, type EventInput, type Poll, type PollCountFile } from '@linli/shared';
import { call, collect, eventually, must, next, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { createTestCommunity, type Household } from '../support/community.js';
import { createLogger } from '../../server/src/lib/logger.js';
import { seedDemo } from '../../server/src/seed/demo.js';
import { seedDemoIssues } from '../../server/src/seed/demo-issues.js';
import { seedDemoDeliberation } from '../../server/src/seed/demo-deliberation.js';
import { seedDemoPolls } from '../../server/src/seed/demo-polls.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const secret = () => randomBytes(16).toString('base64url');

describe('polls', () => {
  let c: Cluster;
  let now = Date.parse('2026-12-01T09:00:00Z');
  const clock = () => new Date(now);
  let communityId: string;
  let admin: ClientSocket;
  let moderator: ClientSocket;
  const users: Record<string, Session> = {};
  const sockets: Record<string, ClientSocket> = {};

  const closesIn = (days = 7) => new Date(now + days * DAY).toISOString();
  const create = (payload: Omit<EventInput<'poll:create'>, 'communityId' | 'closesAt'> & { closesAt?: string }) =>
    must(moderator, 'poll:create', { communityId, closesAt: closesIn(), ...payload } as EventInput<'poll:create'>);
  const snapshot = async (pollId: string) => JSON.stringify(await c.models.Poll.findOne({ _id: pollId }).lean());
  const auditOf = async (pollId: string): Promise<AuditEntry[]> => (await must(admin, 'audit:list', { communityId, limit: 100 })).filter((entry) => entry.targetId === pollId);
  const exportOf = async (pollId: string, who: string, node = 0) => {
    const res = await fetch(`${c.nodes[node]!.url}/api/polls/${pollId}/export`, { headers: { cookie: users[who]!.cookie } });
    return { status: res.status, body: (await res.json()) as PollCountFile };
  };

  beforeAll(async () => {
    c = await startCluster({ nodes: 2, clock });
    const community = await createTestCommunity(c, '投票测试社区', users);
    ({ admin, communityId } = community);
    const join = async (key: string, phone: string, name: string, node: number, household?: Household) => (sockets[key] = await community.join(key, phone, name, node, household));
    moderator = await join('moderator', '13900400001', '李社工', 0);
    await community.setRole('moderator', 'moderator');
    // 王阿姨 and 王伯伯 share a verified household; 刘大爷 and 陈姐 have their own; 小张 is not verified.
    await join('wang', '13900400002', '王阿姨', 1, { building: '3栋', unit: '2单元', room: '1201', verify: true });
    await join('wangHusband', '13900400003', '王伯伯', 0, { building: ' 3栋', unit: '2单元', room: '1201 ', verify: true });
    await join('liu', '13900400004', '刘大爷', 1, { building: '5栋', unit: '1单元', room: '302', verify: true });
    await join('chen', '13900400005', '陈姐', 0, { building: '7栋', unit: '1单元', room: '101', verify: true });
    await join('zhang', '13900400006', '小张', 1, { building: '9栋', unit: '1单元', room: '501', verify: false });
    // Reconnect so the rooms follow roles.
    moderator.disconnect();
    moderator = await c.connect(users.moderator!, 0);
    sockets.moderator = moderator;
  });

  afterAll(async () => {
    await c?.stop();
  });

  it('every kind: cast over both nodes, closed by staff, the stored result is countPoll of the recount file', async () => {
    const voters = ['wang', 'liu', 'chen', 'zhang'] as const;
    const cases: { payload: Omit<EventInput<'poll:create'>, 'communityId' | 'closesAt'>; ballots: (options: string[]) => BallotChoice[] }[] = [
      { payload: { kind: 'yesno', title: '是否加装电梯', threshold: 'two-thirds' }, ballots: () => ['yes', 'yes', 'no', 'abstain'] },
      { payload: { kind: 'single', title: '物业选聘', options: [{ label: '甲公司' }, { label: '乙公司' }, { label: '丙公司' }] }, ballots: (o) => [o[1]!, o[1]!, o[0]!, o[2]!] },
      { payload: { kind: 'multiple', title: '增设哪些设施', options: [{ label: '长椅' }, { label: '健身器材' }, { label: '充电桩' }], min: 1, max: 2 }, ballots: (o) => [[o[0]!], [o[0]!, o[2]!], [o[2]!, o[0]!], [o[1]!]] },
      { payload: { kind: 'ranked', title: '绿化方案', options: [{ label: '方案A' }, { label: '方案B' }, { label: '方案C' }] }, ballots: (o) => [[o[0]!, o[1]!], [o[1]!, o[0]!], [o[2]!, o[1]!], [o[1]!]] },
      { payload: { kind: 'score', title: '给活动打分', options: [{ label: '义诊' }, { label: '电影夜' }] }, ballots: (o) => [{ [o[0]!]: 5, [o[1]!]: 2 }, { [o[0]!]: 4 }, { [o[1]!]: 5 }, { [o[0]!]: 3, [o[1]!]: 3 }] },
      {
        payload: { kind: 'budget', title: '公共收益怎么用', options: [{ label: '屋顶防水', cost: 80 }, { label: '扶手', cost: 30 }, { label: '路灯', cost: 40 }], budget: 100 },
        ballots: (o) => [[o[0]!], [o[0]!], [o[1]!, o[2]!], [o[1]!, o[2]!]],
      },
    ];
    for (const { payload, ballots } of cases) {
      const poll = await create({ ...payload, quorum: 0.5 });
      expect(poll).toMatchObject({ state: 'open', kind: payload.kind, frozen: false, turnout: { ballots: 0 } });
      const choices = ballots(poll.options.map((o) => o.id));
      const receipts: string[] = [];
      for (const [i, who] of voters.entries()) {
        const cast = await must(sockets[who]!, 'poll:cast', { pollId: poll.id, choice: choices[i]! });
        expect(cast.receipt).toMatch(receiptPattern);
        receipts.push(cast.receipt);
      }
      // A ballot the count would set aside is refused, and nothing is stored.
      const before = await c.models.PollBallot.countDocuments({ pollId: poll.id });
      expect(await call(moderator, 'poll:cast', { pollId: poll.id, choice: 'nonsense' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await c.models.PollBallot.countDocuments({ pollId: poll.id })).toBe(before);

      const closed = await must(moderator, 'poll:close', { pollId: poll.id, reason: '测试结束' });
      expect(closed).toMatchObject({ state: 'closed', closedEarlyByName: '李社工' });
      expect(closed.outcome).toBeTruthy();
      const view = await must(sockets.liu!, 'poll:result', { pollId: poll.id });
      const file = await exportOf(poll.id, 'chen', 1);
      expect(file.status).toBe(200);
      // The recount (the code `npm run poll -- count` runs) gives the stored result, byte for byte.
      expect(JSON.stringify(countPoll(file.body))).toBe(JSON.stringify(view.result));
      expect(file.body.result).toEqual(view.result);
      expect(file.body.ballots).toHaveLength(4);
      expect(JSON.stringify(file.body)).not.toContain(users.wang!.user.id);
      expect(view.receipts.map((r) => r.receipt).sort()).toEqual([...receipts].sort());
      expect(view.receipts.find((r) => r.receipt === receipts[0])).toMatchObject({ voterName: '王阿姨', choice: choices[0] });
      // 6 members eligible (moderator and admin included), 4 ballots: quorum met.
      expect(view.result).toMatchObject({ valid: true, ballots: 4, turnout: 4 / 7 });
      expect(await call(sockets.wang!, 'poll:cast', { pollId: poll.id, choice: choices[0]! })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    }
  });

  it('hand-checked outcomes: exactly two thirds passes, approval counts every pick, the expensive roof loses to two cheaper options', async () => {
    const polls = (await must(moderator, 'poll:list', { communityId, state: 'closed' })).items;
    const outcome = (title: string) => polls.find((p) => p.title === title)?.outcome;
    expect(outcome('是否加装电梯')).toBe('通过（赞成 67%）');
    expect(outcome('物业选聘')).toBe('胜出：乙公司');
    expect(outcome('增设哪些设施')).toBe('胜出：长椅'); // 长椅 3, 充电桩 2, 健身器材 1
    expect(outcome('公共收益怎么用')).toBe('入选：扶手、路灯（70 / 100）');
    const budget = polls.find((p) => p.title === '公共收益怎么用')!;
    const view = await must(sockets.liu!, 'poll:result', { pollId: budget.id });
    expect(view.result.budgetReasons![budget.options[0]!.id]).toMatch(/^lost: did not fit/);
  });

  it('edits before the first ballot change anything; after it only the description and a later close; every edit is audited', async () => {
    const poll = await create({ kind: 'single', title: '停车方案', options: [{ label: '抽签' }, { label: '先到先得' }] });
    const edited = await must(moderator, 'poll:update', { pollId: poll.id, version: poll.version, options: [{ id: poll.options[0]!.id, label: '摇号' }, { label: '先到先得' }, { label: '按户分配' }] });
    expect(edited.options.map((o) => o.label)).toEqual(['摇号', '先到先得', '按户分配']);
    expect(edited.options[0]!.id).toBe(poll.options[0]!.id);
    expect(await call(sockets.wang!, 'poll:update', { pollId: poll.id, version: edited.version, title: '居民改的' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(moderator, 'poll:update', { pollId: poll.id, version: poll.version, title: '旧版本' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const saved = next(sockets.liu!, 'poll:saved');
    await must(sockets.wang!, 'poll:cast', { pollId: poll.id, choice: edited.options[2]!.id });
    expect(await saved).toMatchObject({ id: poll.id, frozen: true });
    const frozen = (await must(moderator, 'poll:get', { pollId: poll.id })).poll;
    // The live turnout is written back by the tally push (250 ms later): snapshot after it.
    await eventually(async () => (await c.models.Poll.findOne({ _id: poll.id }).lean())?.ballotCount === 1, 3000, 'turnout written');
    const stored = await snapshot(poll.id);
    for (const change of [{ options: [{ label: '只剩一个' }, { label: '两个' }] }, { title: '改标题' }, { visibility: 'sealed' as const }, { closesAt: new Date(now + DAY).toISOString() }]) {
      expect(await call(moderator, 'poll:update', { pollId: poll.id, version: frozen.version, ...change })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(await snapshot(poll.id)).toBe(stored);
    }
    const later = new Date(Date.parse(frozen.closesAt) + DAY).toISOString();
    const extended = await must(moderator, 'poll:update', { pollId: poll.id, version: frozen.version, description: '补充：按户抽签', closesAt: later });
    expect(extended).toMatchObject({ description: '补充：按户抽签', closesAt: later, frozen: true });

    const entries = await auditOf(poll.id);
    expect(entries.map((e) => e.action).sort()).toEqual(['poll.create', 'poll.update', 'poll.update']);
    const optionsEdit = entries.find((e) => e.action === 'poll.update' && String(e.details.fields).includes('options'))!;
    expect(String(optionsEdit.details['optionsFrom'])).toContain('抽签');
    expect(String(optionsEdit.details['optionsTo'])).toContain('摇号');
    const extendEdit = entries.find((e) => e.action === 'poll.update' && String(e.details.fields).includes('closesAt'))!;
    expect(extendEdit.details).toMatchObject({ closesAtTo: later, descriptionTo: '补充：按户抽签' });
  });

  it('vote change replaces the ballot (same receipt) and a public poll keeps the history; without allowChange a second ballot is refused', async () => {
    const poll = await create({ kind: 'yesno', title: '换个门禁' });
    const first = await must(sockets.chen!, 'poll:cast', { pollId: poll.id, choice: 'yes' });
    const again = await must(sockets.chen!, 'poll:cast', { pollId: poll.id, choice: 'yes' });
    expect(again).toMatchObject({ receipt: first.receipt, changed: false });
    const changed = await must(sockets.chen!, 'poll:cast', { pollId: poll.id, choice: 'no' });
    expect(changed).toMatchObject({ receipt: first.receipt, changed: true });
    expect((await must(sockets.chen!, 'poll:get', { pollId: poll.id })).my).toMatchObject({ status: 'cast', choice: 'no', receipt: first.receipt });
    await must(moderator, 'poll:close', { pollId: poll.id, reason: '结束' });
    const view = await must(sockets.liu!, 'poll:result', { pollId: poll.id });
    expect(view.result.counts).toEqual({ yes: 0, no: 1, abstain: 0 });
    expect(view.history).toEqual([expect.objectContaining({ voterName: '陈姐', choice: 'yes', receipt: first.receipt })]);

    const fixed = await create({ kind: 'yesno', title: '不可改票', allowChange: false });
    await must(sockets.chen!, 'poll:cast', { pollId: fixed.id, choice: 'yes' });
    const stored = JSON.stringify(await c.models.PollBallot.find({ pollId: fixed.id }).lean());
    expect(await call(sockets.chen!, 'poll:cast', { pollId: fixed.id, choice: 'no' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(JSON.stringify(await c.models.PollBallot.find({ pollId: fixed.id }).lean())).toBe(stored);
    expect((await must(sockets.chen!, 'poll:get', { pollId: fixed.id })).my.blocked).toBe('alreadyVoted');
  });

  it('one ballot per verified household: the second member is refused; unverified members may not vote', async () => {
    for (const ballot of ['public', 'secret'] as const) {
      const poll = await create({ kind: 'yesno', title: `每户一票（${ballot}）`, eligibility: 'household', ballot });
      expect(poll.turnout.eligible).toBe(3);
      await must(sockets.wang!, 'poll:cast', { pollId: poll.id, choice: 'yes', ballotSecret: ballot === 'secret' ? secret() : undefined });
      const counts = [await c.models.PollBallot.countDocuments({ pollId: poll.id }), await c.models.PollVoter.countDocuments({ pollId: poll.id }), await c.models.PollSlot.countDocuments({ pollId: poll.id, filled: true })];
      expect(await call(sockets.wangHusband!, 'poll:cast', { pollId: poll.id, choice: 'no', ballotSecret: ballot === 'secret' ? secret() : undefined })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect([await c.models.PollBallot.countDocuments({ pollId: poll.id }), await c.models.PollVoter.countDocuments({ pollId: poll.id }), await c.models.PollSlot.countDocuments({ pollId: poll.id, filled: true })]).toEqual(counts);
      expect((await must(sockets.wangHusband!, 'poll:get', { pollId: poll.id })).my).toMatchObject({ castByOther: true, blocked: 'householdVoted' });
      expect(await call(sockets.zhang!, 'poll:cast', { pollId: poll.id, choice: 'no', ballotSecret: ballot === 'secret' ? secret() : undefined })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect((await must(sockets.zhang!, 'poll:get', { pollId: poll.id })).my).toMatchObject({ eligible: false, blocked: 'notVerified' });
    }
  });

  it('assisted voting: staff cast for a verified member, flagged, in the audit log (never the choice of a secret poll), the member notified', async () => {
    for (const ballot of ['public', 'secret'] as const) {
      const poll = await create({ kind: 'single', title: `协助投票（${ballot}）`, options: [{ label: '东门' }, { label: '西门' }], ballot });
      const choice = poll.options[1]!.id;
      const told = next(sockets.liu!, 'notification:created');
      expect(await call(sockets.chen!, 'poll:castFor', { pollId: poll.id, userId: users.liu!.user.id, choice })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call(moderator, 'poll:castFor', { pollId: poll.id, userId: users.zhang!.user.id, choice })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      const cast = await must(moderator, 'poll:castFor', { pollId: poll.id, userId: users.liu!.user.id, choice });
      const notification = await told;
      expect(notification).toMatchObject({ kind: 'poll', subjectId: poll.id, actorName: '李社工' });
      expect(notification.excerpt).toContain('协助');
      const entry = (await auditOf(poll.id)).find((e) => e.action === 'poll.castFor')!;
      expect(entry).toMatchObject({ actorName: '李社工', details: { memberId: users.liu!.user.id, memberName: '刘大爷' } });
      expect((await must(sockets.liu!, 'poll:get', { pollId: poll.id })).my).toMatchObject({ status: 'cast', assisted: true });
      if (ballot === 'public') {
        expect(entry.details.choice).toBe(JSON.stringify(choice));
        expect(notification.excerpt).toContain(cast.receipt);
      } else {
        expect(JSON.stringify(entry)).not.toContain(choice);
        expect(JSON.stringify(entry)).not.toContain(cast.receipt);
        expect(notification.excerpt).not.toContain(cast.receipt);
      }
      await must(moderator, 'poll:close', { pollId: poll.id, reason: '结束' });
      const view = await must(sockets.chen!, 'poll:result', { pollId: poll.id });
      expect(view.receipts.map((r) => r.receipt)).toContain(cast.receipt);
      if (ballot === 'public') expect(view.receipts[0]).toMatchObject({ assisted: true, voterName: '刘大爷' });
      else expect(view.receipts[0]).toEqual({ receipt: cast.receipt });
    }
  });

  it('a poll after a deliberation opens no earlier than its minimum period; list filters by deliberation and report; lookup and participantIds', async () => {
    const topic = await must(moderator, 'deliberation:open', { communityId, title: '小区停车怎么管' });
    const opened = Date.parse(topic.openedAt!);
    const refused = await call(moderator, 'poll:create', { communityId, kind: 'yesno', title: '停车收费', closesAt: closesIn(), deliberationId: topic.id, minDeliberationHours: 48 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [expect.objectContaining({ path: 'opensAt' })] } });
    expect(await c.models.Poll.countDocuments({ title: '停车收费' })).toBe(0);
    const poll = await create({ kind: 'yesno', title: '停车收费', deliberationId: topic.id, minDeliberationHours: 48, opensAt: new Date(opened + 48 * HOUR).toISOString(), closesAt: closesIn(9) });
    expect(poll.state).toBe('scheduled');
    expect(await call(sockets.liu!, 'poll:cast', { pollId: poll.id, choice: 'yes' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const listed = await must(sockets.liu!, 'poll:list', { communityId, deliberationId: topic.id });
    expect(listed.items.map((p) => p.id)).toEqual([poll.id]);
    expect((await must(sockets.liu!, 'poll:list', { communityId, issueId: '0123456789abcdef01234567' })).items).toEqual([]);

    now += 49 * HOUR;
    const saved = next(sockets.chen!, 'poll:saved');
    await Promise.all(c.nodes.map((node) => node.app.services.polls.sweep()));
    expect(await saved).toMatchObject({ id: poll.id, state: 'open' });
    await must(sockets.liu!, 'poll:cast', { pollId: poll.id, choice: 'yes' });
    const polls = c.nodes[1]!.app.services.polls;
    expect(await polls.lookup(communityId, poll.id)).toMatchObject({ id: poll.id, kind: 'yesno', state: 'open', deliberationId: topic.id, result: null });
    expect(await polls.participantIds(communityId, poll.id)).toEqual([users.liu!.user.id]);
    expect(await polls.lookup('0123456789abcdef01234567', poll.id)).toBeNull();
  });

  it('live tallies reach watchers on the other node, a few a second at most; list marks what I voted in', async () => {
    const poll = await create({ kind: 'single', title: '节日活动', options: [{ label: '包饺子' }, { label: '联欢会' }] });
    const watcher = await c.connect(users.chen!, 1);
    const tallies = collect(watcher, 'poll:tally');
    const arrivals: number[] = [];
    watcher.on('poll:tally', () => arrivals.push(Date.now()));
    const live = await must(watcher, 'poll:watch', { pollId: poll.id });
    expect(live).toMatchObject({ pollId: poll.id, turnout: { ballots: 0 }, tally: { counts: { [poll.options[0]!.id]: 0 } } });
    const started = Date.now();
    await Promise.all(['wang', 'liu', 'zhang', 'moderator'].map((who) => must(sockets[who]!, 'poll:cast', { pollId: poll.id, choice: poll.options[0]!.id })));
    await eventually(() => tallies.some((t) => t.turnout.ballots === 4), 3000, 'the final tally');
    const last = tallies.at(-1)!;
    expect(last.tally?.counts[poll.options[0]!.id]).toBe(4);
    // Trailing 250 ms per poll per node: at most 4 pushes a second from each of the two nodes.
    expect(arrivals.filter((at) => at - started < 1000).length).toBeLessThanOrEqual(8);
    const listed = await must(sockets.wang!, 'poll:list', { communityId, state: 'active' });
    expect(listed.voted).toContain(poll.id);
    expect((await must(sockets.chen!, 'poll:list', { communityId, state: 'active' })).voted).not.toContain(poll.id);
    watcher.disconnect();
  });

  it('a closed poll notifies its voters once; outsiders see nothing', async () => {
    const poll = await create({ kind: 'yesno', title: '结束通知' });
    await must(sockets.liu!, 'poll:cast', { pollId: poll.id, choice: 'yes' });
    const told = next(sockets.liu!, 'notification:created');
    await must(moderator, 'poll:close', { pollId: poll.id, reason: '结束' });
    expect(await told).toMatchObject({ kind: 'poll', subjectId: poll.id });
    expect((await told).excerpt).toContain('已结束');
    const outsiderSession = await c.login('13900400099', '外人');
    const outsider = await c.connect(outsiderSession, 0);
    expect(await call(outsider, 'poll:get', { pollId: poll.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(outsider, 'poll:list', { communityId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    users.outsider = outsiderSession;
    expect((await exportOf(poll.id, 'outsider')).status).toBe(404);
    outsider.disconnect();
  });

  it('the demo seed: an open ranked poll after the lift deliberation and an open sealed secret yes/no poll, both with ballots', async () => {
    now = Date.now();
    const app = c.nodes[0]!.app;
    expect(await seedDemo(c.models, createLogger('silent'))).toBe(true);
    await seedDemoIssues(c.models, app);
    const topic = await seedDemoDeliberation(c.models, app);
    const seeded = await seedDemoPolls(c.models, app, topic?.openDeliberationId ?? null);
    expect(seeded).not.toBeNull();
    const ranked = (await c.models.Poll.findOne({ _id: seeded!.rankedPollId }).lean())!;
    const yesNo = (await c.models.Poll.findOne({ _id: seeded!.yesNoPollId }).lean())!;
    expect(ranked).toMatchObject({ kind: 'ranked', state: 'open', ballot: 'public', visibility: 'live' });
    expect(ranked.deliberationId?.toString()).toBe(topic!.openDeliberationId);
    expect(yesNo).toMatchObject({ kind: 'yesno', state: 'open', ballot: 'secret', visibility: 'sealed' });
    expect(await c.models.PollBallot.countDocuments({ pollId: ranked._id })).toBe(4);
    expect(await c.models.PollSlot.countDocuments({ pollId: yesNo._id, filled: true })).toBe(2);
    // Seeding twice adds nothing.
    expect(await seedDemoPolls(c.models, app, topic?.openDeliberationId ?? null)).toBeNull();
    const poll: Poll = (await app.services.polls.lookup(ranked.communityId.toString(), seeded!.rankedPollId)) as unknown as Poll;
    expect(poll).toMatchObject({ state: 'open' });
  });
});
