/**
 * "What needs me" (待我处理): a member's agenda in one community, per role, and the
 * counts the navigation shows. Every item names the page it opens (`target`).
 */
import type { IssueState } from '../issues/types.js';
import type { IndexComponentKey } from '../index/types.js';

/** The hats a member may wear at once: everyone is a resident; workers moderate; staff of organisations; supervisors. */
export const agendaRoles = ['resident', 'worker', 'organisation', 'supervisor'] as const;
export type AgendaRole = (typeof agendaRoles)[number];

/** The sections, in the order the home page shows them, each with the role it belongs to. */
export const agendaSectionRoles = {
  // A resident's own things.
  myReports: 'resident',
  pollsToVote: 'resident',
  mentions: 'resident',
  myDecisions: 'resident',
  myActivities: 'resident',
  surveysToAnswer: 'resident',
  // Community workers (moderators, admins).
  triage: 'worker',
  joinRequests: 'worker',
  reportedMessages: 'worker',
  proposals: 'worker',
  // Overdue work (escalated first): workers, and supervisors too.
  overdue: 'worker',
  // Organisation staff (and members owning action items).
  assignments: 'organisation',
  actionItems: 'organisation',
  // Supervisors: the deliberation index, oversight.
  index: 'supervisor',
} as const satisfies Record<string, AgendaRole>;
export type AgendaSectionKey = keyof typeof agendaSectionRoles;
export const agendaSectionKeys = Object.keys(agendaSectionRoles) as AgendaSectionKey[];

export const agendaItemKinds = ['issue', 'poll', 'decision', 'actionItem', 'event', 'quiz', 'survey', 'mention', 'joinRequest', 'proposal', 'messageReport', 'index', 'oversight'] as const;
export type AgendaItemKind = (typeof agendaItemKinds)[number];

/** What the time of an item is. */
export const agendaTimeKinds = ['due', 'closes', 'starts', 'changed', 'since'] as const;
export type AgendaTimeKind = (typeof agendaTimeKinds)[number];

/**
 * The page an item opens. The client turns it into a Route:
 *   issue → /c/:id/issues/:issueId; item → /c/:id/:view/:itemId; message → /c/:id/channels/:channelId?message=;
 *   moderation → /c/:id/manage; oversight → /oversight[/:regionId].
 */
export type AgendaTarget =
  | { page: 'issue'; issueId: string }
  | { page: 'item'; view: 'polls' | 'decisions' | 'deliberations' | 'activities' | 'surveys' | 'index'; itemId: string | null }
  | { page: 'message'; channelId: string; messageId: string }
  | { page: 'moderation' }
  | { page: 'oversight'; regionId: string | null };

/**
 * Why an item is here (the short line under its title), as a code the client words
 * in zh-CN / en with `params`.
 */
export const agendaWhys = [
  'issueChanged', // unseen change on my report: params.excerpt, params.actor, params.state
  'issueState', // my open report, nothing new: params.state
  'issueToConfirm', // resolved: the reporter confirms and rates
  'pollOpen', // may vote, has not
  'decisionProgress', // params.percent, params.done, params.total, params.unseen (0/1)
  'eventSignedUp', // params.status confirmed|waiting, params.checkedIn (0/1)
  'quizOpen',
  'surveyOpen',
  'mention', // params.actor, params.excerpt
  'reply',
  'triage', // params.state, params.support
  'joinRequest', // params.message
  'messageReport', // params.reason, params.author
  'proposal', // params.support, params.threshold
  'overdueIssue', // params.level, params.state
  'overdueItem', // params.level, params.decision, params.owner
  'assignment', // params.state, params.organisation
  'actionItem', // params.percent, params.decision
  'index', // params.month, params.total, params.rank, params.ranked, params.weakest
  'oversight', // params.regions
] as const;
export type AgendaWhy = (typeof agendaWhys)[number];

export interface AgendaItem {
  kind: AgendaItemKind;
  id: string;
  title: string;
  why: AgendaWhy;
  params: Record<string, string | number | null>;
  /** The deadline, closing time, start or last change (ISO), or null. */
  at: string | null;
  atKind: AgendaTimeKind | null;
  /** Past its deadline (overdue level >= 1) or escalated (2). */
  overdueLevel: number;
  target: AgendaTarget;
}

export interface AgendaSection {
  key: AgendaSectionKey;
  role: AgendaRole;
  /** The first items (the page links to the full list); `total` counts them all. */
  items: AgendaItem[];
  total: number;
}

/** The navigation entries that carry a count (a subset of the client's NavEntry). */
export const agendaCountKeys = ['chat', 'issues', 'polls', 'decisions', 'surveys', 'activities', 'triage', 'overdue', 'assignments', 'moderation'] as const;
export type AgendaCountKey = (typeof agendaCountKeys)[number];
export type AgendaCounts = Partial<Record<AgendaCountKey, number>>;

export interface Agenda {
  communityId: string;
  roles: AgendaRole[];
  /** Non-empty sections only, in display order. */
  sections: AgendaSection[];
  counts: AgendaCounts;
  generatedAt: string;
}

/** What the issue-shaped parts of the agenda read of a report. */
export interface AgendaIssueInput {
  id: string;
  number: number;
  title: string;
  state: IssueState;
  reporterId: string | null;
  organisationIds: string[];
  organisationNames: string[];
  respondBy: string;
  resolveBy: string | null;
  overdueLevel: number;
  supportCount: number;
  createdAt: string;
  updatedAt: string;
}

export type { IndexComponentKey };
