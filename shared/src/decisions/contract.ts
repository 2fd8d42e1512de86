/**
 * Decisions (`decision:*`, 决议): recorded from a closed poll or directly by a
 * moderator, carried out through action items (owners, due dates, milestones,
 * progress with photos), watched by everyone who took part, rated when done.
 */
import { z } from 'zod';
import { clientId, id, line, requiredText, text } from '../fields.js';
import { defineContract, type Rule } from '../contract.js';
import { isMember, isStaff } from '../actor.js';
import { issueRatings, type IssueRating } from '../issues/types.js';
import { decisionStates, type ActionItem, type ActionItemOwner, type Decision, type DecisionState, type OverdueActionItem, type ProgressEntry } from './types.js';

export const DECISION_LIMITS = {
  title: { min: 2, max: 80 },
  rationale: { max: 2000 },
  /** Problem reports one decision may link. */
  issues: 10,
  itemTitle: { min: 2, max: 80 },
  milestones: 10,
  milestoneTitle: { min: 1, max: 60 },
  /** Items of one decision. */
  items: 20,
  progressText: { max: 1000 },
  reason: { max: 500 },
  comment: { max: 500 },
  /** Photos of one progress entry (the issue photo upload's limit). */
  photos: 6,
  page: 100,
} as const;

const owner = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('organisation'), organisationId: id }),
  z.strictObject({ type: z.literal('member'), userId: id }),
]);

const milestone = z.strictObject({
  /** An existing milestone keeps its id (and its tick); omitted: a new one. */
  id: id.optional(),
  title: line(DECISION_LIMITS.milestoneTitle.min, DECISION_LIMITS.milestoneTitle.max),
  dueAt: z.iso.datetime(),
});

export const decision = {
  list: z.strictObject({
    communityId: id,
    state: z.union([z.literal('all'), z.enum(decisionStates)]).default('all'),
    /** Back-links: only the decisions that link this problem report, topic or poll. */
    issueId: id.optional(),
    deliberationId: id.optional(),
    pollId: id.optional(),
    /** Decisions numbered below this one (the next page; numbers only grow, so new decisions never shift a page). */
    beforeNumber: z.int().min(1).optional(),
    limit: z.int().min(1).max(200).default(DECISION_LIMITS.page),
  }),
  get: z.strictObject({ decisionId: id }),
  record: z.strictObject({
    communityId: id,
    title: line(DECISION_LIMITS.title.min, DECISION_LIMITS.title.max),
    /** Required when recorded directly (no poll); may add to a poll's outcome. */
    rationale: text(DECISION_LIMITS.rationale.max).default(''),
    /** A closed poll of the community: its frozen outcome is copied in (the moderator confirms it). */
    pollId: id.optional(),
    /** Default: the poll's topic, if any. */
    deliberationId: id.optional(),
    /** Problem reports of the community (a poll's own are added). */
    issueIds: z.array(id).max(DECISION_LIMITS.issues).default([]),
    /** Makes a retried recording (a lost answer, a double tap) return the decision already stored. */
    clientId: clientId.optional(),
  }),
  /** Adds an item (no itemId) or edits one (itemId + the version it was loaded at). */
  saveItem: z.strictObject({
    decisionId: id,
    itemId: id.optional(),
    version: z.int().min(0).optional(),
    title: line(DECISION_LIMITS.itemTitle.min, DECISION_LIMITS.itemTitle.max),
    owner,
    dueAt: z.iso.datetime(),
    milestones: z.array(milestone).max(DECISION_LIMITS.milestones).default([]),
  }),
  abandonItem: z.strictObject({
    itemId: id,
    version: z.int().min(0),
    reason: requiredText(DECISION_LIMITS.reason.max),
  }),
  progress: z.strictObject({
    itemId: id,
    text: requiredText(DECISION_LIMITS.progressText.max),
    /** 100 marks the item done. */
    percent: z.int().min(0).max(100),
    /** Uploaded first (POST /api/issues/photos), by the caller. */
    photoIds: z.array(id).max(DECISION_LIMITS.photos).default([]),
  }),
  milestone: z.strictObject({ itemId: id, milestoneId: id, done: z.boolean() }),
  /** A participant confirms a done decision with the five-level rating (once). */
  rate: z.strictObject({ decisionId: id, rating: z.enum(issueRatings), comment: text(DECISION_LIMITS.comment.max).default('') }),
  /** Running action items past their due date (the overdue board). */
  overdue: z.strictObject({ communityId: id }),
};

export interface DecisionResults {
  'decision:list': { items: Decision[] };
  /**
   * participant: the caller reported a linked problem, took part in the topic or voted;
   * myRating: their rating once given.
   */
  'decision:get': { decision: Decision; items: ActionItem[]; progress: ProgressEntry[]; participant: boolean; myRating: IssueRating | null };
  'decision:record': Decision;
  'decision:saveItem': ActionItem;
  'decision:abandonItem': ActionItem;
  'decision:progress': { item: ActionItem; entry: ProgressEntry };
  'decision:milestone': ActionItem;
  'decision:rate': { decision: Decision; myRating: IssueRating };
  'decision:overdue': { items: OverdueActionItem[] };
}

export interface DecisionNotifications {
  /** Recorded, or its progress, state or rating changed: to the community. */
  'decision:saved': (p: Decision) => void;
  /** An action item added, edited, ticked, abandoned or escalated: to the community. */
  'decision:itemSaved': (p: ActionItem) => void;
  /** A progress entry posted (with the item as it now stands): to the community. */
  'decision:progress': (p: { communityId: string; decisionId: string; item: ActionItem; entry: ProgressEntry }) => void;
}

/** What decision.postProgress reads: who owns the item. */
export type ItemOwnerRef = Pick<ActionItemOwner, 'type' | 'id'>;

export const decisionRules = {
  'decision.view': (a) => isMember(a),
  /** Recording a decision (from a closed poll, or directly with a rationale). */
  'decision.record': (a) => isStaff(a.role),
  /** Adding, editing and abandoning action items. */
  'decision.manageItems': (a) => isStaff(a.role),
  /** Progress and milestones: staff of the owning organisation, the owning member, or community staff. */
  'decision.postProgress': (a, item) =>
    isMember(a) && (isStaff(a.role) || (item.type === 'organisation' ? a.organisationIds.includes(item.id) : item.id === a.userId)),
  /** Confirming and rating: someone who took part, once the decision is done. */
  'decision.rate': (a, r) => isMember(a) && r.participant && r.state === 'done',
} satisfies {
  'decision.view': Rule;
  'decision.record': Rule;
  'decision.manageItems': Rule;
  'decision.postProgress': Rule<ItemOwnerRef>;
  'decision.rate': Rule<{ participant: boolean; state: DecisionState }>;
};

export const decisionsContract = defineContract<DecisionResults, DecisionNotifications>()({
  commands: {
    'decision:list': decision.list,
    'decision:get': decision.get,
    'decision:record': decision.record,
    'decision:saveItem': decision.saveItem,
    'decision:abandonItem': decision.abandonItem,
    'decision:progress': decision.progress,
    'decision:milestone': decision.milestone,
    'decision:rate': decision.rate,
    'decision:overdue': decision.overdue,
  },
  rules: decisionRules,
});
