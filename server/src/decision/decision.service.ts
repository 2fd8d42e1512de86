import {
  DECISION_LIMITS,
  DELIBERATION_LIMITS,
  POLL_LIMITS,
  itemStateAfterProgress,
  ratingScore,
  runningItemStates,
  type ActionItem,
  type EventPayload,
  type EventResults,
  type IssueRating,
  type OverdueActionItem,
} from '@linli/shared';
import { AppError, conflict, isDuplicateKey, notFound } from '../lib/errors.js';
import { derivedId, objectId, op } from '../lib/db.js';
import type { Caller } from '../context/caller.js';
import { authorize, loadAccess, requireAccess, type Access } from '../context/access.js';
import type { AuditService } from '../audit/audit.service.js';
import type { PhotoService } from '../issues/photos/photo.service.js';
import { newId, type ActionItemDoc, type DecisionDoc, type ProgressEntryDoc } from './decision.model.js';
import { isRunning, presentDecision, presentEntry, presentItem, type DecisionStore, type DecisionStoreDeps } from './decision-store.js';
import type { DecisionNotices } from './notices.js';
import type { HookPublisher } from '../hooks/hook.service.js';
import { decisionProgressEvent } from '../hooks/events.js';

/** Named reports, plus a poll's and a topic's. */
const LINKED_ISSUES_MAX = DECISION_LIMITS.issues + POLL_LIMITS.issues + DELIBERATION_LIMITS.issues;

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, { issues: [{ path, message }] });

/**
 * Decisions (决议): recorded from a closed poll (the moderator confirms its frozen
 * outcome) or directly with a rationale, linked to the problem reports, topic and poll
 * they came from; action items with owners, milestones and progress; everyone who took
 * part told of each update; rated by them once done.
 */
export function createDecisionService(
  deps: DecisionStoreDeps & {
    store: DecisionStore;
    audit: AuditService;
    photos: Pick<PhotoService, 'attach' | 'release'>;
    /** The 决议公示 channel's notices (recorded, carried out). */
    notices: DecisionNotices;
    /** Group robots (server/src/hooks): progress reports are forwarded, never awaited. */
    hooks?: HookPublisher;
  },
) {
  const { models, store, audit } = deps;

  async function nextNumber(communityId: string): Promise<number> {
    const counter = await models.DecisionCounter.findOneAndUpdate({ _id: communityId }, { $inc: { seq: 1 } }, { upsert: true, new: true }).lean();
    return counter!.seq;
  }

  /** The linked problem reports, which must all be the community's. */
  async function issueRefs(communityId: string, issueIds: readonly string[]) {
    const wanted = [...new Set(issueIds)];
    if (wanted.length === 0) return [];
    // The named reports are bounded by the schema; with the poll's and the topic's (each bounded too) there are a few more.
    if (wanted.length > LINKED_ISSUES_MAX) throw invalid('issueIds', `at most ${LINKED_ISSUES_MAX} problem reports`);
    const found = await models.Issue.find({ _id: op({ $in: wanted }), communityId }, { number: 1, title: 1 }).lean();
    if (found.length !== wanted.length) throw invalid('issueIds', 'must be problem reports of this community');
    const byId = new Map(found.map((issue) => [issue._id.toString(), issue]));
    return wanted.map((issueId) => ({ issueId, number: byId.get(issueId)!.number, title: byId.get(issueId)!.title }));
  }

  /** The owner as stored: an organisation of the community, or an active member (with the name they go by). */
  async function resolveOwner(communityId: string, owner: EventPayload<'decision:saveItem'>['owner']) {
    if (owner.type === 'organisation') {
      const organisation = await models.Organisation.findOne({ _id: owner.organisationId, communityId }, { name: 1 }).lean();
      if (!organisation) throw invalid('owner.organisationId', 'must be an organisation of this community');
      return { type: 'organisation' as const, id: owner.organisationId, name: organisation.name };
    }
    const membership = await deps.memberships.get(communityId, owner.userId);
    if (!membership) throw invalid('owner.userId', 'must be a member of this community');
    return { type: 'member' as const, id: owner.userId, name: membership.displayName };
  }

  const ownerRef = (item: ActionItemDoc) => ({ type: item.owner.type, id: item.owner.id.toString() });

  /** After an item changed: the summary recomputed, everyone sees both live; done is announced to the participants once. */
  async function afterItemChange(item: ActionItemDoc, actor: { userId: string | null; name: string }) {
    store.pushItem(item);
    const { decision, becameDone } = await store.refresh(item.decisionId.toString());
    store.pushDecision(decision);
    if (becameDone) {
      await store.tell(decision, await store.participantsOf(decision), actor, `「${decision.title}」已全部落实，请确认并评价`);
      if (actor.userId) await deps.notices(decision, 'done', { userId: actor.userId, name: actor.name });
    }
    return decision;
  }

  async function openDecision(caller: Caller, decisionId: string): Promise<{ decision: DecisionDoc; access: Access }> {
    const decision = await store.load(decisionId);
    const access = await requireAccess(deps, caller, decision.communityId.toString(), 'decision.view');
    return { decision, access };
  }

  async function openItem(caller: Caller, itemId: string): Promise<{ item: ActionItemDoc; decision: DecisionDoc; access: Access }> {
    const item = await store.loadItem(itemId);
    const { decision, access } = await openDecision(caller, item.decisionId.toString());
    return { item, decision, access };
  }

  function milestonesFor(input: EventPayload<'decision:saveItem'>['milestones'], before: ActionItemDoc | null) {
    const kept = new Map((before?.milestones ?? []).map((milestone) => [milestone._id.toString(), milestone]));
    return input.map((milestone, i) => {
      if (milestone.id && !kept.has(milestone.id)) throw invalid(`milestones.${i}.id`, 'not a milestone of this item');
      const old = milestone.id ? kept.get(milestone.id) : undefined;
      return { _id: milestone.id ? objectId(milestone.id) : newId(), title: milestone.title, dueAt: new Date(milestone.dueAt), doneAt: old?.doneAt ?? null };
    });
  }

  return {
    async list(caller: Caller, input: EventPayload<'decision:list'>): Promise<EventResults['decision:list']> {
      await requireAccess(deps, caller, input.communityId, 'decision.view');
      const filter: Record<string, unknown> = { communityId: input.communityId };
      if (input.state !== 'all') filter.state = input.state;
      if (input.issueId) filter['issues.issueId'] = input.issueId;
      if (input.deliberationId) filter['deliberation.deliberationId'] = input.deliberationId;
      if (input.pollId) filter['poll.pollId'] = input.pollId;
      if (input.beforeNumber !== undefined) filter.number = op({ $lt: input.beforeNumber });
      // Numbers are given in recording order and never reused: newest first is a total order a cursor can follow.
      const rows = (await models.Decision.find(filter).sort({ number: -1 }).limit(input.limit).lean()) as DecisionDoc[];
      return { items: rows.map(presentDecision) };
    },

    async get(caller: Caller, input: EventPayload<'decision:get'>): Promise<EventResults['decision:get']> {
      const { decision } = await openDecision(caller, input.decisionId);
      const [items, entries, participants, rating] = await Promise.all([
        store.itemsOf(input.decisionId),
        models.ProgressEntry.find({ decisionId: input.decisionId }).sort({ at: 1, _id: 1 }).lean() as Promise<ProgressEntryDoc[]>,
        store.participantsOf(decision),
        models.DecisionRating.findOne({ decisionId: input.decisionId, userId: caller.userId }, { rating: 1 }).lean(),
      ]);
      return {
        decision: presentDecision(decision),
        items: items.map(presentItem),
        progress: entries.map(presentEntry),
        participant: participants.has(caller.userId),
        myRating: (rating?.rating as IssueRating | undefined) ?? null,
      };
    },

    /**
     * From a poll: it must be the community's and closed; its frozen result and outcome
     * are copied in, its topic and problem reports linked. Directly: a rationale is required.
     * A retried recording with the same clientId answers the decision already stored.
     */
    async record(caller: Caller, input: EventPayload<'decision:record'>) {
      const { communityId } = input;
      await requireAccess(deps, caller, communityId, 'decision.record');
      const _id = input.clientId ? derivedId('decision', caller.userId, input.clientId) : newId();
      if (input.clientId) {
        const existing = (await models.Decision.findOne({ _id }).lean()) as DecisionDoc | null;
        if (existing) return presentDecision(existing);
      }
      let poll = null;
      if (input.pollId) {
        if (!deps.sources.polls) throw invalid('pollId', 'polls are not available');
        poll = await deps.sources.polls.lookup(communityId, input.pollId);
        if (!poll) throw invalid('pollId', 'must be a poll of this community');
        if (poll.state !== 'closed') throw conflict('The poll is not closed yet: its outcome is not final');
      } else if (input.rationale.length === 0) {
        throw invalid('rationale', 'a decision recorded without a poll needs a rationale');
      }
      const deliberationId = input.deliberationId ?? poll?.deliberationId ?? null;
      let deliberation = null;
      let topicIssueIds: string[] = [];
      if (deliberationId) {
        const found = deps.sources.deliberations ? await deps.sources.deliberations.lookup(communityId, deliberationId) : null;
        if (!found) throw invalid('deliberationId', 'must be a deliberation topic of this community');
        deliberation = { deliberationId, number: found.number, title: found.title };
        topicIssueIds = found.issueIds;
      }
      // The reports it came from: those named, the poll's and the topic's (report -> topic -> poll -> decision links end to end).
      const issues = await issueRefs(communityId, [...input.issueIds, ...(poll?.issueIds ?? []), ...topicIssueIds]);
      const now = deps.clock();
      let doc: DecisionDoc;
      try {
        const created = await models.Decision.create({
          _id,
          communityId,
          number: await nextNumber(communityId),
          title: input.title,
          rationale: input.rationale,
          origin: poll ? 'poll' : 'direct',
          outcome: poll?.outcome ?? '',
          pollResult: poll?.result ?? null,
          issues,
          deliberation,
          poll: poll ? { pollId: poll.id, title: poll.title, outcome: poll.outcome } : null,
          recordedById: caller.userId,
          recordedByName: caller.displayName,
          createdAt: now,
          updatedAt: now,
        });
        doc = created.toObject() as DecisionDoc;
      } catch (err) {
        // The same clientId raced on another node: answer with the one stored (a number was spent; numbers may skip).
        if (input.clientId && isDuplicateKey(err)) {
          const existing = (await models.Decision.findOne({ _id }).lean()) as DecisionDoc | null;
          if (existing) return presentDecision(existing);
        }
        throw err;
      }
      await audit.record(communityId, caller, 'decision.record', { type: 'decision', id: doc._id.toString() }, { number: doc.number, title: doc.title, origin: doc.origin, ...(poll ? { poll: poll.title, outcome: poll.outcome } : {}) });
      store.pushDecision(doc);
      await store.tell(doc, await store.participantsOf(doc), { userId: caller.userId, name: caller.displayName }, `「${doc.title}」已记录${doc.outcome ? `：${doc.outcome}` : ''}`);
      await deps.notices(doc, 'recorded', { userId: caller.userId, name: caller.displayName });
      return presentDecision(doc);
    },

    /** Adds an item, or edits one at the version the moderator saw (a later due date starts its supervision over). */
    async saveItem(caller: Caller, input: EventPayload<'decision:saveItem'>): Promise<ActionItem> {
      const { decision, access } = await openDecision(caller, input.decisionId);
      authorize(access, 'decision.manageItems');
      const communityId = decision.communityId.toString();
      const owner = await resolveOwner(communityId, input.owner);
      const dueAt = new Date(input.dueAt);
      const now = deps.clock();
      let item: ActionItemDoc;
      if (!input.itemId) {
        if ((await models.ActionItem.countDocuments({ decisionId: decision._id })) >= DECISION_LIMITS.items) throw invalid('decisionId', `at most ${DECISION_LIMITS.items} action items`);
        const created = await models.ActionItem.create({
          decisionId: decision._id,
          communityId,
          title: input.title,
          owner,
          dueAt,
          milestones: milestonesFor(input.milestones, null),
          createdAt: now,
          updatedAt: now,
        });
        item = created.toObject() as ActionItemDoc;
        await audit.record(communityId, caller, 'decision.addItem', { type: 'actionItem', id: item._id.toString() }, { decision: decision.number, title: item.title, owner: owner.name, dueAt: input.dueAt });
      } else {
        const before = await store.loadItem(input.itemId);
        if (before.decisionId.toString() !== decision._id.toString()) throw notFound('ActionItem');
        if (input.version === undefined) throw invalid('version', 'editing an item names the version it was loaded at');
        if (before.state === 'abandoned') throw conflict('The item was abandoned');
        const set: Record<string, unknown> = { title: input.title, owner, dueAt, milestones: milestonesFor(input.milestones, before), updatedAt: now };
        if (dueAt.getTime() !== before.dueAt.getTime() && dueAt > now) set.overdueLevel = 0;
        const updated = (await models.ActionItem.findOneAndUpdate({ _id: before._id, version: input.version }, { $set: set, $inc: { version: 1 } }, { new: true, timestamps: false }).lean()) as ActionItemDoc | null;
        if (!updated) throw new AppError('CONFLICT', 'The item changed since you loaded it', { current: presentItem(await store.loadItem(input.itemId)) });
        item = updated;
        const changes: Record<string, string | number | boolean | null> = { decision: decision.number, title: item.title };
        if (before.title !== item.title) changes.titleFrom = before.title;
        if (before.owner.name !== owner.name) Object.assign(changes, { ownerFrom: before.owner.name, owner: owner.name });
        if (before.dueAt.getTime() !== dueAt.getTime()) Object.assign(changes, { dueFrom: before.dueAt.toISOString(), dueAt: input.dueAt });
        await audit.record(communityId, caller, 'decision.editItem', { type: 'actionItem', id: item._id.toString() }, changes);
      }
      await afterItemChange(item, { userId: caller.userId, name: caller.displayName });
      return presentItem(item);
    },

    async abandonItem(caller: Caller, input: EventPayload<'decision:abandonItem'>): Promise<ActionItem> {
      const { item: before, decision, access } = await openItem(caller, input.itemId);
      authorize(access, 'decision.manageItems');
      if (before.state === 'abandoned') throw conflict('The item was abandoned already');
      const now = deps.clock();
      const item = (await models.ActionItem.findOneAndUpdate(
        { _id: before._id, version: input.version, state: op({ $ne: 'abandoned' }) },
        { $set: { state: 'abandoned', abandonReason: input.reason, updatedAt: now }, $inc: { version: 1 } },
        { new: true, timestamps: false },
      ).lean()) as ActionItemDoc | null;
      if (!item) throw new AppError('CONFLICT', 'The item changed since you loaded it', { current: presentItem(await store.loadItem(input.itemId)) });
      await audit.record(decision.communityId.toString(), caller, 'decision.abandonItem', { type: 'actionItem', id: item._id.toString() }, { decision: decision.number, title: item.title, reason: input.reason });
      const actor = { userId: caller.userId, name: caller.displayName };
      const updated = await afterItemChange(item, actor);
      await store.tell(updated, await store.participantsOf(updated), actor, `「${item.title}」终止：${input.reason}`);
      return presentItem(item);
    },

    /**
     * An owner (staff of the owning organisation, the owning member) or a moderator reports
     * progress: text, a percentage (100: done) and photos uploaded first like a problem
     * report's (attached to this entry). Everyone who took part is told.
     */
    async progress(caller: Caller, input: EventPayload<'decision:progress'>) {
      const { item: before, decision, access } = await openItem(caller, input.itemId);
      authorize(access, 'decision.postProgress', ownerRef(before));
      if (before.state === 'abandoned') throw conflict('The item was abandoned');
      const communityId = decision.communityId.toString();
      const entryId = newId();
      const photos = await deps.photos.attach(input.photoIds, { id: entryId.toString(), communityId }, caller.userId);
      const now = deps.clock();
      const item = (await models.ActionItem.findOneAndUpdate(
        { _id: before._id, state: op({ $ne: 'abandoned' }) },
        { $set: { progress: input.percent, state: itemStateAfterProgress(before.state, input.percent), updatedAt: now }, $inc: { version: 1 } },
        { new: true, timestamps: false },
      ).lean()) as ActionItemDoc | null;
      if (!item) {
        await deps.photos.release(input.photoIds, caller.userId);
        throw conflict('The item was abandoned');
      }
      const speaksFor = before.owner.type === 'organisation' && access.actor.organisationIds.includes(before.owner.id.toString()) ? before.owner.name : null;
      const created = await models.ProgressEntry.create({
        _id: entryId,
        itemId: item._id,
        decisionId: decision._id,
        communityId,
        authorId: caller.userId,
        authorName: caller.displayName,
        organisationName: speaksFor,
        text: input.text,
        percent: input.percent,
        photos,
        at: now,
      });
      const entry = presentEntry(created.toObject() as ProgressEntryDoc);
      const presented = presentItem(item);
      deps.notify.toCommunity(communityId, 'decision:progress', { communityId, decisionId: decision._id.toString(), item: presented, entry });
      deps.hooks?.publish(communityId, decisionProgressEvent({ communityId, decisionId: decision._id.toString(), decisionNumber: decision.number, itemTitle: item.title, entryId: entry.id, percent: input.percent, text: input.text, by: speaksFor ?? caller.displayName }));
      const actor = { userId: caller.userId, name: speaksFor ? `${caller.displayName}（${speaksFor}）` : caller.displayName };
      const updated = await afterItemChange(item, actor);
      await store.tell(updated, await store.participantsOf(updated), actor, `「${item.title}」进度 ${input.percent}%：${input.text}`);
      return { item: presented, entry };
    },

    /** Ticks a milestone done (or not): owners and moderators, as progress. */
    async milestone(caller: Caller, input: EventPayload<'decision:milestone'>): Promise<ActionItem> {
      const { item: first, access } = await openItem(caller, input.itemId);
      authorize(access, 'decision.postProgress', ownerRef(first));
      let before = first;
      for (let attempt = 0; attempt < 5; attempt++) {
        if (before.state === 'abandoned') throw conflict('The item was abandoned');
        if (!before.milestones.some((milestone) => milestone._id.toString() === input.milestoneId)) throw notFound('Milestone');
        const now = deps.clock();
        const milestones = before.milestones.map((milestone) =>
          milestone._id.toString() === input.milestoneId ? { ...milestone, doneAt: input.done ? (milestone.doneAt ?? now) : null } : milestone,
        );
        // The whole list under the item's version (no positional updates): a tick racing an edit is redone on the new list.
        const item = (await models.ActionItem.findOneAndUpdate(
          { _id: before._id, version: before.version },
          { $set: { milestones, updatedAt: now }, $inc: { version: 1 } },
          { new: true, timestamps: false },
        ).lean()) as ActionItemDoc | null;
        if (item) {
          await afterItemChange(item, { userId: caller.userId, name: caller.displayName });
          return presentItem(item);
        }
        before = await store.loadItem(input.itemId);
      }
      throw conflict('The item is changing too often; try again');
    },

    /** A participant confirms a done decision with a rating, once: the unique index refuses a second, even racing. */
    async rate(caller: Caller, input: EventPayload<'decision:rate'>): Promise<EventResults['decision:rate']> {
      const decision = await store.load(input.decisionId);
      const access = await loadAccess(deps, caller, decision.communityId.toString());
      const participant = (await store.participantsOf(decision)).has(caller.userId);
      authorize(access, 'decision.rate', { participant, state: decision.state });
      try {
        await models.DecisionRating.create({ decisionId: decision._id, communityId: decision.communityId, userId: caller.userId, rating: input.rating, comment: input.comment, at: deps.clock() });
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('You rated this decision already');
        throw err;
      }
      const updated = (await models.Decision.findOneAndUpdate(
        { _id: decision._id },
        { $inc: { ratingSum: ratingScore[input.rating], ratingCount: 1, version: 1 } },
        { new: true, timestamps: false },
      ).lean()) as DecisionDoc | null;
      if (!updated) throw notFound('Decision');
      store.pushDecision(updated);
      return { decision: presentDecision(updated), myRating: input.rating };
    },

    /** Running action items past their due date, most overdue first. */
    async overdue(caller: Caller, input: EventPayload<'decision:overdue'>): Promise<EventResults['decision:overdue']> {
      await requireAccess(deps, caller, input.communityId, 'decision.view');
      const items = (await models.ActionItem.find({ communityId: input.communityId, state: op({ $in: [...runningItemStates] }), dueAt: op({ $lt: deps.clock() }) })
        .sort({ dueAt: 1, _id: 1 })
        .lean()) as ActionItemDoc[];
      if (items.length === 0) return { items: [] };
      const decisions = await models.Decision.find({ _id: op({ $in: [...new Set(items.map((item) => item.decisionId.toString()))] }) }, { number: 1, title: 1 }).lean();
      const byId = new Map(decisions.map((decision) => [decision._id.toString(), decision]));
      const out: OverdueActionItem[] = items.flatMap((item) => {
        const decision = byId.get(item.decisionId.toString());
        return decision && isRunning(item.state) ? [{ ...presentItem(item), decisionNumber: decision.number, decisionTitle: decision.title }] : [];
      });
      return { items: out };
    },
  };
}

export type DecisionService = ReturnType<typeof createDecisionService>;
