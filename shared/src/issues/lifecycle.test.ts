/**
 * The issue lifecycle as a matrix: every action, from every state, by every
 * kind of party. Spelled out here by hand (not derived from the table it tests).
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor.js';
import { availableIssueActions, issueActions, issuePartiesOf, refusalOf, type IssueAction, type IssueParty } from './lifecycle.js';
import { issueStates, type IssueState } from './types.js';

type Cell = { from: readonly IssueState[]; by: readonly IssueParty[] };

const OPEN_WORK: IssueState[] = ['assigned', 'in_progress', 'reopened'];
const expected: Record<IssueAction, Cell> = {
  acknowledge: { from: ['submitted'], by: ['staff'] },
  assign: { from: ['submitted', 'acknowledged', 'reopened'], by: ['staff'] },
  reassign: { from: ['assigned', 'in_progress'], by: ['staff', 'supervisor'] },
  return: { from: OPEN_WORK, by: ['assignee'] },
  start: { from: ['assigned', 'reopened'], by: ['assignee'] },
  resolve: { from: OPEN_WORK, by: ['assignee'] },
  confirm: { from: ['resolved'], by: ['reporter'] },
  autoConfirm: { from: ['resolved'], by: ['system'] },
  reopen: { from: ['resolved', 'confirmed', 'rejected'], by: ['reporter', 'staff'] },
  reject: { from: ['submitted', 'acknowledged'], by: ['staff'] },
  merge: { from: ['submitted', 'acknowledged', 'assigned', 'in_progress', 'reopened'], by: ['staff'] },
  urge: { from: OPEN_WORK, by: ['staff', 'supervisor'] },
  extend: { from: OPEN_WORK, by: ['staff', 'supervisor'] },
};

const parties: IssueParty[] = ['reporter', 'staff', 'supervisor', 'assignee', 'system'];

describe('issue transitions: every action x state x party', () => {
  it('the expectation covers every action of the table', () => {
    expect(Object.keys(expected).sort()).toEqual([...issueActions].sort());
  });

  for (const action of issueActions) {
    for (const state of issueStates) {
      for (const party of parties) {
        const cell = expected[action];
        const allowed = cell.from.includes(state) && cell.by.includes(party);
        it(`${action} from ${state} by ${party}: ${allowed ? 'allowed' : 'refused'}`, () => {
          const refusal = refusalOf(action, state, [party]);
          if (allowed) expect(refusal).toBeNull();
          else expect(refusal).toBe(cell.by.includes(party) ? 'state' : 'party');
        });
      }
    }
  }

  it('nobody without a part in the issue may do anything to it', () => {
    for (const action of issueActions) for (const state of issueStates) expect(refusalOf(action, state, [])).toBe('party');
  });
});

describe('who is who to an issue', () => {
  const actor = (over: Partial<Actor>): Actor => ({ userId: 'me', isPlatformAdmin: false, role: 'resident', organisationIds: [], muted: false, householdVerified: false, ...over });
  const issue = { reporterId: 'me', assignments: [{ organisationId: 'org-1' }] };

  it('reads the reporter, staff ranks and assigned organisations', () => {
    expect(issuePartiesOf(actor({}), issue)).toEqual(['reporter']);
    expect(issuePartiesOf(actor({ userId: 'other' }), issue)).toEqual([]);
    expect(issuePartiesOf(actor({ userId: 'other', role: 'moderator' }), issue)).toEqual(['staff']);
    expect(issuePartiesOf(actor({ userId: 'other', role: 'supervisor' }), issue)).toEqual(['staff', 'supervisor']);
    expect(issuePartiesOf(actor({ userId: 'other', organisationIds: ['org-1'] }), issue)).toEqual(['assignee']);
    expect(issuePartiesOf(actor({ userId: 'other', organisationIds: ['org-2'] }), issue)).toEqual([]);
  });

  it('outsiders are no party, whatever ids they carry', () => {
    expect(issuePartiesOf(actor({ role: null, organisationIds: ['org-1'] }), issue)).toEqual([]);
  });

  it('a hidden reporter (null) is nobody', () => {
    expect(issuePartiesOf(actor({}), { reporterId: null, assignments: [] })).toEqual([]);
  });

  it('buttons: the reporter of a resolved issue may confirm or reopen; never autoConfirm', () => {
    expect(availableIssueActions(actor({}), { ...issue, state: 'resolved' })).toEqual(['confirm', 'reopen']);
    expect(availableIssueActions(actor({ userId: 'x', organisationIds: ['org-1'] }), { ...issue, state: 'assigned' })).toEqual(['return', 'start', 'resolve']);
  });
});
