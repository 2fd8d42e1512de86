/**
 * Needs analysis over real sockets, two nodes and the embedded database: problem reports
 * filed at known times (the clock moved to each filing), assigned through the real
 * lifecycle, and chat messages backdated through the models (the message and its copy) give exact counts by
 * category, building, organisation and week; a rising word and a repeat problem are
 * found; a staff-only channel's words and hidden or deleted messages are never counted;
 * residents and outsiders are refused and told nothing; answers are kept a minute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import type { CommunityInsights, EventInput, Issue, IssueCategory, Organisation } from '@linli/shared';
import { call, must, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { createTestCommunity } from '../support/community.js';

// 2026-11-18 10:00 in China: "this month" is November (China time), the baseline August–October.
const NOW = Date.parse('2026-11-18T02:00:00Z');
const at = (isoTime: string) => Date.parse(isoTime);

describe('needs analysis', () => {
  let c: Cluster;
  let now = NOW;
  const clock = () => new Date(now);
  const users: Record<string, Session> = {};
  let communityId: string;
  let moderator: ClientSocket;
  let supervisor: ClientSocket;
  let reporter: ClientSocket;
  let neighbour: ClientSocket;
  let orgStaff: ClientSocket;
  let outsider: ClientSocket;
  let property: Organisation;
  let committee: Organisation;
  let repairs: IssueCategory;
  let environment: IssueCategory;
  const filed: Record<string, Issue> = {};

  /** Files a report at a given time (the clock moved there), as the reporter. */
  async function fileAt(key: string, when: string, payload: Omit<EventInput<'issue:file'>, 'communityId'>) {
    now = at(when);
    filed[key] = await must(reporter, 'issue:file', { communityId, ...payload });
    now = NOW;
    return filed[key];
  }
  async function assign(key: string, organisation: Organisation) {
    const issue = filed[key]!;
    filed[key] = await must(moderator, 'issue:act', { issueId: issue.id, version: issue.version, action: 'assign', organisationIds: [organisation.id], leadOrganisationId: organisation.id });
  }
  /** Sends a message, then backdates it through the model. */
  async function say(socket: ClientSocket, channelId: string, body: string, when: string) {
    const message = await must(socket, 'message:send', { channelId, clientId: `insights-${Math.random().toString(36).slice(2, 12)}`, body });
    // Through the driver: mongoose treats createdAt as immutable and would drop the $set.
    await c.models.Message.collection.updateOne({ _id: new Types.ObjectId(message.id) }, { $set: { createdAt: new Date(at(when)) } });
    // And in the message's copy, which is what channels (and the analysis) read.
    const copy = await c.models.MessageCopy.collection.findOne({ channelId: new Types.ObjectId(channelId), seq: message.seq });
    await c.models.MessageCopy.collection.updateOne({ _id: copy!._id }, { $set: { j: JSON.stringify({ ...JSON.parse(copy!.j as string), createdAt: new Date(at(when)).toISOString() }) } });
    return message;
  }
  const insights = (socket: ClientSocket, period: EventInput<'insights:get'>['period']) => must(socket, 'insights:get', { communityId, period });

  beforeAll(async () => {
    c = await startCluster({ nodes: 2, clock });
    const community = await createTestCommunity(c, '需求分析测试社区', users);
    communityId = community.communityId;
    moderator = await community.join('moderator', '13900950001', '李社工', 0);
    supervisor = await community.join('supervisor', '13900950002', '孙书记', 1);
    reporter = await community.join('reporter', '13900950003', '陈阿姨', 1, { building: '3栋', unit: '2单元', room: '502', verify: true });
    neighbour = await community.join('neighbour', '13900950004', '刘大姐', 0);
    orgStaff = await community.join('orgStaff', '13900950005', '物业小赵', 0);
    users.outsider = await c.login('13900950009', '外人');
    outsider = await c.connect(users.outsider, 1);
    await community.setRole('moderator', 'moderator');
    await community.setRole('supervisor', 'supervisor');
    property = await community.organisation('幸福物业', 'property_management');
    committee = await community.organisation('居委会', 'residents_committee');
    await community.addStaff(property, 'orgStaff', '客服');

    const categories = await must(moderator, 'issue:categories', { communityId });
    repairs = categories.find((category) => category.name === '维修报修')!;
    environment = categories.find((category) => category.name === '环境卫生')!;

    // This month (November, China time).
    await fileAt('liftStopped', '2026-11-02T01:00:00Z', { title: '电梯停运', description: '3号楼电梯早上停运', categoryId: repairs.id, location: { building: '3号楼', unit: '2单元', text: '', lat: null, lng: null } });
    await fileAt('liftAgain', '2026-11-09T01:00:00Z', { title: '电梯又停运了', description: '', categoryId: repairs.id, location: { building: '3栋', unit: '', text: '', lat: null, lng: null } });
    await fileAt('liftButton', '2026-11-16T01:00:00Z', { title: '电梯按钮失灵', description: '@陈阿姨 家门口 3号楼2单元502室', categoryId: repairs.id, location: { building: '', unit: '', text: '3号楼2单元502室', lat: null, lng: null } });
    await fileAt('corridor', '2026-11-10T01:00:00Z', { title: '楼道堆放杂物', description: '', categoryId: environment.id, location: { building: '5栋', unit: '', text: '', lat: null, lng: null } });
    await fileAt('dogs', '2026-11-12T01:00:00Z', { title: '遛狗不拴绳', description: '草坪上有狗屎', categoryId: environment.id });
    // The months before.
    await fileAt('liftSeptember', '2026-09-15T01:00:00Z', { title: '电梯异响', description: '', categoryId: repairs.id, location: { building: '三栋', unit: '', text: '', lat: null, lng: null } });
    await fileAt('liftAugust', '2026-08-10T01:00:00Z', { title: '电梯困人', description: '', categoryId: repairs.id, location: { building: '3栋', unit: '', text: '', lat: null, lng: null } });
    await fileAt('corridorOctober', '2026-10-20T01:00:00Z', { title: '楼道堆放杂物', description: '', categoryId: environment.id, location: { building: '5号楼', unit: '', text: '', lat: null, lng: null } });

    // Assignments through the lifecycle; the end states and the overdue mark set through the model.
    await assign('liftStopped', property);
    await assign('liftAgain', property);
    await assign('corridor', committee);
    await c.models.Issue.updateOne({ _id: filed.liftStopped!.id }, { $set: { state: 'resolved' } });
    await c.models.Issue.updateOne({ _id: filed.liftAgain!.id }, { $set: { overdueLevel: 1 } });
    await c.models.Issue.updateOne({ _id: filed.corridor!.id }, { $set: { state: 'confirmed' } });

    const channels = await must(moderator, 'channel:list', { communityId });
    const chat = channels.find((channel) => channel.kind === 'chat' && channel.visibility.type === 'all')!;
    const staffRoom = await must(moderator, 'channel:create', { communityId, name: '工作人员内部', kind: 'chat', topicPlan: '内部协调', visibility: { type: 'roles', roles: ['moderator', 'supervisor', 'admin'] } });

    // Public chat this month: three messages about dogs (with the report: four texts), one about the lift.
    await say(neighbour, chat.id, '小区里遛狗太危险了', '2026-11-05T03:00:00Z');
    await say(reporter, chat.id, '晚上遛狗的人不牵绳，吓到孩子', '2026-11-11T12:00:00Z');
    await say(neighbour, chat.id, '建议遛狗看好自家宠物 https://example.com/dog-rules', '2026-11-17T03:00:00Z');
    await say(neighbour, chat.id, '@陈阿姨 电梯修好了吗', '2026-11-17T04:00:00Z');
    // Before: one message about dogs in September.
    await say(neighbour, chat.id, '有人遛狗扰民', '2026-09-20T03:00:00Z');
    // Hidden and deleted messages: their words never count (three would make 快递 rise).
    const hidden = await say(neighbour, chat.id, '快递柜坏了', '2026-11-06T03:00:00Z');
    await must(moderator, 'message:hide', { messageId: hidden.id, reason: '测试' });
    const deleted = await say(neighbour, chat.id, '快递柜又坏了', '2026-11-07T03:00:00Z');
    await must(neighbour, 'message:delete', { messageId: deleted.id });
    await say(reporter, chat.id, '快递柜修好了吗', '2026-11-08T03:00:00Z');
    // A staff-only channel: four messages about overtime pay, never counted.
    for (const [i, body] of ['加班费怎么算', '加班费下月发', '加班费标准', '加班费已核对'].entries()) await say(moderator, staffRoom.id, body, `2026-11-1${i}T03:00:00Z`);
  });

  afterAll(async () => {
    await c?.stop();
  });

  let month: CommunityInsights;

  it('counts this month’s reports by category, building (never unit or room), organisation and week, with open / resolved / overdue', async () => {
    month = await insights(moderator, 'month');
    expect(month).toMatchObject({ communityId, period: 'month', from: '2026-10-31T16:00:00.000Z', to: new Date(NOW).toISOString(), bucket: 'week' });
    expect(month.totals).toEqual({ total: 5, open: 3, resolved: 2, overdue: 1 });
    expect(month.byCategory).toEqual([
      { key: repairs.id, label: '维修报修', total: 3, open: 2, resolved: 1, overdue: 1 },
      { key: environment.id, label: '环境卫生', total: 2, open: 1, resolved: 1, overdue: 0 },
    ]);
    expect(month.byBuilding).toEqual([
      { key: '3栋', label: '3栋', total: 3, open: 2, resolved: 1, overdue: 1 },
      { key: '5栋', label: '5栋', total: 1, open: 0, resolved: 1, overdue: 0 },
      { key: null, label: null, total: 1, open: 1, resolved: 0, overdue: 0 },
    ]);
    expect(month.byOrganisation).toEqual([
      { key: property.id, label: '幸福物业', total: 2, open: 1, resolved: 1, overdue: 1 },
      { key: committee.id, label: '居委会', total: 1, open: 0, resolved: 1, overdue: 0 },
      { key: null, label: null, total: 2, open: 2, resolved: 0, overdue: 0 },
    ]);
    // Weeks from Monday: 1 Nov alone, 2–8, 9–15, 16–now.
    expect(month.overTime.map((week) => [week.from, week.total])).toEqual([
      ['2026-10-31T16:00:00.000Z', 0],
      ['2026-11-01T16:00:00.000Z', 1],
      ['2026-11-08T16:00:00.000Z', 3],
      ['2026-11-15T16:00:00.000Z', 1],
    ]);

    // The other periods come from the same computation.
    const quarter = await insights(supervisor, 'quarter');
    expect(quarter.totals.total).toBe(7);
    expect(quarter.overTime.map((m) => m.total)).toEqual([1, 1, 5]);
    expect(quarter.byBuilding.map((row) => [row.key, row.total])).toEqual([['3栋', 4], ['5栋', 2], [null, 1]]);
    const year = await insights(moderator, 'year');
    expect(year.totals.total).toBe(8);
    expect(year.overTime).toHaveLength(12);
  });

  it('finds the rising word in reports and public chat, this month against the mean of the three before', () => {
    // 遛狗: the report and three public messages this month, one message in September (0.3 a month): (4+1)/(0.3+1).
    // 电梯: three reports and one message this month, two reports before: (4+1)/(0.7+1).
    expect(month.rising).toMatchObject({ from: '2026-10-31T16:00:00.000Z', baselineFrom: '2026-07-31T16:00:00.000Z', minCount: 3 });
    expect(month.rising.words).toEqual([
      { word: '遛狗', now: 4, before: 0.3, lift: 3.75 },
      { word: '电梯', now: 4, before: 0.7, lift: 3 },
    ]);
  });

  it('never counts a staff-only channel, hidden or deleted messages, nor names, rooms or phone numbers', () => {
    const text = JSON.stringify(month);
    expect(text).not.toContain('加班费');
    // Only one 快递 message is visible: two more (hidden, deleted) would have made it rise.
    expect(month.rising.words.map((w) => w.word)).not.toContain('快递');
    // What the view shows as text: labels, words, places (ids and times aside).
    const shown = JSON.stringify([
      ...[...month.byCategory, ...month.byBuilding, ...month.byOrganisation].map((row) => row.label),
      ...month.rising.words.map((w) => w.word),
      ...month.repeats.groups.map((group) => [group.categoryName, group.place]),
    ]);
    for (const name of ['陈阿姨', '刘大姐', '李社工', '物业小赵']) expect(text).not.toContain(name);
    expect(text).not.toContain('13900950003');
    // Ids are hex and could hold "502" by chance: rooms are checked in what is shown.
    for (const room of ['502', '2单元']) expect(shown).not.toContain(room);
  });

  it('groups repeat problems of one category at one place within 90 days, with their numbers and states', () => {
    expect(month.repeats).toMatchObject({ windowDays: 90, minReports: 2 });
    const ref = (key: string, state: string) => ({ issueId: filed[key]!.id, number: filed[key]!.number, state, createdAt: filed[key]!.createdAt });
    expect(month.repeats.groups).toEqual([
      {
        categoryId: repairs.id,
        categoryName: '维修报修',
        place: '3栋',
        // liftAugust is more than 90 days old.
        issues: [ref('liftStopped', 'resolved'), ref('liftAgain', 'assigned'), ref('liftButton', 'submitted'), ref('liftSeptember', 'submitted')],
      },
      { categoryId: environment.id, categoryName: '环境卫生', place: '5栋', issues: [ref('corridor', 'confirmed'), ref('corridorOctober', 'submitted')] },
    ]);
  });

  it('is for staff only: residents (organisation staff too) are refused, outsiders told nothing exists, and nothing is answered', async () => {
    for (const socket of [reporter, neighbour, orgStaff]) {
      const answer = await call(socket, 'insights:get', { communityId, period: 'month' });
      expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
      expect(JSON.stringify(answer)).not.toContain('遛狗');
    }
    const answer = await call(outsider, 'insights:get', { communityId, period: 'month' });
    expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) });
    expect(JSON.stringify(answer)).not.toContain('遛狗');
  });

  it('keeps an answer a minute per community: a new report shows once it has passed', async () => {
    await fileAt('late', new Date(NOW - 60_000).toISOString(), { title: '路灯不亮', description: '', categoryId: repairs.id, location: { building: '7栋', unit: '', text: '', lat: null, lng: null } });
    now = NOW + 30_000;
    // Node 0 computed at NOW: still the old answer.
    expect((await insights(moderator, 'month')).totals.total).toBe(5);
    now = NOW + 61_000;
    const fresh = await insights(moderator, 'month');
    expect(fresh.totals.total).toBe(6);
    expect(fresh.byBuilding.find((row) => row.key === '7栋')?.total).toBe(1);
    expect(fresh.computedAt).toBe(new Date(NOW + 61_000).toISOString());
  });
});
