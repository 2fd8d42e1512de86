/**
 * Decisions and their follow-through over real sockets, two nodes, the embedded
 * database and a moved clock: recording (directly; from a closed poll once polls
 * exist), action items, progress reaching reporters and participants live on the
 * other node, refusals that change nothing, overdue items escalating once per
 * level with both nodes sweeping, and rating once done.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionItem, Decision, EventInput, Issue, Organisation } from '@linli/shared';
import { createLogger } from '../../server/src/lib/logger.js';
import { seedDemo } from '../../server/src/seed/demo.js';
import { seedDemoIssues } from '../../server/src/seed/demo-issues.js';
import { seedDemoDeliberation } from '../../server/src/seed/demo-deliberation.js';
import { seedDemoDecisions } from '../../server/src/seed/demo-decisions.js';
import { call, collect, eventually, must, next, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { createTestCommunity } from '../support/community.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('decisions', () => {
  let c: Cluster;
  let now = Date.parse('2026-11-02T09:00:00Z');
  const clock = () => new Date(now);
  let communityId: string;
  let admin: ClientSocket;
  let moderator: ClientSocket;
  let supervisor: ClientSocket;
  let reporter: ClientSocket;
  let proposer: ClientSocket;
  let neighbour: ClientSocket;
  let orgStaff: ClientSocket;
  let outsider: ClientSocket;
  let voter: ClientSocket;
  const users: Record<string, Session> = {};
  let property: Organisation;
  let issue: Issue;
  let deliberationId: string;

  const at = (ms: number) => new Date(ms).toISOString();
  const itemRow = async (itemId: string) => JSON.stringify(await c.models.ActionItem.findOne({ _id: itemId }).lean());
  const decisionRow = async (decisionId: string) => JSON.stringify(await c.models.Decision.findOne({ _id: decisionId }).lean());
  const sweepBoth = () => Promise.all(c.nodes.map((node) => node.app.services.decisionSweeper.sweep()));

  beforeAll(async () => {
    c = await startCluster({ nodes: 2, clock });
    const community = await createTestCommunity(c, '决议测试社区', users);
    ({ admin, communityId } = community);
    const join = community.join;
    moderator = await join('moderator', '13900900001', '李社工', 0);
    supervisor = await join('supervisor', '13900900002', '孙书记', 1);
    reporter = await join('reporter', '13900900003', '王阿姨', 1);
    proposer = await join('proposer', '13900900004', '赵大爷', 1);
    neighbour = await join('neighbour', '13900900005', '刘大姐', 0);
    orgStaff = await join('orgStaff', '13900900006', '物业小陈', 0);
    voter = await join('voter', '13900900008', '钱阿婆', 1);
    users.outsider = await c.login('13900900007', '外人');
    outsider = await c.connect(users.outsider, 1);
    await community.setRole('moderator', 'moderator');
    await community.setRole('supervisor', 'supervisor');
    property = await community.organisation('物业公司', 'property_management');
    property = await community.addStaff(property, 'orgStaff', '项目经理');
    // Rooms follow staffing on connect: reconnect the organisation's staff member.
    orgStaff.disconnect();
    orgStaff = await c.connect(users.orgStaff!, 0);

    const categories = await must(reporter, 'issue:categories', { communityId });
    issue = await must(reporter, 'issue:file', { communityId, title: '3栋电梯经常停运', categoryId: categories[0]!.id });
    // The proposer takes part in the topic (the proposer is its first participant).
    const topic = await must(proposer, 'deliberation:propose', { communityId, title: '3栋是否更换电梯', issueIds: [issue.id] });
    await must(moderator, 'deliberation:review', { deliberationId: topic.id, action: 'open' });
    deliberationId = topic.id;
  });

  afterAll(async () => {
    await c?.stop();
  });

  let decision: Decision;
  let liftItem: ActionItem;

  it('a moderator records a decision directly with a rationale, linked to the report and the topic; the reporter and the topic participant are told live on the other node', async () => {
    const savedOnOtherNode = next(reporter, 'decision:saved');
    const reporterNotices = collect(reporter, 'notification:created');
    const proposerNotices = collect(proposer, 'notification:created');
    // No rationale and no poll: refused, nothing stored.
    const before = await c.models.Decision.countDocuments({});
    expect(await call(moderator, 'decision:record', { communityId, title: '更换3栋电梯', issueIds: [issue.id], deliberationId })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // Residents may not record; outsiders do not learn the community exists.
    expect(await call(neighbour, 'decision:record', { communityId, title: '更换3栋电梯', rationale: '我说了算' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(outsider, 'decision:record', { communityId, title: '更换3栋电梯', rationale: '我说了算' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await c.models.Decision.countDocuments({})).toBe(before);

    decision = await must(moderator, 'decision:record', {
      communityId,
      title: '更换3栋电梯',
      rationale: '议事厅讨论一致同意，由物业公司负责实施',
      issueIds: [issue.id],
      deliberationId,
      clientId: 'record-lift-0001',
    });
    expect(decision).toMatchObject({
      number: 1,
      origin: 'direct',
      state: 'in_progress',
      progress: 0,
      issues: [{ issueId: issue.id, number: issue.number, title: issue.title }],
      deliberation: { deliberationId, title: '3栋是否更换电梯' },
      poll: null,
      recordedByName: '李社工',
    });
    expect(await savedOnOtherNode).toMatchObject({ id: decision.id });
    // A retry with the same clientId answers the same decision.
    expect((await must(moderator, 'decision:record', { communityId, title: '更换3栋电梯', rationale: '重复', clientId: 'record-lift-0001' })).id).toBe(decision.id);
    expect(await c.models.Decision.countDocuments({})).toBe(before + 1);

    await eventually(() => reporterNotices.some((notice) => notice.kind === 'decision' && notice.subjectId === decision.id), 3000, 'the reporter is told');
    await eventually(() => proposerNotices.some((notice) => notice.kind === 'decision' && notice.subjectId === decision.id), 3000, 'the topic participant is told');

    // Back-links are queries.
    expect((await must(neighbour, 'decision:list', { communityId, issueId: issue.id })).items.map((item) => item.id)).toEqual([decision.id]);
    expect((await must(neighbour, 'decision:list', { communityId, deliberationId })).items.map((item) => item.id)).toEqual([decision.id]);
    expect((await must(neighbour, 'decision:list', { communityId, issueId: deliberationId })).items).toEqual([]);

    const audit = await must(admin, 'audit:list', { communityId });
    expect(audit.some((entry) => entry.action === 'decision.record' && entry.targetId === decision.id)).toBe(true);

    // The public record: one notice in the 决议公示 channel (the retry above posted none).
    const board = await c.models.Channel.findOne({ communityId, kind: 'decisions' }).lean();
    const notices = (await c.models.Message.find({ channelId: board!._id }).lean()).filter((notice) => notice.body.includes('更换3栋电梯'));
    expect(notices.map((notice) => notice.body)).toEqual([`决议 #1「更换3栋电梯」已记录：议事厅讨论一致同意，由物业公司负责实施。落实进展见决议公示板。`]);
  });

  it('recording from a poll: only a closed poll of the community; its frozen outcome, topic and reports (the poll\'s and the topic\'s) are copied in; a progress update reaches the voter live on the other node', async () => {
    const before = await c.models.Decision.countDocuments({});
    expect(await call(moderator, 'decision:record', { communityId, title: '按投票结果实施', pollId: '0123456789abcdef01234567' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const poll = await must(moderator, 'poll:create', {
      communityId,
      kind: 'yesno',
      title: '是否更换3栋电梯',
      threshold: 'majority',
      closesAt: at(now + 7 * DAY),
      // No report named on the poll: the decision takes it from the topic (report -> topic -> poll -> decision).
      deliberationId,
    } as EventInput<'poll:create'>);
    await must(voter, 'poll:cast', { pollId: poll.id, choice: 'yes' } as EventInput<'poll:cast'>);
    // Still open: its outcome is not final.
    expect(await call(moderator, 'decision:record', { communityId, title: '按投票结果实施', pollId: poll.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await c.models.Decision.countDocuments({})).toBe(before);
    await must(moderator, 'poll:close', { pollId: poll.id, reason: '投票结束' } as EventInput<'poll:close'>);

    const voterNotices = collect(voter, 'notification:created');
    const fromPoll = await must(moderator, 'decision:record', { communityId, title: '更换3栋电梯（投票通过）', pollId: poll.id });
    expect(fromPoll).toMatchObject({
      origin: 'poll',
      poll: { pollId: poll.id, title: '是否更换3栋电梯' },
      deliberation: { deliberationId },
      issues: [{ issueId: issue.id }],
      rationale: '',
    });
    expect(fromPoll.outcome.length).toBeGreaterThan(0);
    expect(fromPoll.pollResult).toMatchObject({ kind: 'yesno', passed: true, winners: ['yes'] });
    expect((await must(neighbour, 'decision:list', { communityId, pollId: poll.id })).items.map((item) => item.id)).toEqual([fromPoll.id]);
    await eventually(() => voterNotices.some((n) => n.kind === 'decision' && n.subjectId === fromPoll.id), 3000, 'the voter is told of the decision');

    const item = await must(moderator, 'decision:saveItem', { decisionId: fromPoll.id, title: '电梯招标', owner: { type: 'organisation', organisationId: property.id }, dueAt: at(now + 60 * DAY) });
    const live = next(voter, 'decision:progress');
    await must(orgStaff, 'decision:progress', { itemId: item.id, text: '招标公告已发布', percent: 20 });
    expect(await live).toMatchObject({ decisionId: fromPoll.id, entry: { percent: 20, text: '招标公告已发布' } });
    await eventually(() => voterNotices.some((n) => n.subjectId === fromPoll.id && n.excerpt.includes('20%')), 3000, 'the voter is notified of the progress');
  });

  it('moderators add action items (organisation or member owner, milestones); residents may not; edits and additions are audited', async () => {
    const itemsLive = collect(reporter, 'decision:itemSaved');
    const due = at(now + 30 * DAY);
    expect(await call(neighbour, 'decision:saveItem', { decisionId: decision.id, title: '电梯采购', owner: { type: 'organisation', organisationId: property.id }, dueAt: due })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    liftItem = await must(moderator, 'decision:saveItem', {
      decisionId: decision.id,
      title: '电梯采购与安装',
      owner: { type: 'organisation', organisationId: property.id },
      dueAt: due,
      milestones: [
        { title: '选定供应商', dueAt: at(now + 10 * DAY) },
        { title: '安装验收', dueAt: at(now + 28 * DAY) },
      ],
    });
    expect(liftItem).toMatchObject({ state: 'planned', progress: 0, owner: { type: 'organisation', id: property.id, name: '物业公司' }, overdueLevel: 0 });
    expect(liftItem.milestones.map((milestone) => milestone.title)).toEqual(['选定供应商', '安装验收']);
    await eventually(() => itemsLive.some((item) => item.id === liftItem.id), 3000, 'the item reaches the other node');

    // An owner from another community is refused.
    expect(
      await call(moderator, 'decision:saveItem', { decisionId: decision.id, title: '外人负责', owner: { type: 'member', userId: users.outsider!.user.id }, dueAt: due }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    // Editing names the version it saw; an older one is CONFLICT.
    const edited = await must(moderator, 'decision:saveItem', {
      decisionId: decision.id,
      itemId: liftItem.id,
      version: liftItem.version,
      title: '电梯采购与安装（含拆除旧梯）',
      owner: { type: 'organisation', organisationId: property.id },
      dueAt: due,
      milestones: liftItem.milestones.map((milestone) => ({ id: milestone.id, title: milestone.title, dueAt: milestone.dueAt })),
    });
    expect(edited.milestones.map((milestone) => milestone.id)).toEqual(liftItem.milestones.map((milestone) => milestone.id));
    expect(
      await call(moderator, 'decision:saveItem', { decisionId: decision.id, itemId: liftItem.id, version: liftItem.version, title: '旧版本', owner: { type: 'organisation', organisationId: property.id }, dueAt: due }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    liftItem = edited;
    const audit = await must(admin, 'audit:list', { communityId });
    expect(audit.filter((entry) => entry.targetId === liftItem.id).map((entry) => entry.action).sort()).toEqual(['decision.addItem', 'decision.editItem']);
  });

  it('the property company posts progress with a photo; the reporter on the other node sees it live and gets a notification; the decision progress follows', async () => {
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#7a9' } }).jpeg().toBuffer();
    const form = new FormData();
    form.append('photos', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'site.jpg');
    const uploaded = await fetch(`${c.nodes[0]!.url}/api/issues/photos?communityId=${communityId}`, { method: 'POST', body: form, headers: { cookie: users.orgStaff!.cookie, 'x-forwarded-for': '198.51.100.91' } });
    const photos = ((await uploaded.json()) as { ok: true; data: { id: string }[] }).data;

    const live = next(reporter, 'decision:progress');
    const saved = collect(reporter, 'decision:saved');
    const notices = collect(reporter, 'notification:created');
    const proposerNotices = collect(proposer, 'notification:created');
    const staffNotices = collect(orgStaff, 'notification:created');
    const { item, entry } = await must(orgStaff, 'decision:progress', { itemId: liftItem.id, text: '已选定供应商，旧梯拆除中', percent: 40, photoIds: [photos[0]!.id] });
    expect(item).toMatchObject({ state: 'in_progress', progress: 40 });
    expect(entry).toMatchObject({ percent: 40, authorName: '物业小陈', organisationName: '物业公司', photos: [{ id: photos[0]!.id }] });

    const pushed = await live;
    expect(pushed).toMatchObject({ decisionId: decision.id, item: { id: liftItem.id, progress: 40 }, entry: { id: entry.id } });
    await eventually(() => saved.some((d) => d.id === decision.id && d.progress === 40), 3000, 'the decision progress reaches the other node');
    await eventually(() => notices.some((n) => n.kind === 'decision' && n.subjectId === decision.id && n.excerpt.includes('40%')), 3000, 'the reporter is notified');
    await eventually(() => proposerNotices.some((n) => n.kind === 'decision' && n.excerpt.includes('40%')), 3000, 'the topic participant is notified');
    // Never the one who posted it.
    expect(staffNotices.filter((n) => n.excerpt.includes('40%'))).toEqual([]);

    // The photo is the issue photo upload, now attached to the entry: members read it, it cannot be attached twice.
    const read = await fetch(`${c.nodes[1]!.url}/api/issues/photos/${photos[0]!.id}/thumb`, { headers: { cookie: users.reporter!.cookie } });
    expect(read.status).toBe(200);
    expect(await call(orgStaff, 'decision:progress', { itemId: liftItem.id, text: '再用一次', percent: 45, photoIds: [photos[0]!.id] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const detail = await must(reporter, 'decision:get', { decisionId: decision.id });
    expect(detail.decision).toMatchObject({ progress: 40, owners: ['物业公司'], itemCount: 1, doneCount: 0 });
    expect(detail.progress.map((p) => p.id)).toEqual([entry.id]);
    expect(detail.participant).toBe(true);
    liftItem = item;
  });

  it('someone who does not own the item cannot post progress or tick a milestone (FORBIDDEN), and nothing changes', async () => {
    const item = await itemRow(liftItem.id);
    const dec = await decisionRow(decision.id);
    const entries = await c.models.ProgressEntry.countDocuments({});
    expect(await call(neighbour, 'decision:progress', { itemId: liftItem.id, text: '我来报个进度', percent: 90 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(reporter, 'decision:milestone', { itemId: liftItem.id, milestoneId: liftItem.milestones[0]!.id, done: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(outsider, 'decision:progress', { itemId: liftItem.id, text: '外人', percent: 90 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await itemRow(liftItem.id)).toBe(item);
    expect(await decisionRow(decision.id)).toBe(dec);
    expect(await c.models.ProgressEntry.countDocuments({})).toBe(entries);
    // The owner ticks a milestone.
    const ticked = await must(orgStaff, 'decision:milestone', { itemId: liftItem.id, milestoneId: liftItem.milestones[0]!.id, done: true });
    expect(ticked.milestones[0]!.doneAt).toBe(at(now));
    liftItem = ticked;
  });

  it('abandoning needs a reason; abandoned items leave the progress and the done rule', async () => {
    const extra = await must(moderator, 'decision:saveItem', { decisionId: decision.id, title: '加装无障碍坡道', owner: { type: 'member', userId: users.neighbour!.user.id }, dueAt: at(now + 20 * DAY) });
    expect((await must(reporter, 'decision:get', { decisionId: decision.id })).decision).toMatchObject({ progress: 20, itemCount: 2, owners: ['物业公司', '刘大姐'] });
    // The owning member may post progress on their own item.
    await must(neighbour, 'decision:progress', { itemId: extra.id, text: '已联系施工队', percent: 10 });
    const current = (await must(moderator, 'decision:get', { decisionId: decision.id })).items.find((item) => item.id === extra.id)!;
    const row = await itemRow(extra.id);
    expect(await call(moderator, 'decision:abandonItem', { itemId: extra.id, version: current.version, reason: '   ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await call(orgStaff, 'decision:abandonItem', { itemId: extra.id, version: current.version, reason: '不想做' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await itemRow(extra.id)).toBe(row);
    const abandoned = await must(moderator, 'decision:abandonItem', { itemId: extra.id, version: current.version, reason: '坡道并入电梯工程' });
    expect(abandoned).toMatchObject({ state: 'abandoned', abandonReason: '坡道并入电梯工程' });
    expect(await call(neighbour, 'decision:progress', { itemId: extra.id, text: '继续', percent: 20 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await must(reporter, 'decision:get', { decisionId: decision.id })).decision).toMatchObject({ progress: 40, itemCount: 1, owners: ['物业公司'] });
    const audit = await must(admin, 'audit:list', { communityId });
    expect(audit.find((entry) => entry.action === 'decision.abandonItem' && entry.targetId === extra.id)?.details).toMatchObject({ reason: '坡道并入电梯工程' });
  });

  it('an overdue action item escalates exactly once per level with two nodes sweeping: owner and supervisors first, then the admins; the overdue board lists it', async () => {
    const slow = await must(moderator, 'decision:saveItem', { decisionId: decision.id, title: '电梯井道检测', owner: { type: 'organisation', organisationId: property.id }, dueAt: at(now + 2 * DAY) });
    await sweepBoth();
    expect((await c.models.ActionItem.findOne({ _id: slow.id }).lean())!.overdueLevel).toBe(0);

    const supervisorNotices = collect(supervisor, 'notification:created');
    const staffNotices = collect(orgStaff, 'notification:created');
    const adminNotices = collect(admin, 'notification:created');
    now += 2 * DAY + HOUR;
    await Promise.all([sweepBoth(), sweepBoth()]);
    expect((await c.models.ActionItem.findOne({ _id: slow.id }).lean())!.overdueLevel).toBe(1);
    const aboutSlow = (notices: { excerpt: string }[]) => notices.filter((notice) => notice.excerpt.includes('电梯井道检测'));
    await eventually(() => aboutSlow(supervisorNotices).length === 1 && aboutSlow(staffNotices).length === 1, 3000, 'owner and supervisor told');
    expect(aboutSlow(adminNotices)).toEqual([]);
    const board = await must(supervisor, 'decision:overdue', { communityId });
    expect(board.items.map((item) => item.id)).toEqual([slow.id]);
    expect(board.items[0]).toMatchObject({ decisionNumber: 1, decisionTitle: '更换3栋电梯', overdueLevel: 1 });
    expect((await must(reporter, 'decision:get', { decisionId: decision.id })).decision.overdue).toBe(true);

    now += 24 * HOUR;
    await Promise.all([sweepBoth(), sweepBoth()]);
    await sweepBoth();
    expect((await c.models.ActionItem.findOne({ _id: slow.id }).lean())!.overdueLevel).toBe(2);
    await eventually(() => aboutSlow(adminNotices).length === 1, 3000, 'the admins are told once');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(aboutSlow(supervisorNotices)).toHaveLength(1);
    expect(aboutSlow(staffNotices)).toHaveLength(1);
    expect(aboutSlow(adminNotices)).toHaveLength(1);

    // A later due date starts supervision over; done items leave the board.
    const current = (await must(moderator, 'decision:get', { decisionId: decision.id })).items.find((item) => item.id === slow.id)!;
    const extended = await must(moderator, 'decision:saveItem', { decisionId: decision.id, itemId: slow.id, version: current.version, title: slow.title, owner: { type: 'organisation', organisationId: property.id }, dueAt: at(now + 5 * DAY) });
    expect(extended.overdueLevel).toBe(0);
    await must(orgStaff, 'decision:progress', { itemId: slow.id, text: '检测合格', percent: 100 });
    expect((await must(supervisor, 'decision:overdue', { communityId })).items).toEqual([]);
  });

  it('done when every item that is not abandoned is done: participants confirm and rate once, others may not', async () => {
    expect(await call(reporter, 'decision:rate', { decisionId: decision.id, rating: 'satisfied' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const reporterNotices = collect(reporter, 'notification:created');
    const { item } = await must(orgStaff, 'decision:progress', { itemId: liftItem.id, text: '新电梯验收合格，已投入使用', percent: 100 });
    expect(item.state).toBe('done');
    const done = (await must(reporter, 'decision:get', { decisionId: decision.id })).decision;
    expect(done).toMatchObject({ state: 'done', progress: 100, doneCount: 2, itemCount: 2 });
    expect(done.doneAt).toBe(at(now));
    await eventually(() => reporterNotices.some((n) => n.subjectId === decision.id && n.excerpt.includes('已全部落实')), 3000, 'participants are asked to rate');
    const board = await c.models.Channel.findOne({ communityId, kind: 'decisions' }).lean();
    expect(await c.models.Message.countDocuments({ channelId: board!._id, body: `决议 #1「更换3栋电梯」已全部落实，请参与过的居民确认并评价。` })).toBe(1);

    // Not a participant: refused, nothing stored.
    const ratings = await c.models.DecisionRating.countDocuments({});
    expect(await call(neighbour, 'decision:rate', { decisionId: decision.id, rating: 'very_dissatisfied' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.models.DecisionRating.countDocuments({})).toBe(ratings);

    // The reporter rates twice at once over two nodes: the unique index keeps one.
    const second = await c.connect(users.reporter!, 0);
    const answers = await Promise.all([
      call(reporter, 'decision:rate', { decisionId: decision.id, rating: 'satisfied', comment: '很好' }),
      call(second, 'decision:rate', { decisionId: decision.id, rating: 'very_satisfied' }),
    ]);
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    expect(answers.filter((answer) => !answer.ok)).toMatchObject([{ error: { code: 'CONFLICT' } }]);
    expect(await c.models.DecisionRating.countDocuments({ decisionId: decision.id })).toBe(1);
    second.disconnect();
    expect(await call(reporter, 'decision:rate', { decisionId: decision.id, rating: 'dissatisfied' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    await must(proposer, 'decision:rate', { decisionId: decision.id, rating: 'basically_satisfied' });
    const rated = (await must(neighbour, 'decision:get', { decisionId: decision.id })).decision;
    expect(rated.ratingCount).toBe(2);
    // 满意 4 or 非常满意 5 (whichever won the race) and 基本满意 3.
    expect([3.5, 4]).toContain(rated.ratingAverage);
    expect((await must(reporter, 'decision:get', { decisionId: decision.id })).myRating).not.toBeNull();
  });

  it('the demo seed: a decision in progress from the lift report and its topic, the property company at 40 %, the committee planned with milestones; seeding twice adds nothing', async () => {
    now = Date.now();
    const app = c.nodes[0]!.app;
    expect(await seedDemo(c.models, createLogger('silent'))).toBe(true);
    await seedDemoIssues(c.models, app);
    const topic = await seedDemoDeliberation(c.models, app);
    const seeded = await seedDemoDecisions(c.models, app, topic?.openDeliberationId ?? null);
    expect(seeded).not.toBeNull();
    const doc = (await c.models.Decision.findOne({ _id: seeded!.decisionId }).lean())!;
    expect(doc).toMatchObject({ state: 'in_progress', progress: 20, itemCount: 2, doneCount: 0, owners: ['桃源物业服务中心', '桃源社区居民委员会'] });
    expect(doc.deliberation?.deliberationId.toString()).toBe(topic!.openDeliberationId);
    expect(doc.issues.map((ref) => ref.title)).toEqual(['3栋电梯经常停运']);
    const items = await c.models.ActionItem.find({ decisionId: doc._id }).sort({ createdAt: 1 }).lean();
    expect(items.map((item) => [item.state, item.progress, item.milestones.length])).toEqual([
      ['in_progress', 40, 0],
      ['planned', 0, 3],
    ]);
    expect(await c.models.ProgressEntry.countDocuments({ decisionId: doc._id, percent: 40 })).toBe(1);
    expect(await seedDemoDecisions(c.models, app, topic?.openDeliberationId ?? null)).toBeNull();
  });
});
