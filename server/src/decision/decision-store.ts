import {
  decisionProgress,
  decisionStateOf,
  runningItemStates,
  type ActionItem,
  type ActionItemState,
  type Decision,
  type DecisionState,
  type PollResult,
  type ProgressEntry,
} from '@linli/shared';
import { conflict, notFound } from '../lib/errors.js';
import { op } from '../lib/db.js';
import { iso } from '../lib/dates.js';
import type { AccessDeps } from '../context/access.js';
import type { Notifier } from '../realtime/notifier.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { Clock } from '../issues/issue-store.js';
import type { ActionItemDoc, DecisionDoc, ProgressEntryDoc } from './decision.model.js';

/** What a decision reads of a deliberation topic (interfaces.md: DeliberationRef). */
export interface DeliberationSourceRef {
  id: string;
  communityId: string;
  number: number;
  title: string;
  state: string;
  /** The problem reports the topic started from: a decision on the topic links them too. */
  issueIds: string[];
}

/** What a decision reads of a poll (interfaces.md: PollRef). */
export interface PollSourceRef {
  id: string;
  communityId: string;
  title: string;
  state: string;
  deliberationId: string | null;
  issueIds: string[];
  closedAt: Date | null;
  result: PollResult | null;
  outcome: string;
}

/**
 * The deliberation and poll services as decisions use them (their lookups and who took
 * part; never how anyone voted). Null while that capability is not built.
 */
export interface DecisionSources {
  deliberations: {
    lookup(communityId: string, deliberationId: string): Promise<DeliberationSourceRef | null>;
    participantIds(communityId: string, deliberationId: string): Promise<string[]>;
  } | null;
  polls: {
    lookup(communityId: string, pollId: string): Promise<PollSourceRef | null>;
    participantIds(communityId: string, pollId: string): Promise<string[]>;
  } | null;
}

export interface DecisionStoreDeps extends AccessDeps {
  notify: Notifier;
  notifications: NotificationService;
  clock: Clock;
  sources: DecisionSources;
}

export function presentDecision(doc: DecisionDoc): Decision {
  return {
    id: doc._id.toString(),
    communityId: doc.communityId.toString(),
    number: doc.number,
    title: doc.title,
    rationale: doc.rationale ?? '',
    origin: doc.origin,
    outcome: doc.outcome ?? '',
    pollResult: (doc.pollResult as PollResult | null) ?? null,
    issues: (doc.issues ?? []).map((ref) => ({ issueId: ref.issueId.toString(), number: ref.number, title: ref.title })),
    deliberation: doc.deliberation ? { deliberationId: doc.deliberation.deliberationId.toString(), number: doc.deliberation.number, title: doc.deliberation.title } : null,
    poll: doc.poll ? { pollId: doc.poll.pollId.toString(), title: doc.poll.title, outcome: doc.poll.outcome ?? '' } : null,
    recordedById: doc.recordedById.toString(),
    recordedByName: doc.recordedByName,
    state: doc.state,
    progress: doc.progress,
    itemCount: doc.itemCount,
    doneCount: doc.doneCount,
    owners: doc.owners ?? [],
    dueAt: iso(doc.dueAt),
    overdue: doc.overdue,
    ratingAverage: doc.ratingCount > 0 ? Math.round((doc.ratingSum / doc.ratingCount) * 10) / 10 : null,
    ratingCount: doc.ratingCount,
    doneAt: iso(doc.doneAt),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    version: doc.version,
  };
}

export function presentItem(doc: ActionItemDoc): ActionItem {
  const owner = { id: doc.owner.id.toString(), name: doc.owner.name };
  return {
    id: doc._id.toString(),
    decisionId: doc.decisionId.toString(),
    communityId: doc.communityId.toString(),
    title: doc.title,
    owner: doc.owner.type === 'organisation' ? { type: 'organisation', ...owner } : { type: 'member', ...owner },
    dueAt: doc.dueAt.toISOString(),
    milestones: (doc.milestones ?? []).map((milestone) => ({ id: milestone._id.toString(), title: milestone.title, dueAt: milestone.dueAt.toISOString(), doneAt: iso(milestone.doneAt) })),
    state: doc.state,
    abandonReason: doc.abandonReason ?? null,
    progress: doc.progress,
    overdueLevel: doc.overdueLevel,
    version: doc.version,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

export function presentEntry(doc: ProgressEntryDoc): ProgressEntry {
  return {
    id: doc._id.toString(),
    itemId: doc.itemId.toString(),
    decisionId: doc.decisionId.toString(),
    authorName: doc.authorName,
    organisationName: doc.organisationName ?? null,
    text: doc.text,
    percent: doc.percent,
    photos: (doc.photos ?? []).map((photo) => ({ id: photo.id.toString(), width: photo.width ?? 0, height: photo.height ?? 0 })),
    at: doc.at.toISOString(),
  };
}

export const isRunning = (state: ActionItemState): boolean => runningItemStates.includes(state);

/** The summary a decision keeps of its items (see decisionProgress and decisionStateOf in shared). */
export function summarise(items: readonly ActionItemDoc[], now: Date) {
  const counted = items.filter((item) => item.state !== 'abandoned');
  const dues = counted.map((item) => item.dueAt.getTime());
  return {
    state: decisionStateOf(items) as DecisionState,
    progress: decisionProgress(items),
    itemCount: counted.length,
    doneCount: counted.filter((item) => item.state === 'done').length,
    owners: [...new Set(counted.map((item) => item.owner.name))],
    dueAt: dues.length > 0 ? new Date(Math.max(...dues)) : null,
    overdue: counted.some((item) => isRunning(item.state) && item.dueAt < now),
  };
}

/**
 * What every decision command shares: loading, recomputing the summary from the
 * items, the live pushes, and telling everyone who took part.
 */
export function createDecisionStore(deps: DecisionStoreDeps) {
  const { models, notify } = deps;

  async function load(decisionId: string): Promise<DecisionDoc> {
    const doc = (await models.Decision.findOne({ _id: decisionId }).lean()) as DecisionDoc | null;
    if (!doc) throw notFound('Decision');
    return doc;
  }

  async function loadItem(itemId: string): Promise<ActionItemDoc> {
    const doc = (await models.ActionItem.findOne({ _id: itemId }).lean()) as ActionItemDoc | null;
    if (!doc) throw notFound('ActionItem');
    return doc;
  }

  async function itemsOf(decisionId: string): Promise<ActionItemDoc[]> {
    return (await models.ActionItem.find({ decisionId }).sort({ createdAt: 1, _id: 1 }).lean()) as ActionItemDoc[];
  }

  /**
   * Recomputes the decision's summary from its items under a version check: two owners
   * changing two items at once each re-read every item, and a write based on an older
   * read loses and is redone, so the last summary written counts both. becameDone is
   * true for the one write that moved it to done.
   */
  async function refresh(decisionId: string): Promise<{ decision: DecisionDoc; becameDone: boolean }> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const current = await load(decisionId);
      const now = deps.clock();
      const summary = summarise(await itemsOf(decisionId), now);
      const becameDone = current.state !== 'done' && summary.state === 'done';
      const doneAt = summary.state === 'done' ? (becameDone ? now : current.doneAt) : null;
      const updated = (await models.Decision.findOneAndUpdate(
        { _id: current._id, version: current.version },
        { $set: { ...summary, doneAt, updatedAt: now }, $inc: { version: 1 } },
        { new: true, timestamps: false },
      ).lean()) as DecisionDoc | null;
      if (updated) return { decision: updated, becameDone };
    }
    throw conflict('The decision is changing too often; try again');
  }

  /**
   * Everyone who took part: reporters and supporters of the linked problem reports,
   * the topic's participants, the poll's voters (never their choices).
   */
  async function participantsOf(decision: DecisionDoc): Promise<Set<string>> {
    const communityId = decision.communityId.toString();
    const users = new Set<string>();
    const issueIds = (decision.issues ?? []).map((ref) => ref.issueId);
    if (issueIds.length > 0) {
      const issues = await models.Issue.find({ _id: op({ $in: issueIds }), communityId }, { reporterId: 1 }).lean();
      for (const issue of issues) if (issue.reporterId) users.add(issue.reporterId.toString());
      const supports = await models.IssueSupport.find({ issueId: op({ $in: issueIds }) }, { userId: 1 }).lean();
      for (const support of supports) users.add(support.userId.toString());
    }
    if (decision.deliberation && deps.sources.deliberations) {
      for (const userId of await deps.sources.deliberations.participantIds(communityId, decision.deliberation.deliberationId.toString())) users.add(userId);
    }
    if (decision.poll && deps.sources.polls) {
      for (const userId of await deps.sources.polls.participantIds(communityId, decision.poll.pollId.toString())) users.add(userId);
    }
    return users;
  }

  /** The users an item's owner stands for: the organisation's staff, or the member. */
  async function ownerUsers(item: ActionItemDoc): Promise<string[]> {
    if (item.owner.type === 'member') return [item.owner.id.toString()];
    const organisation = await models.Organisation.findOne({ _id: item.owner.id }, { staff: 1 }).lean();
    return (organisation?.staff ?? []).map((staff) => staff.userId.toString());
  }

  /** In-app notifications (kind 'decision'), stored then pushed, to members only and never to whoever acted. */
  async function tell(decision: DecisionDoc, users: Iterable<string>, actor: { userId: string | null; name: string }, excerpt: string) {
    const communityId = decision.communityId.toString();
    const told = new Set(users);
    if (actor.userId) told.delete(actor.userId);
    for (const userId of told) {
      if (!(await deps.memberships.get(communityId, userId))) continue;
      await deps.notifications.create({ userId, communityId, kind: 'decision', subjectId: decision._id.toString(), actorName: actor.name, excerpt: `决议 #${decision.number} ${excerpt}` });
    }
  }

  /** Live to the community (the board is public to its members). */
  function pushDecision(decision: DecisionDoc) {
    notify.toCommunity(decision.communityId.toString(), 'decision:saved', presentDecision(decision));
  }

  function pushItem(item: ActionItemDoc) {
    notify.toCommunity(item.communityId.toString(), 'decision:itemSaved', presentItem(item));
  }

  return { load, loadItem, itemsOf, refresh, participantsOf, ownerUsers, tell, pushDecision, pushItem };
}

export type DecisionStore = ReturnType<typeof createDecisionStore>;
