/**
 * The pure part of the agenda: who wears which hat, which sections each hat sees,
 * how a section is ordered, and the problem-report sections built from one read of
 * the community's reports (the boards' own filters: triage, overdue, assignments).
 */
import { isStaff, type Actor } from '../actor.js';
import { openIssueStates } from '../issues/types.js';
import {
  agendaSectionKeys,
  agendaSectionRoles,
  type AgendaIssueInput,
  type AgendaItem,
  type AgendaRole,
  type AgendaSection,
  type AgendaSectionKey,
} from './types.js';

/** Items shown per section (the section's page lists the rest). */
export const AGENDA_SECTION_LIMIT = 8;

/**
 * The hats of a member: every member is a resident; moderators and admins are community
 * workers; staff of an organisation; supervisors and admins (and overseers of a street or
 * district the community lies in) supervise.
 */
export function agendaRolesOf(actor: Actor, overseer: boolean): AgendaRole[] {
  if (actor.role === null) return [];
  const roles: AgendaRole[] = ['resident'];
  if (actor.role === 'moderator' || actor.role === 'admin') roles.push('worker');
  if (actor.organisationIds.length > 0) roles.push('organisation');
  if (actor.role === 'supervisor' || actor.role === 'admin' || overseer) roles.push('supervisor');
  return roles;
}

/** The sections a set of hats sees, in display order. Overdue work is both the workers' and the supervisors'. */
export function agendaSectionsFor(roles: readonly AgendaRole[]): AgendaSectionKey[] {
  return agendaSectionKeys.filter((key) => (key === 'overdue' ? roles.includes('worker') || roles.includes('supervisor') : roles.includes(agendaSectionRoles[key])));
}

const time = (iso: string | null): number => (iso === null ? Number.POSITIVE_INFINITY : Date.parse(iso));

/** Deadlines: the most escalated first, then the soonest (or longest past) deadline; no time last. */
export function byUrgency(a: AgendaItem, b: AgendaItem): number {
  return b.overdueLevel - a.overdueLevel || time(a.at) - time(b.at) || a.title.localeCompare(b.title);
}

/** Changes: the newest first; no time last. */
export function byNewest(a: AgendaItem, b: AgendaItem): number {
  const ta = a.at === null ? Number.NEGATIVE_INFINITY : Date.parse(a.at);
  const tb = b.at === null ? Number.NEGATIVE_INFINITY : Date.parse(b.at);
  return tb - ta || a.title.localeCompare(b.title);
}

/** How each section is ordered. My reports: unseen changes first, then newest change. */
const orderOf: Record<AgendaSectionKey, (a: AgendaItem, b: AgendaItem) => number> = {
  myReports: (a, b) => Number(b.why === 'issueChanged' || b.why === 'issueToConfirm') - Number(a.why === 'issueChanged' || a.why === 'issueToConfirm') || byNewest(a, b),
  pollsToVote: byUrgency,
  mentions: byNewest,
  myDecisions: (a, b) => Number(b.params.unseen ?? 0) - Number(a.params.unseen ?? 0) || byNewest(a, b),
  myActivities: byUrgency,
  surveysToAnswer: byUrgency,
  // The triage queue: oldest first (its time is the response deadline, which follows the filing order per category).
  triage: byUrgency,
  joinRequests: byUrgency,
  reportedMessages: byUrgency,
  proposals: (a, b) => Number(b.params.support ?? 0) - Number(a.params.support ?? 0) || byUrgency(a, b),
  overdue: byUrgency,
  assignments: byUrgency,
  actionItems: byUrgency,
  index: () => 0,
};

/** The sections the hats see, each ordered and cut to `limit`, empty ones left out. */
export function assembleAgenda(roles: readonly AgendaRole[], lists: Partial<Record<AgendaSectionKey, readonly AgendaItem[]>>, limit = AGENDA_SECTION_LIMIT): AgendaSection[] {
  const sections: AgendaSection[] = [];
  for (const key of agendaSectionsFor(roles)) {
    const items = [...(lists[key] ?? [])].sort(orderOf[key]);
    if (items.length === 0) continue;
    sections.push({ key, role: agendaSectionRoles[key], items: items.slice(0, limit), total: items.length });
  }
  return sections;
}

/** The deadline that runs now: resolution once assigned, response before (as the issues 'deadline' sort). */
export const issueDueOf = (issue: Pick<AgendaIssueInput, 'resolveBy' | 'respondBy'>): string => issue.resolveBy ?? issue.respondBy;

const isOpen = (issue: AgendaIssueInput) => openIssueStates.includes(issue.state);
const issueTarget = (issue: AgendaIssueInput) => ({ page: 'issue' as const, issueId: issue.id });
const issueTitle = (issue: AgendaIssueInput) => `#${issue.number} ${issue.title}`;

/** The latest unread notice about one of my reports: what changed since I last looked. */
export interface UnseenIssueChange {
  at: string;
  actorName: string;
  excerpt: string;
}

/** A resident's own open reports (and resolved ones waiting for their confirmation), with what changed unseen. */
export function myReportItems(issues: readonly AgendaIssueInput[], userId: string, unseen: ReadonlyMap<string, UnseenIssueChange>): AgendaItem[] {
  return issues
    .filter((issue) => issue.reporterId === userId && (isOpen(issue) || issue.state === 'resolved'))
    .map((issue): AgendaItem => {
      const change = unseen.get(issue.id);
      const base = { kind: 'issue' as const, id: issue.id, title: issueTitle(issue), overdueLevel: issue.overdueLevel, target: issueTarget(issue), atKind: 'changed' as const };
      if (issue.state === 'resolved') return { ...base, why: 'issueToConfirm', params: { state: issue.state, excerpt: change?.excerpt ?? null, actor: change?.actorName ?? null }, at: change?.at ?? issue.updatedAt };
      if (change) return { ...base, why: 'issueChanged', params: { state: issue.state, excerpt: change.excerpt, actor: change.actorName }, at: change.at };
      return { ...base, why: 'issueState', params: { state: issue.state }, at: issue.updatedAt };
    });
}

/** My reports with something I have not seen (the resident's count on "issues"). */
export const unseenReportCount = (items: readonly AgendaItem[]): number => items.filter((item) => item.why === 'issueChanged' || item.why === 'issueToConfirm').length;

/**
 * The triage queue: reports waiting on staff, with their response deadline, oldest first:
 * submitted and acknowledged ones, and reopened ones nobody is assigned to (a rejected
 * report staff reopened): no organisation will act on those until staff assign them.
 */
export function triageItems(issues: readonly AgendaIssueInput[]): AgendaItem[] {
  return issues
    .filter((issue) => issue.state === 'submitted' || issue.state === 'acknowledged' || (issue.state === 'reopened' && issue.organisationIds.length === 0))
    .map((issue) => ({
      kind: 'issue' as const,
      id: issue.id,
      title: issueTitle(issue),
      why: 'triage' as const,
      params: { state: issue.state, support: issue.supportCount },
      at: issue.respondBy,
      atKind: 'due' as const,
      overdueLevel: issue.overdueLevel,
      target: issueTarget(issue),
    }));
}

/** Open reports past a deadline (the overdue board: overdue level 1 or more), escalated first. */
export function overdueIssueItems(issues: readonly AgendaIssueInput[]): AgendaItem[] {
  return issues
    .filter((issue) => isOpen(issue) && issue.overdueLevel >= 1)
    .map((issue) => ({
      kind: 'issue' as const,
      id: issue.id,
      title: issueTitle(issue),
      why: 'overdueIssue' as const,
      params: { state: issue.state, level: issue.overdueLevel, organisation: issue.organisationNames.join('、') || null },
      at: issueDueOf(issue),
      atKind: 'due' as const,
      overdueLevel: issue.overdueLevel,
      target: issueTarget(issue),
    }));
}

/** Open reports assigned to one of these organisations (the 'assignments' board), by deadline. */
export function assignmentItems(issues: readonly AgendaIssueInput[], organisationIds: readonly string[]): AgendaItem[] {
  return issues
    .filter((issue) => isOpen(issue) && issue.organisationIds.some((id) => organisationIds.includes(id)))
    .map((issue) => ({
      kind: 'issue' as const,
      id: issue.id,
      title: issueTitle(issue),
      why: 'assignment' as const,
      params: { state: issue.state, organisation: issue.organisationNames.filter((_, i) => organisationIds.includes(issue.organisationIds[i]!)).join('、') || null },
      at: issueDueOf(issue),
      atKind: 'due' as const,
      overdueLevel: issue.overdueLevel,
      target: issueTarget(issue),
    }));
}

/** Whether the staff side of the counts applies (the "issues" entry counts the triage queue for staff). */
export const countsAsStaff = (actor: Actor): boolean => isStaff(actor.role);
