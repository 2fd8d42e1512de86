/**
 * "What needs me" (agenda:get) over real sockets, two nodes, the embedded database and a
 * moved clock, per hat: a resident's own reports (an unseen change first, then the report
 * to confirm), polls not voted in (gone after voting), decisions they follow with progress,
 * events they signed up for, unanswered surveys and unread mentions; a worker's triage
 * queue, join requests, proposals, reported messages and, with the clock moved, overdue
 * work; organisation staff's assignments by deadline and owned action items; a supervisor's
 * and a street overseer's index. The report sections list what the issues boards
 * (issue:list with the boards' filters) list, and every answer's counts agree with its
 * sections. Outsiders get NOT_FOUND, bad payloads VALIDATION_FAILED, and nothing changes.
 *
 * The memo: requests of the same (community, user) that arrive while one is computed on a
 * node share that computation; none is kept after it settles (it was kept for a second
 * before, which left a page refetching after a push with the answer from before the
 * change). So the reads here follow each other without waiting, and every one must show
 * the change just made: the memo test proves both halves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaSectionsFor, AGENDA_SECTION_LIMIT, type Agenda, type AgendaItem, type AgendaSectionKey, type EventInput, type Issue, type Organisation } from '@linli/shared';
import { call, eventually, must, snapshotCounts, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { createTestCommunity } from '../support/community.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('agenda (what needs me)', () => {
  let c: Cluster;
  let now = Date.parse('2026-11-02T09:00:00Z');
  const clock = () => new Date(now);
  const at = (ms: number) => new Date(ms).toISOString();
  let communityId: string;
  const users: Record<string, Session> = {};
  const sockets: Record<string, ClientSocket> = {};
  let property: Organisation;
  let committee: Organisation;
  let categoryId: string;
  let chatChannelId: string;

  /** The member's agenda (read right after the change before it: no memo hides a change), its counts checked. */
  async function agendaOf(key: string): Promise<Agenda> {
    const agenda = await must(sockets[key]!, 'agenda:get', { communityId });
    checkCounts(agenda);
    return agenda;
  }

  const section = (agenda: Agenda, key: AgendaSectionKey) => agenda.sections.find((s) => s.key === key);
  const itemsOf = (agenda: Agenda, key: AgendaSectionKey): AgendaItem[] => section(agenda, key)?.items ?? [];
  const idsOf = (agenda: Agenda, key: AgendaSectionKey, kind?: AgendaItem['kind']) => itemsOf(agenda, key).filter((i) => !kind || i.kind === kind).map((i) => i.id);
  const total = (agenda: Agenda, key: AgendaSectionKey) => section(agenda, key)?.total ?? 0;

  /** What every answer holds: sections of its hats only, none empty, in display order, cut to the limit; counts that agree with them. */
  function checkCounts(agenda: Agenda) {
    const keys = agenda.sections.map((s) => s.key);
    const allowed = agendaSectionsFor(agenda.roles);
    expect(keys).toEqual(allowed.filter((key) => keys.includes(key)));
    for (const s of agenda.sections) {
      expect(s.items.length, s.key).toBeGreaterThan(0);
      expect(s.items.length, s.key).toBeLessThanOrEqual(Math.min(AGENDA_SECTION_LIMIT, s.total));
    }
    const { counts } = agenda;
    expect(counts.polls).toBe(total(agenda, 'pollsToVote'));
    expect(counts.surveys).toBe(total(agenda, 'surveysToAnswer'));
    expect(counts.activities).toBe(total(agenda, 'myActivities'));
    expect(counts.decisions).toBe(itemsOf(agenda, 'myDecisions').filter((i) => i.params.unseen === 1).length);
    if (counts.triage === undefined) {
      expect(counts.issues).toBe(itemsOf(agenda, 'myReports').filter((i) => i.why === 'issueChanged' || i.why === 'issueToConfirm').length);
    } else {
      // Staff: "issues" counts the triage queue (shown to workers).
      expect(counts.issues).toBe(counts.triage);
      if (agenda.roles.includes('worker')) expect(counts.triage).toBe(total(agenda, 'triage'));
    }
    if (agenda.roles.includes('worker') || agenda.roles.includes('supervisor')) expect(counts.overdue).toBe(total(agenda, 'overdue'));
    else expect(counts.overdue).toBeUndefined();
    if (agenda.roles.includes('worker')) expect(counts.moderation).toBe(total(agenda, 'joinRequests') + total(agenda, 'reportedMessages'));
    else expect(counts.moderation).toBeUndefined();
    if (counts.assignments !== undefined) expect(counts.assignments).toBe(total(agenda, 'assignments'));
  }

  const file = (who: string, title: string) => must(sockets[who]!, 'issue:file', { communityId, title, categoryId });
  const act = (who: string, issue: Issue, payload: Record<string, unknown>) => must(sockets[who]!, 'issue:act', { issueId: issue.id, version: issue.version, ...payload } as EventInput<'issue:act'>);
  const fresh = async (issue: Issue) => (await must(sockets.moderator!, 'issue:get', { issueId: issue.id })).issue;
  /** What an issues board lists (issue:list with its filter), as ids. */
  const board = async (filter: Partial<EventInput<'issue:list'>>) => (await must(sockets.moderator!, 'issue:list', { communityId, limit: 200, ...filter } as EventInput<'issue:list'>)).items.map((i) => i.id);
  /** The member's unread notifications about one subject (an issue or a decision). */
  const unreadAbout = async (who: string, subject: string) =>
    (await must(sockets[who]!, 'notification:list', {})).items.filter((n) => !n.readAt && (n.issueId === subject || n.subjectId === subject)).map((n) => n.id);

  beforeAll(async () => {
    c = await startCluster({ nodes: 2, clock });
    const community = await createTestCommunity(c, '待办测试社区', users);
    communityId = community.communityId;
    sockets.admin = community.admin;
    const join = async (key: string, phone: string, name: string, node: number) => (sockets[key] = await community.join(key, phone, name, node));
    await join('moderator', '13900950001', '李社工', 0);
    await join('supervisor', '13900950002', '孙书记', 1);
    await join('resident', '13900950003', '王阿姨', 1);
    await join('neighbour', '13900950004', '刘大爷', 0);
    await join('orgStaff', '13900950005', '物业小陈', 1);
    await join('overseer', '13900950006', '王书记', 0);
    users.outsider = await c.login('13900950007', '外人');
    sockets.outsider = await c.connect(users.outsider, 1);
    await community.setRole('moderator', 'moderator');
    await community.setRole('supervisor', 'supervisor');
    property = await community.organisation('物业公司', 'property_management');
    committee = await community.organisation('居委会', 'residents_committee');
    property = await community.addStaff(property, 'orgStaff', '客服');
    // Rooms follow roles and staffing on connect: reconnect those whose changed.
    for (const [key, node] of [['moderator', 0], ['supervisor', 1], ['orgStaff', 1]] as const) {
      sockets[key]!.disconnect();
      sockets[key] = await c.connect(users[key]!, node);
    }
    categoryId = (await must(sockets.resident!, 'issue:categories', { communityId }))[0]!.id;
    chatChannelId = (await must(sockets.resident!, 'channel:list', { communityId })).find((channel) => channel.kind === 'chat')!.id;
  });

  afterAll(async () => {
    await c?.stop();
  });

  it('an outsider gets NOT_FOUND, a bad payload VALIDATION_FAILED; a member asking for another community NOT_FOUND; nothing changes', async () => {
    const before = await snapshotCounts(c.models);
    expect(await call(sockets.outsider!, 'agenda:get', { communityId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(sockets.resident!, 'agenda:get', { communityId: '0123456789abcdef01234567' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    for (const payload of [{ communityId: 'not-an-id' }, { communityId, extra: 1 }, {}]) {
      expect(await call(sockets.resident!, 'agenda:get', payload as never), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(await snapshotCounts(c.models)).toEqual(before);
    // A quiet community: a resident has nothing waiting, and no staff counts.
    const quiet = await agendaOf('resident');
    expect(quiet).toMatchObject({ communityId, roles: ['resident'], sections: [], generatedAt: at(now) });
    expect(quiet.counts).toEqual({ chat: expect.any(Number), issues: 0, polls: 0, decisions: 0, surveys: 0, activities: 0 });
  });

  let reportA: Issue;
  let reportB: Issue;

  it('a resident sees their own open reports; a change by staff comes first until they read its notice; a resolved one waits for their confirmation', async () => {
    reportA = await file('resident', '楼道灯不亮');
    now += HOUR;
    reportB = await file('resident', '3栋电梯经常停运');
    const neighbours = await file('neighbour', '南门积水');
    let agenda = await agendaOf('resident');
    expect(agenda.roles).toEqual(['resident']);
    // Newest change first; the neighbour's report is not mine.
    expect(itemsOf(agenda, 'myReports').map((i) => [i.id, i.why, i.params.state])).toEqual([
      [reportB.id, 'issueState', 'submitted'],
      [reportA.id, 'issueState', 'submitted'],
    ]);
    expect(idsOf(agenda, 'myReports')).not.toContain(neighbours.id);
    expect(itemsOf(agenda, 'myReports')[0]).toMatchObject({ kind: 'issue', title: `#${reportB.number} 3栋电梯经常停运`, target: { page: 'issue', issueId: reportB.id } });
    expect(agenda.counts.issues).toBe(0);

    // Staff acknowledge A (the older one): it moves first, saying who did what.
    now += HOUR;
    reportA = await act('moderator', reportA, { action: 'acknowledge' });
    await eventually(async () => (await unreadAbout('resident', reportA.id)).length > 0, 3000, 'the reporter is told');
    agenda = await agendaOf('resident');
    expect(itemsOf(agenda, 'myReports').map((i) => [i.id, i.why])).toEqual([
      [reportA.id, 'issueChanged'],
      [reportB.id, 'issueState'],
    ]);
    expect(itemsOf(agenda, 'myReports')[0]).toMatchObject({ params: { state: 'acknowledged', actor: '李社工' }, atKind: 'changed' });
    expect(agenda.counts.issues).toBe(1);

    // Read: back in line, nothing unseen.
    await must(sockets.resident!, 'notification:markRead', { ids: await unreadAbout('resident', reportA.id) });
    agenda = await agendaOf('resident');
    expect(itemsOf(agenda, 'myReports').map((i) => [i.id, i.why])).toEqual([
      [reportA.id, 'issueState'],
      [reportB.id, 'issueState'],
    ]);
    expect(agenda.counts.issues).toBe(0);

    // Assigned and resolved: A waits for the reporter's confirmation, first again.
    reportA = await act('moderator', reportA, { action: 'assign', organisationIds: [property.id], leadOrganisationId: property.id });
    now += HOUR;
    reportA = await act('orgStaff', reportA, { action: 'resolve', reason: '灯已换好' });
    expect(reportA.state).toBe('resolved');
    agenda = await agendaOf('resident');
    expect(itemsOf(agenda, 'myReports')[0]).toMatchObject({ id: reportA.id, why: 'issueToConfirm', params: { state: 'resolved' } });
    expect(agenda.counts.issues).toBe(1);
    // Confirmed: off the agenda.
    await act('resident', reportA, { action: 'confirm', rating: 'satisfied' });
    agenda = await agendaOf('resident');
    expect(idsOf(agenda, 'myReports')).toEqual([reportB.id]);
  });

  it('a poll open to the resident is listed, soonest closing first, until they vote', async () => {
    const later = await must(sockets.moderator!, 'poll:create', { communityId, kind: 'yesno', title: '是否增设充电桩', closesAt: at(now + 6 * DAY) });
    const sooner = await must(sockets.moderator!, 'poll:create', { communityId, kind: 'yesno', title: '是否加装电梯', closesAt: at(now + 5 * DAY) });
    let agenda = await agendaOf('resident');
    expect(itemsOf(agenda, 'pollsToVote').map((i) => [i.id, i.why, i.at, i.atKind])).toEqual([
      [sooner.id, 'pollOpen', sooner.closesAt, 'closes'],
      [later.id, 'pollOpen', later.closesAt, 'closes'],
    ]);
    expect(itemsOf(agenda, 'pollsToVote')[0]).toMatchObject({ kind: 'poll', title: '是否加装电梯', target: { page: 'item', view: 'polls', itemId: sooner.id } });
    expect(agenda.counts.polls).toBe(2);
    await must(sockets.resident!, 'poll:cast', { pollId: sooner.id, choice: 'yes' });
    agenda = await agendaOf('resident');
    expect(idsOf(agenda, 'pollsToVote')).toEqual([later.id]);
    expect(agenda.counts.polls).toBe(1);
    // Someone else's vote does not take it off the resident's agenda.
    await must(sockets.neighbour!, 'poll:cast', { pollId: later.id, choice: 'no' });
    expect(idsOf(await agendaOf('resident'), 'pollsToVote')).toEqual([later.id]);
    expect(idsOf(await agendaOf('neighbour'), 'pollsToVote')).toEqual([sooner.id]);
  });

  let decisionId: string;
  let liftItemId: string;

  it('a decision on the resident\'s report is followed with its progress, unseen news first; the owning organisation\'s staff see the action item', async () => {
    const decision = await must(sockets.moderator!, 'decision:record', { communityId, title: '更换3栋电梯', rationale: '居民议事会一致同意', issueIds: [reportB.id] });
    decisionId = decision.id;
    const item = await must(sockets.moderator!, 'decision:saveItem', { decisionId, title: '电梯招标', owner: { type: 'organisation', organisationId: property.id }, dueAt: at(now + 5 * DAY) });
    liftItemId = item.id;
    await eventually(async () => (await unreadAbout('resident', decisionId)).length > 0, 3000, 'the reporter is told of the decision');
    let agenda = await agendaOf('resident');
    expect(itemsOf(agenda, 'myDecisions')).toEqual([
      expect.objectContaining({ kind: 'decision', id: decisionId, why: 'decisionProgress', title: '#1 更换3栋电梯', params: expect.objectContaining({ percent: 0, unseen: 1 }), target: { page: 'item', view: 'decisions', itemId: decisionId } }),
    ]);
    expect(agenda.counts.decisions).toBe(1);
    // Someone not concerned does not follow it.
    expect(idsOf(await agendaOf('neighbour'), 'myDecisions')).toEqual([]);

    // Read, then progress by the organisation: listed with the new percentage.
    await must(sockets.resident!, 'notification:markRead', { ids: await unreadAbout('resident', decisionId) });
    agenda = await agendaOf('resident');
    expect(itemsOf(agenda, 'myDecisions')[0]).toMatchObject({ id: decisionId, params: { unseen: 0 } });
    expect(agenda.counts.decisions).toBe(0);
    await must(sockets.orgStaff!, 'decision:progress', { itemId: liftItemId, text: '招标公告已发布', percent: 40 });
    agenda = await agendaOf('resident');
    expect(itemsOf(agenda, 'myDecisions')[0]).toMatchObject({ id: decisionId, params: { percent: 40, done: 0, total: 1 } });

    // The organisation's staff: the action item they own, by deadline, with its decision.
    const staff = await agendaOf('orgStaff');
    expect(staff.roles).toEqual(['resident', 'organisation']);
    expect(itemsOf(staff, 'actionItems')).toEqual([
      expect.objectContaining({ kind: 'actionItem', id: liftItemId, why: 'actionItem', at: item.dueAt, atKind: 'due', overdueLevel: 0, params: expect.objectContaining({ percent: 40, decision: '#1 更换3栋电梯' }) }),
    ]);
    // Not the resident's: they own no item.
    expect(section(await agendaOf('resident'), 'actionItems')).toBeUndefined();
  });

  it('an event the resident signed up for is listed by its start; one they did not sign up for is not', async () => {
    const event = await must(sockets.moderator!, 'activity:createEvent', { communityId, title: '社区义诊', place: '服务中心', startsAt: at(now + 2 * DAY), endsAt: at(now + 2 * DAY + 2 * HOUR), capacity: 20 });
    const other = await must(sockets.moderator!, 'activity:createEvent', { communityId, title: '电影之夜', place: '广场', startsAt: at(now + DAY), endsAt: at(now + DAY + 2 * HOUR), capacity: 20 });
    expect(section(await agendaOf('resident'), 'myActivities')).toBeUndefined();
    const signup = await must(sockets.resident!, 'activity:signUp', { activityId: event.id });
    const agenda = await agendaOf('resident');
    expect(itemsOf(agenda, 'myActivities')).toEqual([
      expect.objectContaining({ kind: 'event', id: event.id, title: '社区义诊', why: 'eventSignedUp', at: at(now + 2 * DAY), atKind: 'starts', params: expect.objectContaining({ status: signup.status, checkedIn: 0 }), target: { page: 'item', view: 'activities', itemId: event.id } }),
    ]);
    expect(idsOf(agenda, 'myActivities')).not.toContain(other.id);
    expect(agenda.counts.activities).toBe(1);
  });

  it('an open survey the resident has not answered is listed with its Chinese title (and the English one), until they answer', async () => {
    const draft = await must(sockets.moderator!, 'survey:create', { communityId, template: 'study', closesAt: at(now + 4 * DAY) });
    const survey = await must(sockets.moderator!, 'survey:publish', { surveyId: draft.id, version: draft.version });
    let agenda = await agendaOf('resident');
    expect(itemsOf(agenda, 'surveysToAnswer')).toEqual([
      expect.objectContaining({ kind: 'survey', id: survey.id, why: 'surveyOpen', title: survey.title['zh-CN'], at: survey.closesAt, atKind: 'closes', target: { page: 'item', view: 'surveys', itemId: survey.id } }),
    ]);
    // The title is a string the page can show (stored in both languages).
    expect(typeof itemsOf(agenda, 'surveysToAnswer')[0]!.title).toBe('string');
    expect(itemsOf(agenda, 'surveysToAnswer')[0]!.params.titleEn).toBe(survey.title.en || null);
    expect(agenda.counts.surveys).toBe(1);
    await must(sockets.resident!, 'survey:submit', { surveyId: survey.id, answers: { demographics: {}, awareness: {}, items: { q1: 4 }, choices: {} } });
    agenda = await agendaOf('resident');
    expect(section(agenda, 'surveysToAnswer')).toBeUndefined();
    expect(agenda.counts.surveys).toBe(0);
    // Still open for the neighbour.
    expect(idsOf(await agendaOf('neighbour'), 'surveysToAnswer')).toEqual([survey.id]);
  });

  let mentionMessageId: string;

  it('an unread mention opens its message; read, it is gone', async () => {
    const message = await must(sockets.neighbour!, 'message:send', { channelId: chatChannelId, clientId: 'agenda-mention-0001', body: '@王阿姨 明天一起去义诊吗？' });
    mentionMessageId = message.id;
    await eventually(async () => (await must(sockets.resident!, 'notification:list', {})).items.some((n) => n.kind === 'mention' && n.messageId === message.id), 3000, 'the mention is stored');
    let agenda = await agendaOf('resident');
    expect(itemsOf(agenda, 'mentions')).toEqual([
      expect.objectContaining({ kind: 'mention', why: 'mention', title: '刘大爷', params: { actor: '刘大爷', excerpt: '@王阿姨 明天一起去义诊吗？' }, target: { page: 'message', channelId: chatChannelId, messageId: message.id } }),
    ]);
    expect(agenda.counts.chat).toBeGreaterThanOrEqual(1);
    await must(sockets.resident!, 'notification:markRead', { ids: [itemsOf(agenda, 'mentions')[0]!.id] });
    agenda = await agendaOf('resident');
    expect(section(agenda, 'mentions')).toBeUndefined();
  });

  it('a worker sees the triage queue (the issues boards\' triage states), join requests, proposals by support and reported messages', async () => {
    const applicant = await c.login('13900950008', '申请人');
    const request = await must(await c.connect(applicant, 0), 'community:requestJoin', { communityId, message: '5栋住户' });
    const proposal = await must(sockets.neighbour!, 'deliberation:propose', { communityId, title: '增设电动车充电桩' });
    const support = (await c.models.Deliberation.findOne({ _id: proposal.id }).lean())!.supportCount;
    const spam = await must(sockets.neighbour!, 'message:send', { channelId: chatChannelId, clientId: 'agenda-spam-0001', body: '低价出售二手家具' });
    const report = await must(sockets.resident!, 'message:report', { messageId: spam.id, reason: '广告' });
    // A rejected report staff reopen: nobody is assigned, so it waits on staff again.
    const reopened = await act('moderator', await act('moderator', await file('neighbour', '楼下烧烤油烟'), { action: 'reject', reason: '不属于社区事务' }), { action: 'reopen', reason: '街道要求社区处理' });
    expect(reopened).toMatchObject({ state: 'reopened', assignments: [] });

    const agenda = await agendaOf('moderator');
    expect(agenda.roles).toEqual(['resident', 'worker']);
    // Triage: exactly what the boards' submitted and acknowledged columns hold, and the reopened report nobody is assigned to.
    const triage = [...(await board({ status: 'submitted' })), ...(await board({ status: 'acknowledged' })), ...(await board({ status: 'reopened' }))];
    expect(idsOf(agenda, 'triage').sort()).toEqual(triage.sort());
    expect(triage).toContain(reportB.id);
    expect(triage).toContain(reopened.id);
    for (const item of itemsOf(agenda, 'triage')) expect(item).toMatchObject({ why: 'triage', atKind: 'due', target: { page: 'issue', issueId: item.id } });
    // Oldest response deadline first.
    const deadlines = itemsOf(agenda, 'triage').map((i) => Date.parse(i.at!));
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));

    expect(itemsOf(agenda, 'joinRequests')).toEqual([
      expect.objectContaining({ kind: 'joinRequest', id: request.id, title: '申请人', params: { message: '5栋住户' }, at: request.createdAt, atKind: 'since', target: { page: 'moderation' } }),
    ]);
    expect(itemsOf(agenda, 'proposals')).toEqual([
      expect.objectContaining({ kind: 'proposal', id: proposal.id, title: `#${proposal.number} 增设电动车充电桩`, params: { support, threshold: proposal.supportThreshold }, target: { page: 'item', view: 'deliberations', itemId: proposal.id } }),
    ]);
    expect(itemsOf(agenda, 'reportedMessages')).toEqual([
      expect.objectContaining({ kind: 'messageReport', id: report.id, title: '低价出售二手家具', params: { reason: '广告', author: '刘大爷', reporter: '王阿姨' }, target: { page: 'message', channelId: chatChannelId, messageId: spam.id } }),
    ]);
    expect(agenda.counts).toMatchObject({ triage: triage.length, issues: triage.length, moderation: 2, overdue: 0 });
    expect(section(agenda, 'overdue')).toBeUndefined();
    // None of it is a resident's.
    const resident = await agendaOf('resident');
    for (const key of ['triage', 'joinRequests', 'proposals', 'reportedMessages', 'overdue', 'assignments', 'index'] as const) expect(section(resident, key), key).toBeUndefined();
    expect(mentionMessageId).toBeTruthy();
  });

  it('organisation staff see the open reports assigned to them by deadline, as the assignments board lists them', async () => {
    const later = await act('moderator', await file('neighbour', '路灯坏了'), { action: 'assign', organisationIds: [property.id], leadOrganisationId: property.id, resolveBy: at(now + 4 * DAY) });
    const sooner = await act('moderator', await file('neighbour', '垃圾桶满了'), { action: 'assign', organisationIds: [property.id, committee.id], leadOrganisationId: property.id, resolveBy: at(now + 2 * DAY) });
    const others = await act('moderator', await file('neighbour', '邻里噪音'), { action: 'assign', organisationIds: [committee.id], leadOrganisationId: committee.id, resolveBy: at(now + DAY) });
    const agenda = await agendaOf('orgStaff');
    const assignments = itemsOf(agenda, 'assignments');
    expect(assignments.map((i) => i.id)).toEqual(await board({ status: 'open', organisationId: property.id, sort: 'deadline' }));
    expect(assignments.map((i) => i.id).slice(0, 2)).toEqual([sooner.id, later.id]);
    expect(assignments.map((i) => i.id)).not.toContain(others.id);
    expect(assignments[0]).toMatchObject({ why: 'assignment', at: sooner.resolveBy, atKind: 'due', params: { state: 'assigned', organisation: '物业公司' } });
    expect(agenda.counts.assignments).toBe(assignments.length);
    // No queues for organisation staff.
    expect(section(agenda, 'triage')).toBeUndefined();
    expect(agenda.counts.triage).toBeUndefined();
  });

  it('a supervisor sees the index (no queues); a street overseer who is a resident gets the supervisor hat with the oversight item; a published month shows', async () => {
    let agenda = await agendaOf('supervisor');
    expect(agenda.roles).toEqual(['resident', 'supervisor']);
    expect(itemsOf(agenda, 'index')).toEqual([
      expect.objectContaining({ kind: 'index', id: `${communityId}:2026-10`, why: 'index', params: expect.objectContaining({ month: '2026-10', total: null }), target: { page: 'item', view: 'index', itemId: null } }),
    ]);
    for (const key of ['triage', 'joinRequests', 'proposals', 'reportedMessages'] as const) expect(section(agenda, key), key).toBeUndefined();
    // Staff: "issues" counts the triage queue even where the queue is not shown.
    expect(agenda.counts.triage).toBe(total(await agendaOf('moderator'), 'triage'));

    // 王书记, a resident here, is granted the street the community lies in.
    expect((await agendaOf('overseer')).roles).toEqual(['resident']);
    const district = await must(sockets.admin!, 'region:saveDistrict', { name: '测试区' });
    const street = await must(sockets.admin!, 'region:saveStreet', { districtId: district.id, name: '测试街道' });
    await must(sockets.admin!, 'region:grant', { phone: '13900950006', regionType: 'street', regionId: street.id });
    const overseer = await agendaOf('overseer');
    expect(overseer.roles).toEqual(['resident', 'supervisor']);
    expect(itemsOf(overseer, 'index').map((i) => [i.kind, i.id])).toEqual([
      ['index', `${communityId}:2026-10`],
      ['oversight', street.id],
    ]);
    expect(itemsOf(overseer, 'index')[1]).toMatchObject({ why: 'oversight', title: '测试街道', target: { page: 'oversight', regionId: street.id } });
    // No staff counts for an overseer who is a resident here.
    expect(overseer.counts.triage).toBeUndefined();

    // The month published: the item opens it.
    const published = await must(sockets.admin!, 'index:publish', { communityId, month: '2026-10' });
    agenda = await agendaOf('supervisor');
    expect(itemsOf(agenda, 'index')[0]).toMatchObject({ params: { month: '2026-10', total: published.total, street: '测试街道' }, at: published.publishedAt, target: { page: 'item', view: 'index', itemId: '2026-10' } });
    if (published.total !== null) expect(itemsOf(agenda, 'index')[0]!.params).toMatchObject({ rank: 1, ranked: 1 });
  });

  it('with the clock moved past the deadlines, workers and supervisors see overdue reports (the overdue board) and action items, escalated first; staff see their item overdue', async () => {
    now += 8 * DAY;
    await Promise.all(c.nodes.map((node) => node.app.services.issueSweeper.sweep()));
    await Promise.all(c.nodes.map((node) => node.app.services.decisionSweeper.sweep()));
    const overdueBoard = await board({ status: 'open', overdue: true });
    expect(overdueBoard.length).toBeGreaterThan(0);
    expect(overdueBoard).toContain(reportB.id);
    const agenda = await agendaOf('moderator');
    const overdue = section(agenda, 'overdue')!;
    expect(overdue.total).toBe(overdueBoard.length + 1);
    // Every overdue report of the board is here (the section shows the first 8), and the lift item.
    const all = itemsOf(agenda, 'overdue');
    expect(all.filter((i) => i.kind === 'issue').every((i) => overdueBoard.includes(i.id))).toBe(true);
    if (overdue.total <= AGENDA_SECTION_LIMIT) {
      expect(idsOf(agenda, 'overdue', 'issue').sort()).toEqual([...overdueBoard].sort());
      expect(idsOf(agenda, 'overdue', 'actionItem')).toEqual([liftItemId]);
    }
    const levels = all.map((i) => i.overdueLevel);
    expect(levels).toEqual([...levels].sort((a, b) => b - a));
    for (const i of all) expect(i.overdueLevel).toBeGreaterThanOrEqual(1);
    const b = await fresh(reportB);
    expect(all.find((i) => i.id === reportB.id)).toMatchObject({ why: 'overdueIssue', at: b.respondBy, overdueLevel: b.overdueLevel, params: { level: b.overdueLevel } });
    expect(agenda.counts.overdue).toBe(overdue.total);

    // The supervisor sees the same overdue work.
    const supervisor = await agendaOf('supervisor');
    expect(section(supervisor, 'overdue')!.total).toBe(overdue.total);
    // The organisation's staff: their item is overdue on their own list, not on an overdue board.
    const staff = await agendaOf('orgStaff');
    expect(itemsOf(staff, 'actionItems')[0]).toMatchObject({ id: liftItemId });
    expect(itemsOf(staff, 'actionItems')[0]!.overdueLevel).toBeGreaterThanOrEqual(1);
    expect(section(staff, 'overdue')).toBeUndefined();
    // The resident's polls and surveys closed meanwhile.
    const resident = await agendaOf('resident');
    expect(section(resident, 'pollsToVote')).toBeUndefined();
    expect(resident.counts.polls).toBe(0);
    // The decision is still followed.
    expect(idsOf(resident, 'myDecisions')).toEqual([decisionId]);
  });

  it('the memo: requests arriving while one is computed share it; a read right after a change computes anew and shows it', async () => {
    // Count the computations on node 0 (where the moderator's socket is) by the poll service's list each one calls once.
    const polls = c.nodes[0]!.app.services.polls;
    const list = polls.list;
    let computed = 0;
    polls.list = (caller, input) => {
      computed++;
      return list.call(polls, caller, input);
    };
    try {
      const together = await Promise.all([0, 1, 2].map(() => must(sockets.moderator!, 'agenda:get', { communityId })));
      expect(computed).toBe(1);
      expect(new Set(together.map((answer) => JSON.stringify(answer))).size).toBe(1);
      // A new report and a later clock, read at once: computed again, with the report.
      const filed = await file('neighbour', '井盖松动');
      now += HOUR;
      const after = await must(sockets.moderator!, 'agenda:get', { communityId });
      expect(computed).toBe(2);
      expect(after.generatedAt).toBe(at(now));
      expect(idsOf(after, 'triage')).toContain(filed.id);
      expect(after.counts.triage).toBe(together[0]!.counts.triage! + 1);
    } finally {
      polls.list = list;
    }
  });
});
