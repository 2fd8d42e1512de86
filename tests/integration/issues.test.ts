/**
 * Problem reports end to end over real sockets, two nodes, the embedded
 * database: filing, the lifecycle with its refusals, concurrent moderators,
 * internal notes, deadlines with a moved clock, rework and automatic confirmation.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueActions, issuePartiesOf, refusalOf, type EventInput, type Issue, type IssueAction, type IssueCategory, type IssueState, type Organisation } from '@linli/shared';
import { call, collect, eventually, must, next, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { createTestCommunity } from '../support/community.js';

const HOUR = 3_600_000;

describe('problem reports', () => {
  let c: Cluster;
  let now = Date.parse('2026-11-02T09:00:00Z');
  const clock = () => new Date(now);
  let communityId: string;
  let admin: ClientSocket;
  let moderator: ClientSocket;
  let moderator2: ClientSocket;
  let supervisor: ClientSocket;
  let reporter: ClientSocket;
  let neighbour: ClientSocket;
  let orgStaff: ClientSocket;
  let outsider: ClientSocket;
  const users: Record<string, Session> = {};
  let property: Organisation;
  let committee: Organisation;
  let categories: IssueCategory[];

  const snapshot = async (issueId: string) => JSON.stringify(await c.models.Issue.findOne({ _id: issueId }).lean());
  const fresh = async (socket: ClientSocket, issueId: string) => (await must(socket, 'issue:get', { issueId })).issue;

  beforeAll(async () => {
    c = await startCluster({ nodes: 2, clock });
    const community = await createTestCommunity(c, '问题测试社区', users);
    ({ admin, communityId } = community);
    const join = community.join;
    moderator = await join('moderator', '13900300001', '李社工', 0);
    moderator2 = await join('moderator2', '13900300002', '赵社工', 1);
    supervisor = await join('supervisor', '13900300003', '孙书记', 1);
    reporter = await join('reporter', '13900300004', '王阿姨', 1);
    neighbour = await join('neighbour', '13900300005', '刘大爷', 0);
    orgStaff = await join('orgStaff', '13900300006', '物业小陈', 1);
    users.outsider = await c.login('13900300007', '外人');
    outsider = await c.connect(users.outsider, 0);
    await community.setRole('moderator', 'moderator');
    await community.setRole('moderator2', 'moderator');
    await community.setRole('supervisor', 'supervisor');
    property = await community.organisation('物业公司', 'property_management');
    committee = await community.organisation('居委会', 'residents_committee');
    property = await community.addStaff(property, 'orgStaff', '客服');
    // Rooms follow staffing on connect: reconnect the organisation's staff member.
    orgStaff.disconnect();
    orgStaff = await c.connect(users.orgStaff!, 1);
    categories = await must(reporter, 'issue:categories', { communityId });
  });

  afterAll(async () => {
    await c?.stop();
  });

  const repairs = () => categories.find((category) => category.name === '维修报修')!;

  it('a new community has the default categories', () => {
    expect(categories.map((category) => category.name)).toEqual(['环境卫生', '维修报修', '停车交通', '安全隐患', '物业服务', '邻里纠纷', '养老健康', '其他']);
    expect(repairs()).toMatchObject({ responseHours: 24, resolutionDays: 7 });
  });

  it('staff edit categories; a name already taken is CONFLICT, residents may not', async () => {
    const added = await must(moderator, 'issue:saveCategory', { communityId, name: '电梯', defaultOrganisationId: property.id, responseHours: 12, resolutionDays: 3 });
    expect(await call(moderator, 'issue:saveCategory', { communityId, categoryId: added.id, name: '维修报修', responseHours: 12, resolutionDays: 3 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await call(moderator, 'issue:saveCategory', { communityId, name: '维修报修', responseHours: 12, resolutionDays: 3 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await call(neighbour, 'issue:saveCategory', { communityId, name: '随便', responseHours: 12, resolutionDays: 3 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const archived = await must(moderator, 'issue:saveCategory', { communityId, categoryId: added.id, name: '电梯', responseHours: 12, resolutionDays: 3, archived: true });
    expect(archived.archived).toBe(true);
    expect((await must(neighbour, 'issue:categories', { communityId })).map((category) => category.name)).not.toContain('电梯');
  });

  it('filing: numbered, pushed live to every member, the hidden name shown to staff only; a notice in the issues channel links it', async () => {
    const chat = collect(neighbour, 'message:created');
    const seenByNeighbour = next(neighbour, 'issue:saved');
    const seenByModerator = next(moderator2, 'issue:saved');
    const issue = await must(reporter, 'issue:file', {
      communityId,
      title: '3栋电梯经常停运',
      description: '老人上下楼很不方便',
      categoryId: repairs().id,
      location: { building: '3栋', unit: '2单元' },
      showName: false,
    });
    expect(issue).toMatchObject({ number: 1, state: 'submitted', reporterName: '王阿姨', categoryName: '维修报修' });
    expect(Date.parse(issue.respondBy) - now).toBe(24 * HOUR);
    expect(await seenByNeighbour).toMatchObject({ id: issue.id, reporterName: null, reporterId: null });
    expect(await seenByModerator).toMatchObject({ id: issue.id, reporterName: '王阿姨' });
    expect((await fresh(neighbour, issue.id)).reporterName).toBeNull();
    expect((await fresh(moderator, issue.id)).reporterName).toBe('王阿姨');
    await eventually(() => chat.some((message) => message.issueLink?.issueId === issue.id), 3000, 'the notice in the issues channel');
    const notice = chat.find((message) => message.issueLink?.issueId === issue.id)!;
    const channels = await must(neighbour, 'channel:list', { communityId });
    expect(channels.find((channel) => channel.id === notice.channelId)?.kind).toBe('issues');
    expect(notice).toMatchObject({ issueLink: { number: 1, action: 'file', state: 'submitted', title: '3栋电梯经常停运' } });
    // A notice is Linli's record: not even its author edits it.
    expect(await call(reporter, 'message:edit', { messageId: notice.id, body: '改掉' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('the same filing sent 20 times at once over two nodes stores one issue, and every answer is that issue', async () => {
    const second = await c.connect(users.reporter!, 0);
    const payload = { communityId, title: '重复提交测试', categoryId: repairs().id, clientId: 'file-twenty-times-1' };
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => must(i % 2 ? reporter : second, 'issue:file', payload)));
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(1);
    expect(await c.models.Issue.countDocuments({ communityId, title: '重复提交测试' })).toBe(1);
    expect(await c.models.IssueEvent.countDocuments({ issueId: answers[0]!.id, kind: 'filed' })).toBe(1);
    // Someone else's filing with the same client id is a filing of its own.
    const other = await must(neighbour, 'issue:file', payload);
    expect(other.id).not.toBe(answers[0]!.id);
    second.disconnect();
  });

  it('similar issues by bigrams; a supporter counts once and ranks the queue', async () => {
    const similar = await must(neighbour, 'issue:similar', { communityId, title: '三栋电梯又停运了' });
    expect(similar.map((issue) => issue.number)).toEqual([1]);
    const [target] = similar;
    const twice = await Promise.all([
      must(neighbour, 'issue:support', { issueId: target!.id, on: true }),
      must(neighbour, 'issue:support', { issueId: target!.id, on: true }),
    ]);
    expect(twice.map((answer) => answer.supported)).toEqual([true, true]);
    expect((await fresh(moderator, target!.id)).supportCount).toBe(1);
    const list = await must(neighbour, 'issue:list', { communityId, sort: 'support' });
    expect(list.items[0]!.id).toBe(target!.id);
    expect(list.supported).toEqual([target!.id]);
  });

  it('staff turn a chat message into an issue for its author, who is told', async () => {
    const channels = await must(neighbour, 'channel:list', { communityId });
    const chat = channels.find((channel) => channel.kind === 'chat')!;
    const message = await must(neighbour, 'message:send', { channelId: chat.id, clientId: 'issue-from-chat-1', body: '小区南门的路灯坏了好几天了' });
    const told = next(neighbour, 'notification:created');
    const issue = await must(moderator, 'issue:file', { communityId, title: '南门路灯坏了', categoryId: categories[3]!.id, sourceMessageId: message.id });
    expect(issue).toMatchObject({ reporterName: '刘大爷', reporterId: users.neighbour!.user.id, filedByName: '李社工', sourceMessageId: message.id });
    expect(await told).toMatchObject({ kind: 'issue', issueId: issue.id });
    // A resident may not file for someone else.
    expect(await call(reporter, 'issue:file', { communityId, title: '代别人报', categoryId: repairs().id, sourceMessageId: message.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('every refused action answers a clear code and leaves the stored issue as it was', async () => {
    const issue = await must(reporter, 'issue:file', { communityId, title: '楼道灯不亮', categoryId: repairs().id });
    const before = await snapshot(issue.id);
    const tries: [ClientSocket, Parameters<typeof must<'issue:act'>>[2], string][] = [
      [neighbour, { issueId: issue.id, version: issue.version, action: 'acknowledge' }, 'FORBIDDEN'],
      [reporter, { issueId: issue.id, version: issue.version, action: 'reject', reason: '不想要了' }, 'FORBIDDEN'],
      [orgStaff, { issueId: issue.id, version: issue.version, action: 'start' }, 'FORBIDDEN'],
      [moderator, { issueId: issue.id, version: issue.version, action: 'urge', reason: '快点' }, 'CONFLICT'],
      [moderator, { issueId: issue.id, version: issue.version, action: 'confirm', rating: 'satisfied' }, 'FORBIDDEN'],
      [reporter, { issueId: issue.id, version: issue.version, action: 'confirm', rating: 'satisfied' }, 'CONFLICT'],
      [moderator, { issueId: issue.id, version: issue.version + 5, action: 'acknowledge' }, 'CONFLICT'],
      [moderator, { issueId: issue.id, version: issue.version, action: 'assign', organisationIds: [property.id], leadOrganisationId: committee.id }, 'VALIDATION_FAILED'],
      [outsider, { issueId: issue.id, version: issue.version, action: 'acknowledge' }, 'NOT_FOUND'],
    ];
    for (const [socket, payload, code] of tries) {
      expect(await call(socket, 'issue:act', payload), `${payload.action} -> ${code}`).toMatchObject({ ok: false, error: { code } });
    }
    // A reason is required where the table says so.
    expect(await call(moderator, 'issue:act', { issueId: issue.id, version: issue.version, action: 'reject', reason: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await snapshot(issue.id)).toBe(before);
    expect(await call(outsider, 'issue:get', { issueId: issue.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('the transition matrix over the wire: every state x every role x every action answers as the shared table says, and a refusal changes nothing', async () => {
    // One issue in each state, reached through the real lifecycle.
    const file = (title: string) => must(reporter, 'issue:file', { communityId, title, categoryId: repairs().id });
    const step = (socket: ClientSocket, issue: Issue, payload: Record<string, unknown>) => must(socket, 'issue:act', { issueId: issue.id, version: issue.version, ...payload } as EventInput<'issue:act'>);
    const assignTo = { action: 'assign', organisationIds: [property.id], leadOrganisationId: property.id };
    const submitted = await file('矩阵-提交');
    const acknowledged = await step(moderator, await file('矩阵-受理'), { action: 'acknowledge' });
    const assigned = await step(moderator, await file('矩阵-派单'), assignTo);
    const inProgress = await step(orgStaff, await step(moderator, await file('矩阵-办理'), assignTo), { action: 'start' });
    const resolved = await step(orgStaff, await step(moderator, await file('矩阵-办结'), assignTo), { action: 'resolve', reason: '好了' });
    const confirmed = await step(reporter, await step(orgStaff, await step(moderator, await file('矩阵-确认'), assignTo), { action: 'resolve', reason: '好了' }), { action: 'confirm', rating: 'satisfied' });
    const reopened = await step(reporter, await step(orgStaff, await step(moderator, await file('矩阵-重办'), assignTo), { action: 'resolve', reason: '好了' }), { action: 'reopen', reason: '没好' });
    const rejected = await step(moderator, await file('矩阵-不予受理'), { action: 'reject', reason: '不属于社区事务' });
    const merged = await step(moderator, await file('矩阵-合并'), { action: 'merge', intoIssueId: submitted.id });
    const byState: Record<IssueState, Issue> = { submitted, acknowledged, assigned, in_progress: inProgress, resolved, confirmed, reopened, rejected, merged };
    const later = new Date(now + 30 * 24 * HOUR).toISOString();
    const payloadOf = (action: IssueAction, issue: Issue): Record<string, unknown> => {
      switch (action) {
        case 'assign':
        case 'reassign':
          return { action, organisationIds: [committee.id], leadOrganisationId: committee.id, reason: '改派' };
        case 'extend':
          return { action, resolveBy: later, reason: '延期' };
        case 'merge':
          return { action, intoIssueId: issue.id === acknowledged.id ? submitted.id : acknowledged.id };
        case 'confirm':
          return { action, rating: 'satisfied' };
        case 'resolve':
          return { action, reason: '好了', photoIds: [] };
        case 'acknowledge':
          return { action };
        default:
          return { action, reason: '理由' };
      }
    };
    const roles: [string, ClientSocket, string][] = [
      ['reporter', reporter, users.reporter!.user.id],
      ['other resident', neighbour, users.neighbour!.user.id],
      ['assignee', orgStaff, users.orgStaff!.user.id],
      ['moderator', moderator, users.moderator!.user.id],
      ['supervisor', supervisor, users.supervisor!.user.id],
    ];
    const orgsOf = (userId: string) => (userId === users.orgStaff!.user.id ? [property.id] : []);
    const roleOf = (userId: string) => (userId === users.moderator!.user.id ? 'moderator' : userId === users.supervisor!.user.id ? 'supervisor' : 'resident');
    let cells = 0;
    for (const [state, issue] of Object.entries(byState) as [IssueState, Issue][]) {
      const before = await snapshot(issue.id);
      for (const [role, socket, userId] of roles) {
        const parties = issuePartiesOf(
          { userId, isPlatformAdmin: false, role: roleOf(userId), organisationIds: orgsOf(userId), muted: false, householdVerified: false },
          { reporterId: users.reporter!.user.id, assignments: (await c.models.Issue.findOne({ _id: issue.id }).lean())!.assignments.map((a) => ({ organisationId: a.organisationId.toString() })) },
        );
        for (const action of issueActions.filter((name) => name !== 'autoConfirm')) {
          const refusal = refusalOf(action, state, parties);
          // Allowed cells go with a stale version: they pass the table and stop at the version check.
          const version = refusal === null ? issue.version + 100 : issue.version;
          const answer = await call(socket, 'issue:act', { issueId: issue.id, version, ...payloadOf(action, issue) } as EventInput<'issue:act'>);
          const expected = refusal === 'party' ? { code: 'FORBIDDEN' } : refusal === 'state' ? { code: 'CONFLICT', message: expect.stringContaining('cannot be') } : { code: 'CONFLICT', message: expect.stringContaining('changed since') };
          expect(answer, `${action} on ${state} by ${role}`).toMatchObject({ ok: false, error: expected });
          cells++;
        }
      }
      expect(await snapshot(issue.id), `${state} unchanged`).toBe(before);
    }
    expect(cells).toBe(9 * 5 * 12);
  });

  it('two moderators acting at once: one wins, the other gets CONFLICT with the current issue', async () => {
    const issue = await must(reporter, 'issue:file', { communityId, title: '垃圾清运不及时', categoryId: categories[0]!.id });
    const answers = await Promise.all([
      call(moderator, 'issue:act', { issueId: issue.id, version: issue.version, action: 'acknowledge' }),
      call(moderator2, 'issue:act', { issueId: issue.id, version: issue.version, action: 'reject', reason: '重复' }),
    ]);
    const won = answers.filter((answer) => answer.ok);
    const lost = answers.filter((answer) => !answer.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const current = (won[0] as { data: Issue }).data;
    expect(lost[0]).toMatchObject({ ok: false, error: { code: 'CONFLICT', current: { id: issue.id, version: current.version, state: current.state } } });
    const transitions = await c.models.IssueEvent.countDocuments({ issueId: issue.id, kind: 'transition' });
    expect(transitions).toBe(1);
  });

  it('assign -> work -> resolve -> a poor rating reopens it (rework) -> resolve -> confirm; internal notes never reach residents', async () => {
    let issue = await must(reporter, 'issue:file', { communityId, title: '车库漏水', categoryId: repairs().id });
    const residentEvents = collect(neighbour, 'issue:timeline');
    const reporterEvents = collect(reporter, 'issue:timeline');
    const staffEvents = collect(orgStaff, 'issue:timeline');
    const assignedNotice = next(orgStaff, 'notification:created');
    issue = await must(moderator, 'issue:act', { issueId: issue.id, version: issue.version, action: 'assign', organisationIds: [property.id, committee.id], leadOrganisationId: property.id });
    expect(issue).toMatchObject({ state: 'assigned', assignments: [{ organisationName: '物业公司', lead: true }, { organisationName: '居委会', lead: false }] });
    expect(Date.parse(issue.resolveBy!) - now).toBe(7 * 24 * HOUR);
    expect(await assignedNotice).toMatchObject({ kind: 'issue', issueId: issue.id });

    issue = await must(orgStaff, 'issue:act', { issueId: issue.id, version: issue.version, action: 'start' });
    const note = await must(orgStaff, 'issue:comment', { issueId: issue.id, body: '需要联系防水公司，费用待业委会确认', internal: true });
    expect(note.internal).toBe(true);
    await must(orgStaff, 'issue:comment', { issueId: issue.id, body: '已安排师傅明天上门', internal: false });
    expect(await call(reporter, 'issue:comment', { issueId: issue.id, body: '偷看', internal: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // The resolution comes with an "after" photo; someone else's photo is refused and changes nothing.
    const upload = async (who: string) => {
      const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#888' } }).jpeg().toBuffer();
      const form = new FormData();
      form.append('photos', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'after.jpg');
      const res = await fetch(`${c.nodes[0]!.url}/api/issues/photos?communityId=${communityId}`, { method: 'POST', body: form, headers: { cookie: users[who]!.cookie } });
      const body = (await res.json()) as { ok: boolean; data: { id: string }[] };
      return body.data[0]!.id;
    };
    const othersPhoto = await upload('reporter');
    expect(await call(orgStaff, 'issue:act', { issueId: issue.id, version: issue.version, action: 'resolve', reason: '已修补', photoIds: [othersPhoto] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await fresh(orgStaff, issue.id)).state).toBe('in_progress');
    const after = await upload('orgStaff');
    issue = await must(orgStaff, 'issue:act', { issueId: issue.id, version: issue.version, action: 'resolve', reason: '已修补渗漏点', photoIds: [after] });
    expect(issue.state).toBe('resolved');
    const resolution = (await must(reporter, 'issue:get', { issueId: issue.id })).timeline.find((entry) => entry.action === 'resolve')!;
    expect(resolution.photos.map((photo) => photo.id)).toEqual([after]);
    expect((await fetch(`${c.nodes[1]!.url}/api/issues/photos/${after}/thumb`, { headers: { cookie: users.neighbour!.cookie } })).status).toBe(200);
    const supervisorNotice = next(supervisor, 'notification:created');
    issue = await must(reporter, 'issue:act', { issueId: issue.id, version: issue.version, action: 'confirm', rating: 'dissatisfied', comment: '还在漏' });
    expect(issue).toMatchObject({ state: 'reopened', rating: 'dissatisfied' });
    expect(await supervisorNotice).toMatchObject({ kind: 'issue', issueId: issue.id });
    issue = await must(orgStaff, 'issue:act', { issueId: issue.id, version: issue.version, action: 'resolve', reason: '重新做了防水层' });
    issue = await must(reporter, 'issue:act', { issueId: issue.id, version: issue.version, action: 'confirm', rating: 'very_satisfied', comment: '' });
    expect(issue).toMatchObject({ state: 'confirmed', rating: 'very_satisfied', autoConfirmed: false });

    await eventually(() => staffEvents.some((entry) => entry.internal), 3000, 'the assignee sees the internal note');
    const secret = '需要联系防水公司';
    for (const events of [residentEvents, reporterEvents]) {
      expect(events.length).toBeGreaterThan(3);
      expect(JSON.stringify(events)).not.toContain(secret);
    }
    const asReporter = await must(reporter, 'issue:get', { issueId: issue.id });
    expect(JSON.stringify(asReporter)).not.toContain(secret);
    const asStaff = await must(moderator, 'issue:get', { issueId: issue.id });
    expect(asStaff.timeline.some((entry) => entry.internal && entry.text.includes(secret))).toBe(true);
    expect(asReporter.timeline.map((entry) => entry.action ?? entry.kind)).toEqual(
      expect.arrayContaining(['filed', 'assign', 'start', 'reply', 'resolve', 'dissatisfied', 'reopen', 'very_satisfied', 'confirm']),
    );
  });

  it('deadlines: overdue issues escalate exactly once per level with two nodes sweeping at once; urge, extend, reassign go on the timeline', async () => {
    let issue = await must(reporter, 'issue:file', { communityId, title: '消防通道被占用', categoryId: repairs().id });
    issue = await must(moderator, 'issue:act', { issueId: issue.id, version: issue.version, action: 'assign', organisationIds: [property.id], leadOrganisationId: property.id });
    const sweepBoth = () => Promise.all(c.nodes.map((node) => node.app.services.issueSweeper.sweep()));

    await sweepBoth();
    expect((await fresh(moderator, issue.id)).overdueLevel).toBe(0);

    now += 7 * 24 * HOUR + HOUR; // an hour past the resolution deadline (other open issues fall due too)
    const supervisorNotices = collect(supervisor, 'notification:created');
    const adminNotices = collect(admin, 'notification:created');
    await sweepBoth();
    await sweepBoth();
    issue = await fresh(moderator, issue.id);
    expect(issue.overdueLevel).toBe(1);
    await eventually(() => supervisorNotices.some((notice) => notice.issueId === issue.id), 3000, 'the supervisor is told');
    // Level 1 is the supervisor's; the admins hear of it at level 2 only.
    expect(adminNotices.filter((notice) => notice.issueId === issue.id)).toEqual([]);
    expect(await c.models.IssueEvent.countDocuments({ issueId: issue.id, kind: 'escalate' })).toBe(1);
    const overdue = await must(supervisor, 'issue:list', { communityId, overdue: true });
    expect(overdue.items.map((item) => item.id)).toContain(issue.id);
    // By deadline: the deadline that runs now (resolution once assigned, else response), earliest first.
    const byDeadline = (await must(supervisor, 'issue:list', { communityId, sort: 'deadline', status: 'open' })).items;
    const due = byDeadline.map((item) => Date.parse(item.resolveBy ?? item.respondBy));
    expect(due).toEqual([...due].sort((a, b) => a - b));

    now += 24 * HOUR;
    await sweepBoth();
    await sweepBoth();
    expect((await fresh(moderator, issue.id)).overdueLevel).toBe(2);
    await eventually(() => adminNotices.filter((notice) => notice.issueId === issue.id).length === 1, 3000, 'the admins are told once');
    expect(supervisorNotices.filter((notice) => notice.issueId === issue.id)).toHaveLength(1);
    expect(await c.models.IssueEvent.countDocuments({ issueId: issue.id, kind: 'escalate' })).toBe(2);

    issue = await fresh(supervisor, issue.id);
    const staffNotices = collect(orgStaff, 'notification:created');
    issue = await must(supervisor, 'issue:act', { issueId: issue.id, version: issue.version, action: 'urge', reason: '请今天内处理' });
    await eventually(() => staffNotices.some((notice) => notice.issueId === issue.id && notice.excerpt.includes('请今天内处理')), 3000, 'the assignees are urged');
    const later = new Date(now + 3 * 24 * HOUR).toISOString();
    issue = await must(supervisor, 'issue:act', { issueId: issue.id, version: issue.version, action: 'extend', resolveBy: later, reason: '需要消防部门配合' });
    expect(issue).toMatchObject({ resolveBy: later, overdueLevel: 0 });
    expect(await call(supervisor, 'issue:act', { issueId: issue.id, version: issue.version, action: 'extend', resolveBy: new Date(now - HOUR).toISOString(), reason: '错误' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    issue = await must(supervisor, 'issue:act', { issueId: issue.id, version: issue.version, action: 'reassign', organisationIds: [committee.id], leadOrganisationId: committee.id, reason: '改由居委会协调' });
    expect(issue.assignments.map((assignment) => assignment.organisationName)).toEqual(['居委会']);
    const { timeline } = await must(moderator, 'issue:get', { issueId: issue.id });
    expect(timeline.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['escalate', 'urge', 'extend']));
    expect(timeline.filter((entry) => entry.action === 'reassign')).toHaveLength(1);
  });

  it('a resolved issue nobody answers is confirmed automatically, once, and counted apart', async () => {
    let issue = await must(reporter, 'issue:file', { communityId, title: '健身器材松动', categoryId: repairs().id });
    issue = await must(moderator, 'issue:act', { issueId: issue.id, version: issue.version, action: 'assign', organisationIds: [property.id], leadOrganisationId: property.id });
    issue = await must(orgStaff, 'issue:act', { issueId: issue.id, version: issue.version, action: 'resolve', reason: '已紧固' });
    now += 6 * 24 * HOUR;
    await Promise.all(c.nodes.map((node) => node.app.services.issueSweeper.sweep()));
    expect((await fresh(reporter, issue.id)).state).toBe('resolved');
    now += 2 * 24 * HOUR;
    await Promise.all(c.nodes.map((node) => node.app.services.issueSweeper.sweep()));
    issue = await fresh(reporter, issue.id);
    expect(issue).toMatchObject({ state: 'confirmed', autoConfirmed: true });
    expect(await c.models.IssueEvent.countDocuments({ issueId: issue.id, action: 'autoConfirm' })).toBe(1);
    const figures = await must(moderator, 'issue:figures', { communityId, from: '2026-11-01T00:00:00Z', to: new Date(now + HOUR).toISOString() });
    expect(figures.autoConfirmedRate.numerator).toBeGreaterThanOrEqual(1);
    expect(figures.residentConfirmedRate.numerator).toBeGreaterThanOrEqual(1);
    expect(await call(neighbour, 'issue:figures', { communityId, from: '2026-11-01T00:00:00Z', to: new Date(now).toISOString() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('staff export the issues as CSV (BOM, public timeline, figures; no phones, no internal notes); others may not', async () => {
    const get = (who: string) => fetch(`${c.nodes[1]!.url}/api/communities/${communityId}/issues.csv?from=2026-11-01T00:00:00Z&to=${encodeURIComponent(new Date(now + HOUR).toISOString())}`, { headers: { cookie: users[who]!.cookie } });
    const res = await get('moderator');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('3栋电梯经常停运');
    expect(text).toContain('车库漏水');
    expect(text).toContain('已安排师傅明天上门');
    expect(text).toContain('满意率 satisfaction');
    expect(text).not.toContain('需要联系防水公司');
    expect(text).not.toMatch(/139\d{8}/);
    expect((await get('neighbour')).status).toBe(403);
    expect((await get('outsider')).status).toBe(404);
    expect((await fetch(`${c.nodes[0]!.url}/api/communities/${communityId}/issues.csv`)).status).toBe(401);
  });

  it('merge: supporters and followers move to the issue it is merged into', async () => {
    const first = await must(reporter, 'issue:file', { communityId, title: '小区停车位不够', categoryId: categories[2]!.id });
    const second = await must(neighbour, 'issue:file', { communityId, title: '停车位太少了', categoryId: categories[2]!.id });
    const { issue: supported } = await must(supervisor, 'issue:support', { issueId: second.id, on: true });
    expect(supported.version).toBeGreaterThan(second.version);
    const merged = await must(moderator, 'issue:act', { issueId: second.id, version: supported.version, action: 'merge', intoIssueId: first.id });
    expect(merged).toMatchObject({ state: 'merged', mergedIntoId: first.id });
    const into = await must(supervisor, 'issue:get', { issueId: first.id });
    expect(into.issue.supportCount).toBe(1);
    expect(into.supported).toBe(true);
    expect((await must(neighbour, 'issue:get', { issueId: first.id })).following).toBe(true);
  });
});
