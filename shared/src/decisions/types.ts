/** Decisions (决议) and their follow-through: action items with owners, milestones and progress. */
import type { IssuePhoto, IssueRating } from '../issues/types.js';
import type { PollResult } from '../polls/counting.js';

/** in_progress while any item that is not abandoned still runs; done when every such item is done. */
export const decisionStates = ['in_progress', 'done'] as const;
export type DecisionState = (typeof decisionStates)[number];

/** An action item's life: planned, in progress (a first progress entry), done (100 %), or abandoned (with a reason). */
export const actionItemStates = ['planned', 'in_progress', 'done', 'abandoned'] as const;
export type ActionItemState = (typeof actionItemStates)[number];
/** States in which an item still runs (its due date counts, the sweeper watches it). */
export const runningItemStates: readonly ActionItemState[] = ['planned', 'in_progress'];

/** How a decision was recorded: confirming a closed poll's outcome, or directly by a moderator. */
export const decisionOrigins = ['poll', 'direct'] as const;
export type DecisionOrigin = (typeof decisionOrigins)[number];

/** The five-level scale as numbers for the average: 非常满意 5 … 非常不满意 1. */
export const ratingScore: Record<IssueRating, number> = {
  very_satisfied: 5,
  satisfied: 4,
  basically_satisfied: 3,
  dissatisfied: 2,
  very_dissatisfied: 1,
};

export interface DecisionIssueRef {
  issueId: string;
  number: number;
  title: string;
}

export interface DecisionDeliberationRef {
  deliberationId: string;
  number: number;
  title: string;
}

export interface DecisionPollRef {
  pollId: string;
  title: string;
  /** The poll's short summary when it closed ("通过（赞成 62%）"). */
  outcome: string;
}

/** Who carries an action item out: an organisation of the community (its staff) or one member. */
export type ActionItemOwner = { type: 'organisation'; id: string; name: string } | { type: 'member'; id: string; name: string };

export interface Decision {
  id: string;
  communityId: string;
  /** 1, 2, 3... per community ("决议 #3"). */
  number: number;
  title: string;
  /** Why: the moderator's words (required when recorded directly). */
  rationale: string;
  origin: DecisionOrigin;
  /** The poll's outcome as it stood at close, copied in when recorded from a poll; '' otherwise. */
  outcome: string;
  /** The poll's frozen result (counting.ts), copied in when recorded from a poll. */
  pollResult: PollResult | null;
  issues: DecisionIssueRef[];
  deliberation: DecisionDeliberationRef | null;
  poll: DecisionPollRef | null;
  recordedById: string;
  recordedByName: string;
  state: DecisionState;
  /** 0–100: see {@link decisionProgress}. */
  progress: number;
  /** Items that are not abandoned, and how many of them are done. */
  itemCount: number;
  doneCount: number;
  /** Owners of the items that are not abandoned (names, each once). */
  owners: string[];
  /** The latest due date of the items that are not abandoned; null without items. */
  dueAt: string | null;
  /** Some running item is past its due date. */
  overdue: boolean;
  /** Average of the participants' ratings (1–5), null before the first. */
  ratingAverage: number | null;
  ratingCount: number;
  doneAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every change of the decision or its items' summary. */
  version: number;
}

export interface Milestone {
  id: string;
  title: string;
  dueAt: string;
  /** Ticked done (by an owner or a moderator); null while open. */
  doneAt: string | null;
}

export interface ActionItem {
  id: string;
  decisionId: string;
  communityId: string;
  title: string;
  owner: ActionItemOwner;
  dueAt: string;
  milestones: Milestone[];
  state: ActionItemState;
  /** Why it was abandoned; null otherwise. */
  abandonReason: string | null;
  /** The latest progress entry's percentage (100 when done). */
  progress: number;
  /** 0 on time; 1 past due (owner and supervisors told); 2 escalated to the admins. */
  overdueLevel: number;
  /** A version check on every edit: an edit naming an older version gets CONFLICT. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One progress report on an item, by an owner or a moderator. */
export interface ProgressEntry {
  id: string;
  itemId: string;
  decisionId: string;
  authorName: string;
  /** The organisation the author spoke for, if any. */
  organisationName: string | null;
  text: string;
  percent: number;
  photos: IssuePhoto[];
  at: string;
}

/** An overdue action item with what the overdue board needs of its decision. */
export interface OverdueActionItem extends ActionItem {
  decisionNumber: number;
  decisionTitle: string;
}

/**
 * The decision's overall progress: the mean of its items' progress, abandoned items left
 * out and done items counted as 100; 0 without items. Rounded to a whole percent.
 */
export function decisionProgress(items: readonly Pick<ActionItem, 'state' | 'progress'>[]): number {
  const counted = items.filter((item) => item.state !== 'abandoned');
  if (counted.length === 0) return 0;
  const sum = counted.reduce((total, item) => total + (item.state === 'done' ? 100 : item.progress), 0);
  return Math.round(sum / counted.length);
}

/** Done when it has at least one item that is not abandoned and every such item is done. */
export function decisionStateOf(items: readonly Pick<ActionItem, 'state'>[]): DecisionState {
  const counted = items.filter((item) => item.state !== 'abandoned');
  return counted.length > 0 && counted.every((item) => item.state === 'done') ? 'done' : 'in_progress';
}

/** The state a progress entry of this percentage leaves a running item in. */
export const itemStateAfterProgress = (current: ActionItemState, percent: number): ActionItemState =>
  percent >= 100 ? 'done' : percent > 0 || current === 'in_progress' || current === 'done' ? 'in_progress' : 'planned';
