/**
 * The issue lifecycle, written once: which action moves an issue from which
 * states to which, who may take it and whether it needs a reason. The server
 * enforces it, the client draws its buttons from it, the tests walk it as a matrix.
 */
import { isStaff, type Actor } from '../actor.js';
import type { IssueState } from './types.js';

/** How the actor stands to one issue. */
export type IssueParty = 'reporter' | 'staff' | 'supervisor' | 'assignee' | 'system';

export interface IssueTransition {
  from: readonly IssueState[];
  /** The state after; null when the action leaves the state as it is. */
  to: IssueState | null;
  by: readonly IssueParty[];
  reason: boolean;
}

export const issueTransitions = {
  /** Staff saw it and take it into triage (接). */
  acknowledge: { from: ['submitted'], to: 'acknowledged', by: ['staff'], reason: false },
  /** To one or more organisations, one the lead, with a resolution deadline (派). */
  assign: { from: ['submitted', 'acknowledged', 'reopened'], to: 'assigned', by: ['staff'], reason: false },
  /** To other organisations, after work began or went overdue (改派). */
  reassign: { from: ['assigned', 'in_progress'], to: 'assigned', by: ['staff', 'supervisor'], reason: true },
  /** An assignee says "not ours": back to triage. */
  return: { from: ['assigned', 'in_progress', 'reopened'], to: 'acknowledged', by: ['assignee'], reason: true },
  /** An assignee starts work (办). */
  start: { from: ['assigned', 'reopened'], to: 'in_progress', by: ['assignee'], reason: false },
  /** Done, with a note saying what was done. */
  resolve: { from: ['assigned', 'in_progress', 'reopened'], to: 'resolved', by: ['assignee'], reason: true },
  /** The reporter says it is fixed, with a rating (评); a poor rating reopens it instead (重办). */
  confirm: { from: ['resolved'], to: 'confirmed', by: ['reporter'], reason: false },
  /** Nobody answered in time: confirmed automatically, counted apart. */
  autoConfirm: { from: ['resolved'], to: 'confirmed', by: ['system'], reason: false },
  /** Not fixed after all (the reporter), or a closed issue back to work (staff). */
  reopen: { from: ['resolved', 'confirmed', 'rejected'], to: 'reopened', by: ['reporter', 'staff'], reason: true },
  /** Not a problem Linli handles (a duplicate goes by merge instead). */
  reject: { from: ['submitted', 'acknowledged'], to: 'rejected', by: ['staff'], reason: true },
  /** Into another open issue: its supporters and followers move over. */
  merge: { from: ['submitted', 'acknowledged', 'assigned', 'in_progress', 'reopened'], to: 'merged', by: ['staff'], reason: false },
  /** Chase the assignees (催办). */
  urge: { from: ['assigned', 'in_progress', 'reopened'], to: null, by: ['staff', 'supervisor'], reason: true },
  /** A later resolution deadline (延期). */
  extend: { from: ['assigned', 'in_progress', 'reopened'], to: null, by: ['staff', 'supervisor'], reason: true },
} as const satisfies Record<string, IssueTransition>;

export type IssueAction = keyof typeof issueTransitions;
export const issueActions = Object.keys(issueTransitions) as IssueAction[];

/** Who the actor is to this issue. */
export function issuePartiesOf(actor: Actor, issue: { reporterId: string | null; assignments: readonly { organisationId: string }[] }): IssueParty[] {
  if (actor.role === null) return [];
  const parties: IssueParty[] = [];
  if (issue.reporterId !== null && issue.reporterId === actor.userId) parties.push('reporter');
  if (isStaff(actor.role)) parties.push('staff');
  if (actor.role === 'supervisor' || actor.role === 'admin') parties.push('supervisor');
  if (issue.assignments.some((a) => actor.organisationIds.includes(a.organisationId))) parties.push('assignee');
  return parties;
}

/** Why an action cannot be taken now: 'state' (not from this state) or 'party' (not by this actor). */
export type IssueRefusal = 'state' | 'party';

export function refusalOf(action: IssueAction, state: IssueState, parties: readonly IssueParty[]): IssueRefusal | null {
  const rule: IssueTransition = issueTransitions[action];
  if (!rule.by.some((party) => parties.includes(party))) return 'party';
  if (!rule.from.includes(state)) return 'state';
  return null;
}

/** The actions the actor may take on the issue now (the client's buttons). */
export function availableIssueActions(actor: Actor, issue: { state: IssueState; reporterId: string | null; assignments: readonly { organisationId: string }[] }): IssueAction[] {
  const parties = issuePartiesOf(actor, issue);
  return issueActions.filter((action) => action !== 'autoConfirm' && refusalOf(action, issue.state, parties) === null);
}
