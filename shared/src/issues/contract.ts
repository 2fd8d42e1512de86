/**
 * Problem reports (`issue:*`): filing, the lifecycle (see lifecycle.ts),
 * supervision and the figures. Message abuse reports are `report:*` (moderation).
 */
import { z } from 'zod';
import { clientId, id, line, text } from '../fields.js';
import { voiceField } from '../voice/types.js';
import { defineContract, type Rule } from '../contract.js';
import { isMember, isStaff } from '../actor.js';
import { issueStates, issueRatings, type Issue, type IssueCategory, type IssueTimelineEntry } from './types.js';
import type { IssueFigures } from './figures.js';

export const ISSUE_LIMITS = {
  title: { min: 2, max: 80 },
  description: { max: 2000 },
  photos: 6,
  /** Bytes of one uploaded photo. */
  photoBytes: 5 * 1024 * 1024,
  reason: { max: 500 },
  comment: { max: 2000 },
  categoryName: { min: 1, max: 30 },
  /** Organisations one issue may be assigned to. */
  assignees: 5,
  page: 50,
  similar: 5,
} as const;

const reason = text(ISSUE_LIMITS.reason.max).pipe(z.string().min(1, 'must give a reason'));
const optionalReason = text(ISSUE_LIMITS.reason.max).default('');

export const issueLocation = z.strictObject({
  building: line(0, 20).default(''),
  unit: line(0, 20).default(''),
  text: line(0, 120).default(''),
  lat: z.number().min(-90).max(90).nullable().default(null),
  lng: z.number().min(-180).max(180).nullable().default(null),
});

const fileFields = {
  communityId: id,
  title: line(ISSUE_LIMITS.title.min, ISSUE_LIMITS.title.max),
  description: text(ISSUE_LIMITS.description.max).default(''),
  categoryId: id,
  location: issueLocation.default({ building: '', unit: '', text: '', lat: null, lng: null }),
  /** Uploaded before filing (POST /api/issues/photos), by the caller. */
  photoIds: z.array(id).max(ISSUE_LIMITS.photos).default([]),
  /** A spoken description: a recording uploaded before (POST /api/voice) by the caller and not used yet. */
  voice: voiceField.optional(),
  /** Whether other residents see the reporter's name (staff always do). */
  showName: z.boolean().default(true),
};

/** A version check on every change: a command naming an older version gets CONFLICT with the current issue. */
const act = { issueId: id, version: z.int().min(0) };

export const issue = {
  categories: z.strictObject({ communityId: id, includeArchived: z.boolean().default(false) }),
  saveCategory: z.strictObject({
    communityId: id,
    /** Omitted: a new category. */
    categoryId: id.optional(),
    name: line(ISSUE_LIMITS.categoryName.min, ISSUE_LIMITS.categoryName.max),
    defaultOrganisationId: id.nullable().default(null),
    responseHours: z.int().min(1).max(24 * 14),
    resolutionDays: z.int().min(1).max(365),
    archived: z.boolean().default(false),
  }),
  file: z.strictObject({
    ...fileFields,
    /** Makes a retried filing (a lost answer, a double tap) return the issue already filed. */
    clientId: clientId.optional(),
    /** "Turn into an issue": the chat message it comes from; its author is the reporter. */
    sourceMessageId: id.optional(),
    /** Staff filing for a resident (phone call, visit): the member, or a name when they have no account. */
    onBehalfOf: z.union([z.strictObject({ userId: id }), z.strictObject({ name: line(1, 40) })]).optional(),
  }),
  similar: z.strictObject({
    communityId: id,
    categoryId: id.optional(),
    title: text(ISSUE_LIMITS.title.max).default(''),
    description: text(ISSUE_LIMITS.description.max).default(''),
  }),
  list: z.strictObject({
    communityId: id,
    /** 'open' and 'closed' group the states; a state name picks one. */
    status: z.union([z.enum(['open', 'closed', 'all']), z.enum(issueStates)]).default('open'),
    categoryId: id.optional(),
    organisationId: id.optional(),
    mine: z.boolean().default(false),
    supported: z.boolean().default(false),
    overdue: z.boolean().default(false),
    /** Issues filed before this number (the next page). */
    beforeNumber: z.int().min(1).optional(),
    sort: z.enum(['newest', 'support', 'deadline']).default('newest'),
    limit: z.int().min(1).max(200).default(ISSUE_LIMITS.page),
  }),
  get: z.strictObject({ issueId: id }),
  support: z.strictObject({ issueId: id, on: z.boolean() }),
  follow: z.strictObject({ issueId: id, on: z.boolean() }),
  act: z.discriminatedUnion('action', [
    z.strictObject({ ...act, action: z.literal('acknowledge') }),
    z.strictObject({
      ...act,
      action: z.enum(['assign', 'reassign']),
      organisationIds: z.array(id).min(1).max(ISSUE_LIMITS.assignees),
      leadOrganisationId: id,
      /** Default: the category's resolution days from now. */
      resolveBy: z.iso.datetime().optional(),
      reason: optionalReason,
    }),
    z.strictObject({ ...act, action: z.literal('start'), reason: optionalReason }),
    z.strictObject({ ...act, action: z.enum(['return', 'reject', 'reopen', 'urge']), reason }),
    /** The note says what was done; photos (uploaded first, like a filing's) may show it. */
    z.strictObject({ ...act, action: z.literal('resolve'), reason, photoIds: z.array(id).max(ISSUE_LIMITS.photos).default([]) }),
    z.strictObject({ ...act, action: z.literal('extend'), resolveBy: z.iso.datetime(), reason }),
    z.strictObject({ ...act, action: z.literal('merge'), intoIssueId: id, reason: optionalReason }),
    z.strictObject({ ...act, action: z.literal('confirm'), rating: z.enum(issueRatings), comment: text(ISSUE_LIMITS.comment.max).default('') }),
  ]),
  comment: z.strictObject({
    issueId: id,
    body: text(ISSUE_LIMITS.comment.max).pipe(z.string().min(1, 'must not be empty')),
    /** An internal note: staff and assignees only, never sent to residents. */
    internal: z.boolean().default(false),
  }),
  figures: z.strictObject({
    communityId: id,
    from: z.iso.datetime(),
    to: z.iso.datetime(),
  }),
};

export interface IssueResults {
  'issue:categories': IssueCategory[];
  'issue:saveCategory': IssueCategory;
  'issue:file': Issue;
  'issue:similar': Issue[];
  /** supported / following: which of the items the caller supports or follows. */
  'issue:list': { items: Issue[]; hasMore: boolean; supported: string[]; following: string[] };
  'issue:get': { issue: Issue; timeline: IssueTimelineEntry[]; supported: boolean; following: boolean };
  'issue:support': { issue: Issue; supported: boolean };
  'issue:follow': { issue: Issue; following: boolean };
  'issue:act': Issue;
  'issue:comment': IssueTimelineEntry;
  'issue:figures': IssueFigures;
}

export interface IssueNotifications {
  /** Filed or changed; each recipient gets their own view (reporter shown to staff only, unless shown to all). */
  'issue:saved': (p: Issue) => void;
  /** A new timeline entry; internal notes reach staff and assignees only. */
  'issue:timeline': (p: IssueTimelineEntry & { communityId: string }) => void;
  'issue:categorySaved': (p: IssueCategory) => void;
}

export const issueRules = {
  'issue.view': (a) => isMember(a),
  'issue.file': (a) => isMember(a),
  /** Filing for someone else (a phone call, a visit, their chat message). */
  'issue.fileFor': (a) => isStaff(a.role),
  'issue.support': (a) => isMember(a),
  'issue.manageCategories': (a) => isStaff(a.role),
  /** Internal notes: staff and the assigned organisations' staff. */
  'issue.readInternal': (a, r) => isStaff(a.role) || r.assignedOrganisationIds.some((org) => a.organisationIds.includes(org)),
  /** The reporter's name when they chose not to show it. */
  'issue.seeReporter': (a, r) => isStaff(a.role) || (r.reporterId !== null && r.reporterId === a.userId),
  'issue.figures': (a) => isStaff(a.role),
  'issue.export': (a) => isStaff(a.role),
} satisfies {
  'issue.view': Rule;
  'issue.file': Rule;
  'issue.fileFor': Rule;
  'issue.support': Rule;
  'issue.manageCategories': Rule;
  'issue.readInternal': Rule<{ assignedOrganisationIds: readonly string[] }>;
  'issue.seeReporter': Rule<{ reporterId: string | null }>;
  'issue.figures': Rule;
  'issue.export': Rule;
};

export const issuesContract = defineContract<IssueResults, IssueNotifications>()({
  commands: {
    'issue:categories': issue.categories,
    'issue:saveCategory': issue.saveCategory,
    'issue:file': issue.file,
    'issue:similar': issue.similar,
    'issue:list': issue.list,
    'issue:get': issue.get,
    'issue:support': issue.support,
    'issue:follow': issue.follow,
    'issue:act': issue.act,
    'issue:comment': issue.comment,
    'issue:figures': issue.figures,
  },
  rules: issueRules,
});
