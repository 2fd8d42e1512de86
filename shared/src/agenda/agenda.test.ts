import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor.js';
import { issueStates, openIssueStates, type IssueState } from '../issues/types.js';
import type { MemberRole } from '../members/types.js';
import {
  AGENDA_SECTION_LIMIT,
  agendaRolesOf,
  agendaSectionsFor,
  assembleAgenda,
  assignmentItems,
  byNewest,
  byUrgency,
  countsAsStaff,
  issueDueOf,
  myReportItems,
  overdueIssueItems,
  triageItems,
  unseenReportCount,
  type UnseenIssueChange,
} from './agenda.js';
import { agendaSectionKeys, agendaSectionRoles, type AgendaIssueInput, type AgendaItem, type AgendaRole, type AgendaSectionKey } from './types.js';

const actor = (role: MemberRole | null, organisationIds: string[] = []): Actor => ({ userId: 'u1', isPlatformAdmin: false, role, organisationIds, muted: false, householdVerified: false });

let serial = 0;
/** A report as the agenda reads it; deadlines an hour apart by number unless given. */
function issue(over: Partial<AgendaIssueInput> = {}): AgendaIssueInput {
  const number = over.number ?? ++serial;
  return {
    id: `i${number}`,
    number,
    title: `问题${number}`,
    state: 'submitted',
    reporterId: 'u1',
    organisationIds: [],
    organisationNames: [],
    respondBy: new Date(Date.UTC(2026, 10, 2, number)).toISOString(),
    resolveBy: null,
    overdueLevel: 0,
    supportCount: 0,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...over,
  };
}

function item(over: Partial<AgendaItem> = {}): AgendaItem {
  return {
    kind: 'issue',
    id: over.title ?? 'x',
    title: 'x',
    why: 'triage',
    params: {},
    at: null,
    atKind: null,
    overdueLevel: 0,
    target: { page: 'moderation' },
    ...over,
  };
}

const titles = (items: readonly AgendaItem[]) => items.map((i) => i.title);

describe('agendaRolesOf', () => {
  it('gives every member the resident hat and adds worker, organisation and supervisor by role, staffing and oversight', () => {
    expect(agendaRolesOf(actor(null), false)).toEqual([]);
    expect(agendaRolesOf(actor(null), true)).toEqual([]);
    expect(agendaRolesOf(actor('resident'), false)).toEqual(['resident']);
    expect(agendaRolesOf(actor('moderator'), false)).toEqual(['resident', 'worker']);
    expect(agendaRolesOf(actor('supervisor'), false)).toEqual(['resident', 'supervisor']);
    expect(agendaRolesOf(actor('admin'), false)).toEqual(['resident', 'worker', 'supervisor']);
    expect(agendaRolesOf(actor('resident', ['o1']), false)).toEqual(['resident', 'organisation']);
    expect(agendaRolesOf(actor('moderator', ['o1']), false)).toEqual(['resident', 'worker', 'organisation']);
    // An overseer of the street or district supervises without the role; no hat twice.
    expect(agendaRolesOf(actor('resident'), true)).toEqual(['resident', 'supervisor']);
    expect(agendaRolesOf(actor('supervisor'), true)).toEqual(['resident', 'supervisor']);
  });

  it('a platform admin outside the community has no hat', () => {
    expect(agendaRolesOf({ ...actor(null), isPlatformAdmin: true }, true)).toEqual([]);
  });
});

describe('agendaSectionsFor', () => {
  const of = (role: AgendaRole) => agendaSectionKeys.filter((key) => agendaSectionRoles[key] === role);

  it('a resident sees their own things only, in display order', () => {
    expect(agendaSectionsFor(['resident'])).toEqual(['myReports', 'pollsToVote', 'mentions', 'myDecisions', 'myActivities', 'surveysToAnswer']);
    expect(agendaSectionsFor([])).toEqual([]);
  });

  it('a worker adds the queues and overdue work', () => {
    expect(agendaSectionsFor(['resident', 'worker'])).toEqual([...of('resident'), 'triage', 'joinRequests', 'reportedMessages', 'proposals', 'overdue']);
  });

  it('organisation staff add their assignments and action items; no queues, no overdue board', () => {
    expect(agendaSectionsFor(['resident', 'organisation'])).toEqual([...of('resident'), 'assignments', 'actionItems']);
  });

  it('a supervisor sees overdue work and the index, not the workers\' queues', () => {
    const sections = agendaSectionsFor(['resident', 'supervisor']);
    expect(sections).toEqual([...of('resident'), 'overdue', 'index']);
    for (const key of ['triage', 'joinRequests', 'reportedMessages', 'proposals'] as const) expect(sections).not.toContain(key);
  });

  it('every hat at once sees every section once, in the order of agendaSectionKeys', () => {
    expect(agendaSectionsFor(['resident', 'worker', 'organisation', 'supervisor'])).toEqual(agendaSectionKeys);
    expect(agendaSectionsFor(['supervisor', 'worker'])).toEqual([...of('worker'), 'index']);
  });
});

describe('ordering', () => {
  it('byUrgency: escalated first, then the soonest (or longest past) time, no time last, then title', () => {
    const list = [
      item({ title: 'later', at: '2026-11-05T00:00:00Z' }),
      item({ title: 'none', at: null }),
      item({ title: 'escalated-late', at: '2026-12-01T00:00:00Z', overdueLevel: 2 }),
      item({ title: 'past', at: '2026-10-01T00:00:00Z', overdueLevel: 1 }),
      item({ title: 'soon-b', at: '2026-11-03T00:00:00Z' }),
      item({ title: 'soon-a', at: '2026-11-03T00:00:00Z' }),
    ];
    expect(titles([...list].sort(byUrgency))).toEqual(['escalated-late', 'past', 'soon-a', 'soon-b', 'later', 'none']);
  });

  it('byNewest: newest first, no time last', () => {
    const list = [item({ title: 'old', at: '2026-10-01T00:00:00Z' }), item({ title: 'none' }), item({ title: 'new', at: '2026-11-01T00:00:00Z' })];
    expect(titles([...list].sort(byNewest))).toEqual(['new', 'old', 'none']);
  });
});

describe('assembleAgenda', () => {
  it('leaves empty sections out and keeps the display order whatever order the lists come in', () => {
    const sections = assembleAgenda(['resident', 'worker'], {
      overdue: [item({ title: 'o' })],
      triage: [],
      myReports: [item({ title: 'r', why: 'issueState' })],
      pollsToVote: [],
    });
    expect(sections.map((s) => [s.key, s.role, s.total])).toEqual([
      ['myReports', 'resident', 1],
      ['overdue', 'worker', 1],
    ]);
    expect(assembleAgenda(['resident'], {})).toEqual([]);
  });

  it('ignores lists of sections the hats do not see', () => {
    const lists: Partial<Record<AgendaSectionKey, AgendaItem[]>> = { triage: [item()], joinRequests: [item()], assignments: [item()], index: [item({ kind: 'index' })], mentions: [item({ kind: 'mention' })] };
    expect(assembleAgenda(['resident'], lists).map((s) => s.key)).toEqual(['mentions']);
    expect(assembleAgenda(['resident', 'supervisor'], lists).map((s) => s.key)).toEqual(['mentions', 'index']);
    expect(assembleAgenda(['resident', 'organisation'], lists).map((s) => s.key)).toEqual(['mentions', 'assignments']);
  });

  it('cuts each section to the limit (8 by default) and counts them all in total, after ordering', () => {
    const many = Array.from({ length: 12 }, (_, i) => item({ title: `p${String(i).padStart(2, '0')}`, at: new Date(Date.UTC(2026, 10, 30 - i)).toISOString() }));
    const [polls] = assembleAgenda(['resident'], { pollsToVote: many });
    expect(AGENDA_SECTION_LIMIT).toBe(8);
    expect(polls!.total).toBe(12);
    expect(polls!.items).toHaveLength(8);
    // The soonest closing eight: p11 (Nov 19) .. p04 (Nov 26).
    expect(titles(polls!.items)).toEqual(['p11', 'p10', 'p09', 'p08', 'p07', 'p06', 'p05', 'p04']);
    const [cut] = assembleAgenda(['resident'], { pollsToVote: many }, 3);
    expect(cut).toMatchObject({ total: 12 });
    expect(titles(cut!.items)).toEqual(['p11', 'p10', 'p09']);
    // The caller's list is left as it was.
    expect(many[0]!.title).toBe('p00');
  });

  it('my reports: unseen changes and reports to confirm first, then the newest change', () => {
    const [reports] = assembleAgenda(['resident'], {
      myReports: [
        item({ title: 'quiet-new', why: 'issueState', at: '2026-11-10T00:00:00Z' }),
        item({ title: 'changed-old', why: 'issueChanged', at: '2026-11-01T00:00:00Z' }),
        item({ title: 'confirm', why: 'issueToConfirm', at: '2026-11-05T00:00:00Z' }),
        item({ title: 'quiet-old', why: 'issueState', at: '2026-10-01T00:00:00Z' }),
      ],
    });
    expect(titles(reports!.items)).toEqual(['confirm', 'changed-old', 'quiet-new', 'quiet-old']);
  });

  it('decisions with unseen news first; proposals by support; mentions newest first', () => {
    const sections = assembleAgenda(['resident', 'worker'], {
      myDecisions: [item({ title: 'seen-new', params: { unseen: 0 }, at: '2026-11-10T00:00:00Z' }), item({ title: 'unseen-old', params: { unseen: 1 }, at: '2026-11-01T00:00:00Z' })],
      proposals: [item({ title: 'few', params: { support: 1 }, at: '2026-10-01T00:00:00Z' }), item({ title: 'many', params: { support: 9 }, at: '2026-11-01T00:00:00Z' })],
      mentions: [item({ title: 'm-old', at: '2026-11-01T00:00:00Z' }), item({ title: 'm-new', at: '2026-11-02T00:00:00Z' })],
    });
    const byKey = Object.fromEntries(sections.map((s) => [s.key, titles(s.items)]));
    expect(byKey).toEqual({ mentions: ['m-new', 'm-old'], myDecisions: ['unseen-old', 'seen-new'], proposals: ['many', 'few'] });
  });

  it('the triage queue and overdue work: escalated first, then oldest deadline', () => {
    const issues = [
      issue({ number: 101, respondBy: '2026-11-05T00:00:00.000Z' }),
      issue({ number: 102, respondBy: '2026-11-03T00:00:00.000Z' }),
      issue({ number: 103, respondBy: '2026-11-09T00:00:00.000Z', overdueLevel: 2 }),
    ];
    const sections = assembleAgenda(['worker'], { triage: triageItems(issues), overdue: overdueIssueItems(issues) });
    expect(sections.map((s) => [s.key, s.items.map((i) => i.id)])).toEqual([
      ['triage', ['i103', 'i102', 'i101']],
      ['overdue', ['i103']],
    ]);
  });
});

describe('myReportItems', () => {
  const change: UnseenIssueChange = { at: '2026-11-03T08:00:00.000Z', actorName: '李社工', excerpt: '#1 已受理' };

  it('lists my open reports and the resolved ones awaiting my confirmation, never others\' or closed ones', () => {
    const all = issueStates.map((state, i) => issue({ number: 200 + i, state }));
    const others = issue({ number: 250, reporterId: 'u2' });
    const hidden = issue({ number: 251, reporterId: null });
    const items = myReportItems([...all, others, hidden], 'u1', new Map());
    const expected = all.filter((i) => openIssueStates.includes(i.state) || i.state === 'resolved').map((i) => i.id);
    expect(items.map((i) => i.id)).toEqual(expected);
    for (const gone of ['confirmed', 'rejected', 'merged'] as IssueState[]) expect(items.map((i) => i.params.state)).not.toContain(gone);
  });

  it('an unseen change says who changed what, at its time; nothing new says the state at the last update', () => {
    const changed = issue({ number: 1, state: 'acknowledged', updatedAt: '2026-11-03T08:00:00.000Z' });
    const quiet = issue({ number: 2, state: 'assigned', updatedAt: '2026-11-02T10:00:00.000Z', overdueLevel: 1 });
    const resolved = issue({ number: 3, state: 'resolved', updatedAt: '2026-11-04T00:00:00.000Z' });
    const [a, b, c] = myReportItems([changed, quiet, resolved], 'u1', new Map([['i1', change]]));
    expect(a).toEqual({
      kind: 'issue',
      id: 'i1',
      title: '#1 问题1',
      why: 'issueChanged',
      params: { state: 'acknowledged', excerpt: '#1 已受理', actor: '李社工' },
      at: change.at,
      atKind: 'changed',
      overdueLevel: 0,
      target: { page: 'issue', issueId: 'i1' },
    });
    expect(b).toMatchObject({ why: 'issueState', params: { state: 'assigned' }, at: '2026-11-02T10:00:00.000Z', overdueLevel: 1 });
    expect(c).toMatchObject({ why: 'issueToConfirm', params: { state: 'resolved', excerpt: null, actor: null }, at: '2026-11-04T00:00:00.000Z' });
    // The resolved one with a notice names it.
    const [told] = myReportItems([resolved], 'u1', new Map([['i3', change]]));
    expect(told).toMatchObject({ why: 'issueToConfirm', params: { actor: '李社工' }, at: change.at });
  });

  it('the count on "issues" is the changed ones and those to confirm', () => {
    const items = myReportItems([issue({ number: 1 }), issue({ number: 2 }), issue({ number: 3, state: 'resolved' })], 'u1', new Map([['i2', change]]));
    expect(unseenReportCount(items)).toBe(2);
    expect(unseenReportCount(myReportItems([issue({ number: 4 })], 'u1', new Map()))).toBe(0);
    expect(unseenReportCount([])).toBe(0);
  });
});

/**
 * The boards' filters, as the issues capability writes them (issue:list in the server, the
 * client's boards): overdue = { status: 'open', overdue: true } (an open state and overdue
 * level >= 1); assignments = { status: 'open', organisationId } per organisation of the
 * actor; triage = the states that wait on staff. Every state x level x assignment combination.
 */
describe('the boards\' filters', () => {
  const combos: AgendaIssueInput[] = [];
  for (const state of issueStates) {
    for (const overdueLevel of [0, 1, 2]) {
      for (const organisationIds of [[], ['o1'], ['o2'], ['o2', 'o1']]) {
        combos.push(issue({ state, overdueLevel, organisationIds, organisationNames: organisationIds.map((id) => `${id}名`) }));
      }
    }
  }
  const ids = (list: readonly { id: string }[]) => list.map((i) => i.id);
  const open = (i: AgendaIssueInput) => openIssueStates.includes(i.state);

  it('overdue: open and past a deadline, whatever the assignment', () => {
    expect(ids(overdueIssueItems(combos))).toEqual(ids(combos.filter((i) => open(i) && i.overdueLevel >= 1)));
  });

  it('assignments: open and assigned to one of my organisations', () => {
    expect(ids(assignmentItems(combos, ['o1']))).toEqual(ids(combos.filter((i) => open(i) && i.organisationIds.includes('o1'))));
    expect(ids(assignmentItems(combos, ['o1', 'o2']))).toEqual(ids(combos.filter((i) => open(i) && i.organisationIds.length > 0)));
    expect(assignmentItems(combos, [])).toEqual([]);
  });

  it('triage: submitted and acknowledged, and reopened with nobody assigned', () => {
    const waiting = (i: AgendaIssueInput) => i.state === 'submitted' || i.state === 'acknowledged' || (i.state === 'reopened' && i.organisationIds.length === 0);
    expect(ids(triageItems(combos))).toEqual(ids(combos.filter(waiting)));
    // Everything in triage is open; a reopened report an organisation works on is theirs, not triage's.
    expect(triageItems(combos).every((i) => openIssueStates.includes(i.params.state as IssueState))).toBe(true);
    expect(ids(triageItems([issue({ number: 300, state: 'reopened', organisationIds: ['o1'] })]))).toEqual([]);
  });

  it('each item carries the deadline that runs now and its organisations', () => {
    const assigned = issue({ number: 400, state: 'in_progress', overdueLevel: 1, resolveBy: '2026-11-09T00:00:00.000Z', organisationIds: ['o1', 'o2'], organisationNames: ['物业', '居委会'], supportCount: 3 });
    const fresh = issue({ number: 401, state: 'submitted', supportCount: 5 });
    expect(issueDueOf(assigned)).toBe('2026-11-09T00:00:00.000Z');
    expect(issueDueOf(fresh)).toBe(fresh.respondBy);
    expect(overdueIssueItems([assigned])[0]).toMatchObject({ why: 'overdueIssue', at: '2026-11-09T00:00:00.000Z', atKind: 'due', overdueLevel: 1, params: { level: 1, state: 'in_progress', organisation: '物业、居委会' } });
    expect(assignmentItems([assigned], ['o2'])[0]).toMatchObject({ why: 'assignment', at: '2026-11-09T00:00:00.000Z', params: { organisation: '居委会' }, target: { page: 'issue', issueId: 'i400' } });
    expect(triageItems([fresh])[0]).toMatchObject({ why: 'triage', at: fresh.respondBy, params: { state: 'submitted', support: 5 }, title: '#401 问题401' });
    expect(overdueIssueItems([{ ...fresh, overdueLevel: 1 }])[0]!.params.organisation).toBeNull();
  });
});

describe('countsAsStaff', () => {
  it('moderators, supervisors and admins count the triage queue on "issues"; residents and outsiders do not', () => {
    expect([null, 'resident', 'moderator', 'supervisor', 'admin'].map((role) => countsAsStaff(actor(role as MemberRole | null)))).toEqual([false, false, true, true, true]);
  });
});
