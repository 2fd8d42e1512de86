import {
  ISSUE_LIMITS,
  can,
  closedIssueStates,
  computeIssueFigures,
  issueSimilarity,
  openIssueStates,
  type EventPayload,
  type Issue,
  type IssueCategory,
  type IssueFigures,
  type IssuePhoto,
  type IssueTimelineEntry,
} from '@linli/shared';
import { AppError, conflict, forbidden, isDuplicateKey, notFound } from '../lib/errors.js';
import type { Types } from 'mongoose';
import { derivedId, op } from '../lib/db.js';
import type { Caller } from '../context/caller.js';
import { authorize, requireAccess } from '../context/access.js';
import type { MessageService } from '../messages/message.service.js';
import type { IssueCategoryDoc, IssueDoc, IssueEventDoc } from './issue.model.js';
import { figureInputOf, presentCategory, presentEvent } from './presenters.js';
import { defaultIssueCategories } from './categories.js';
import type { IssueStore, IssueStoreDeps } from './issue-store.js';

/** What the issues capability needs of voice recordings (server/src/voice): a filing's spoken description. */
export interface IssueVoice {
  attachToIssue(clipId: string, at: { uploaderId: string; communityId: string; issueId: string }): Promise<{ id: string; durationMs: number }>;
}

/** What the issues capability needs of the photos it shows. */
export interface IssuePhotos {
  attach(photoIds: string[], issue: { id: string; communityId: string }, uploaderId: string): Promise<IssuePhoto[]>;
  /** Undoes an attach whose issue change did not happen (the photos become the uploader's drafts again). */
  release(photoIds: string[], uploaderId: string): Promise<void>;
}

const HOUR = 3_600_000;

/** Filing, finding, supporting, following and discussing problem reports; the figures. */
export function createIssueService(deps: IssueStoreDeps & { store: IssueStore; messages: MessageService; photos: IssuePhotos; voice?: IssueVoice }) {
  const { models, store } = deps;

  async function category(communityId: string, categoryId: string): Promise<IssueCategoryDoc> {
    const found = (await models.IssueCategory.findOne({ _id: categoryId, communityId }).lean()) as IssueCategoryDoc | null;
    if (!found || found.archived) throw new AppError('VALIDATION_FAILED', 'No such category', { issues: [{ path: 'categoryId', message: 'is not a category of this community' }] });
    return found;
  }

  /** The next issue number of a community: one atomic $inc on its counter. */
  async function nextNumber(communityId: string): Promise<number> {
    const counter = await models.IssueCounter.findOneAndUpdate({ _id: communityId }, { $inc: { seq: 1 } }, { upsert: true, new: true }).lean();
    return counter!.seq;
  }

  const { supports, follows } = store;

  /** Stores a new submitted issue: the next number, the category's response deadline. */
  async function createIssue(
    chosen: IssueCategoryDoc,
    fields: {
      _id?: Types.ObjectId;
      communityId: string;
      title: string;
      description: string;
      location: Issue['location'];
      reporterId: string | null;
      reporterName: string;
      showName: boolean;
      filedById: string | null;
      filedByName: string | null;
      sourceMessageId: string | null;
      sourceChannelId: string | null;
    },
  ): Promise<IssueDoc> {
    const now = deps.clock();
    const doc = await models.Issue.create({
      ...fields,
      number: await nextNumber(fields.communityId),
      categoryId: chosen._id,
      categoryName: chosen.name,
      photos: [],
      state: 'submitted',
      respondBy: new Date(now.getTime() + chosen.responseHours * HOUR),
      createdAt: now,
      updatedAt: now,
    });
    return doc.toObject() as IssueDoc;
  }

  async function timelineFor(issue: IssueDoc, seesInternal: boolean): Promise<IssueTimelineEntry[]> {
    const filter = seesInternal ? { issueId: issue._id } : { issueId: issue._id, internal: false };
    const events = (await models.IssueEvent.find(filter).sort({ at: 1 }).lean()) as IssueEventDoc[];
    return events.map(presentEvent);
  }

  const seesInternal = (actor: Parameters<typeof can>[0], issue: IssueDoc) => can(actor, 'issue.readInternal', { assignedOrganisationIds: store.assignedIds(issue) });

  return {
    /** Gives a new community its default categories, each with the organisation of the usual kind when it has one. */
    async createDefaultCategories(communityId: string) {
      const organisations = await models.Organisation.find({ communityId }, { kind: 1 }).lean();
      await models.IssueCategory.insertMany(
        defaultIssueCategories.map((entry, position) => ({
          communityId,
          name: entry.name,
          defaultOrganisationId: organisations.find((organisation) => organisation.kind === entry.organisationKind)?._id ?? null,
          responseHours: entry.responseHours,
          resolutionDays: entry.resolutionDays,
          position,
          archived: false,
        })),
      );
    },

    async categories(caller: Caller, input: EventPayload<'issue:categories'>): Promise<IssueCategory[]> {
      const access = await requireAccess(deps, caller, input.communityId, 'issue.view');
      const all = input.includeArchived && can(access.actor, 'issue.manageCategories');
      const filter = all ? { communityId: input.communityId } : { communityId: input.communityId, archived: false };
      const found = (await models.IssueCategory.find(filter).sort({ position: 1, name: 1 }).lean()) as IssueCategoryDoc[];
      return found.map(presentCategory);
    },

    async saveCategory(caller: Caller, input: EventPayload<'issue:saveCategory'>): Promise<IssueCategory> {
      await requireAccess(deps, caller, input.communityId, 'issue.manageCategories');
      if (input.defaultOrganisationId && !(await models.Organisation.findOne({ _id: input.defaultOrganisationId, communityId: input.communityId }, { _id: 1 }).lean())) {
        throw notFound('Organisation');
      }
      const fields = {
        name: input.name,
        defaultOrganisationId: input.defaultOrganisationId,
        responseHours: input.responseHours,
        resolutionDays: input.resolutionDays,
        archived: input.archived,
      };
      let saved: IssueCategoryDoc | null;
      try {
        if (input.categoryId) {
          saved = (await models.IssueCategory.findOneAndUpdate({ _id: input.categoryId, communityId: input.communityId }, { $set: fields }, { new: true }).lean()) as IssueCategoryDoc | null;
          if (!saved) throw notFound('Category');
        } else {
          const count = await models.IssueCategory.countDocuments({ communityId: input.communityId });
          saved = (await models.IssueCategory.create({ ...fields, communityId: input.communityId, position: count })).toObject() as IssueCategoryDoc;
        }
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('A category with this name already exists');
        throw err;
      }
      const presented = presentCategory(saved);
      deps.notify.toCommunity(input.communityId, 'issue:categorySaved', presented);
      return presented;
    },

    async file(caller: Caller, input: EventPayload<'issue:file'>): Promise<Issue> {
      const access = await requireAccess(deps, caller, input.communityId, 'issue.file');
      const chosen = await category(input.communityId, input.categoryId);
      // Whom it is for: the caller, the author of a chat message, or a resident staff file for.
      let reporter: { userId: string | null; name: string } = { userId: caller.userId, name: caller.displayName };
      let source: { messageId: string; channelId: string } | null = null;
      if (input.sourceMessageId) {
        const message = await deps.messages.loadMessage(input.sourceMessageId);
        const { channel } = await deps.messages.channelFor(caller, message.channelId.toString());
        if (channel.communityId !== input.communityId) throw notFound('Message');
        if (message.state !== 'visible') throw conflict('That message was removed');
        source = { messageId: message._id.toString(), channelId: channel.id };
        reporter = { userId: message.authorId.toString(), name: message.authorName };
      }
      if (input.onBehalfOf) {
        if ('userId' in input.onBehalfOf) {
          const member = await deps.memberships.get(input.communityId, input.onBehalfOf.userId);
          if (!member) throw notFound('Member');
          reporter = { userId: input.onBehalfOf.userId, name: member.displayName };
        } else {
          reporter = { userId: null, name: input.onBehalfOf.name };
        }
      }
      const forSomeoneElse = reporter.userId !== caller.userId;
      if (forSomeoneElse) authorize(access, 'issue.fileFor');
      // A retry of a filing already stored answers with that issue (its _id derives from the caller and the client id).
      const issueId = input.clientId ? derivedId('issue', caller.userId, input.clientId) : undefined;
      const filedBefore = async () => (issueId ? ((await models.Issue.findOne({ _id: issueId }).lean()) as IssueDoc | null) : null);
      const earlier = await filedBefore();
      if (earlier) return store.viewFor(access.actor, earlier);

      let issue: IssueDoc;
      try {
        issue = await createIssue(chosen, {
          ...(issueId ? { _id: issueId } : {}),
          communityId: input.communityId,
          title: input.title,
          description: input.description,
          location: input.location,
          reporterId: reporter.userId,
          reporterName: reporter.name,
          showName: input.showName,
          filedById: forSomeoneElse ? caller.userId : null,
          filedByName: forSomeoneElse ? caller.displayName : null,
          sourceMessageId: source?.messageId ?? null,
          sourceChannelId: source?.channelId ?? null,
        });
      } catch (err) {
        // The same filing sent twice at once: the _id index lets one in; the other answers with it.
        const winner = isDuplicateKey(err) ? await filedBefore() : null;
        if (winner) return store.viewFor(access.actor, winner);
        throw err;
      }
      if (input.photoIds.length > 0) {
        try {
          const photos = await deps.photos.attach(input.photoIds, { id: issue._id.toString(), communityId: input.communityId }, caller.userId);
          issue = (await models.Issue.findOneAndUpdate({ _id: issue._id }, { $set: { photos } }, { new: true, timestamps: false }).lean()) as IssueDoc;
        } catch (err) {
          // Nothing half-filed: the issue goes if its photos cannot be attached (its number stays unused).
          await models.Issue.deleteOne({ _id: issue._id });
          throw err;
        }
      }
      if (input.voice) {
        try {
          if (!deps.voice) throw new AppError('VALIDATION_FAILED', 'Voice descriptions are not available', { issues: [{ path: 'voice', message: 'not available' }] });
          const clip = await deps.voice.attachToIssue(input.voice.id, { uploaderId: caller.userId, communityId: input.communityId, issueId: issue._id.toString() });
          issue = (await models.Issue.findOneAndUpdate({ _id: issue._id }, { $set: { voice: { clipId: clip.id, durationMs: clip.durationMs } } }, { new: true, timestamps: false }).lean()) as IssueDoc;
        } catch (err) {
          // As with photos: nothing half-filed (the photos attached above become the uploader's drafts again).
          if (input.photoIds.length > 0) await deps.photos.release(input.photoIds, caller.userId).catch(() => undefined);
          await models.Issue.deleteOne({ _id: issue._id });
          throw err;
        }
      }
      const text = forSomeoneElse ? `${caller.displayName} → ${reporter.name}` : '';
      const events = await store.record(issue, [{ kind: 'filed', to: 'submitted', actor: { userId: caller.userId, name: caller.displayName }, text }]);
      if (reporter.userId) await follows.add(issue, reporter.userId);
      store.push(issue, events);
      if (forSomeoneElse && reporter.userId) await store.tell(issue, { users: [reporter.userId] }, { userId: caller.userId, name: caller.displayName }, issue.title);
      return store.viewFor(access.actor, issue);
    },

    /**
     * Filing from outside Linli (an Open311 client): no caller and no member. The
     * reporter is a name only, shown to staff only (showName false); `filedByName`
     * says which channel brought it in. Same numbering, deadline, timeline and live
     * push as `file`; the caller has checked the API key and the input.
     */
    async fileExternal(input: { communityId: string; categoryId: string; title: string; description: string; location: Issue['location']; reporterName: string; filedByName: string }): Promise<IssueDoc> {
      const chosen = await category(input.communityId, input.categoryId);
      const issue = await createIssue(chosen, {
        communityId: input.communityId,
        title: input.title,
        description: input.description,
        location: input.location,
        reporterId: null,
        reporterName: input.reporterName,
        showName: false,
        filedById: null,
        filedByName: input.filedByName,
        sourceMessageId: null,
        sourceChannelId: null,
      });
      const events = await store.record(issue, [{ kind: 'filed', to: 'submitted', actor: { userId: null, name: input.filedByName }, text: '' }]);
      store.push(issue, events);
      return issue;
    },

    /** Open issues alike to a draft (same category or shared bigrams), best first. */
    async similar(caller: Caller, input: EventPayload<'issue:similar'>): Promise<Issue[]> {
      const access = await requireAccess(deps, caller, input.communityId, 'issue.view');
      const open = (await models.Issue.find({ communityId: input.communityId, state: op({ $in: openIssueStates }) }).lean()) as IssueDoc[];
      const draft = { title: input.title, description: input.description };
      return open
        .map((issue) => {
          const words = issueSimilarity(draft, issue);
          const sameCategory = input.categoryId !== undefined && issue.categoryId.toString() === input.categoryId;
          return { issue, score: words + (sameCategory ? 0.15 : 0) };
        })
        .filter(({ score }) => score >= 0.3)
        .sort((a, b) => b.score - a.score || b.issue.supportCount - a.issue.supportCount)
        .slice(0, ISSUE_LIMITS.similar)
        .map(({ issue }) => store.viewFor(access.actor, issue));
    },

    async list(caller: Caller, input: EventPayload<'issue:list'>) {
      const access = await requireAccess(deps, caller, input.communityId, 'issue.view');
      const filter: Record<string, unknown> = { communityId: input.communityId };
      if (input.status === 'open') filter.state = op({ $in: openIssueStates });
      else if (input.status === 'closed') filter.state = op({ $in: [...closedIssueStates, 'resolved'] });
      else if (input.status !== 'all') filter.state = input.status;
      if (input.categoryId) filter.categoryId = input.categoryId;
      if (input.organisationId) filter['assignments.organisationId'] = input.organisationId;
      if (input.mine) filter.reporterId = caller.userId;
      if (input.overdue) filter.overdueLevel = op({ $gte: 1 });
      if (input.beforeNumber) filter.number = op({ $lt: input.beforeNumber });
      const [supported, following] = await Promise.all([supports.idsOf(caller.userId, input.communityId), follows.idsOf(caller.userId, input.communityId)]);
      if (input.supported) filter._id = op({ $in: [...supported] });
      let found: IssueDoc[];
      if (input.sort === 'deadline') {
        // The deadline that runs now: resolution once assigned, response before (a null sorts first in the database).
        const due = (issue: IssueDoc) => (issue.resolveBy ?? issue.respondBy).getTime();
        found = ((await models.Issue.find(filter).lean()) as IssueDoc[]).sort((a, b) => due(a) - due(b) || a.number - b.number).slice(0, input.limit + 1);
      } else {
        const sort: Record<string, 1 | -1> = input.sort === 'support' ? { supportCount: -1, number: -1 } : { number: -1 };
        found = (await models.Issue.find(filter).sort(sort).limit(input.limit + 1).lean()) as IssueDoc[];
      }
      const items = found.slice(0, input.limit).map((issue) => store.viewFor(access.actor, issue));
      return {
        items,
        hasMore: found.length > input.limit,
        supported: items.filter((item) => supported.has(item.id)).map((item) => item.id),
        following: items.filter((item) => following.has(item.id)).map((item) => item.id),
      };
    },

    async get(caller: Caller, input: EventPayload<'issue:get'>) {
      const { issue, access } = await store.open(caller, input.issueId);
      const [timeline, supported, following] = await Promise.all([
        timelineFor(issue, seesInternal(access.actor, issue)),
        supports.has(input.issueId, caller.userId),
        follows.has(input.issueId, caller.userId),
      ]);
      return { issue: store.viewFor(access.actor, issue), timeline, supported, following };
    },

    /** "我也遇到了": one per member; the count ranks the triage queue. */
    async support(caller: Caller, input: EventPayload<'issue:support'>) {
      const { issue, access } = await store.open(caller, input.issueId);
      authorize(access, 'issue.support');
      if (input.on && closedIssueStates.includes(issue.state)) throw conflict('This issue is closed');
      const changed = input.on ? await supports.add(issue, caller.userId) : await supports.remove(input.issueId, caller.userId);
      let current = issue;
      if (changed) {
        const events = input.on ? [{ kind: 'support' as const, actor: { userId: caller.userId, name: caller.displayName } }] : [];
        // Not a versioned edit: a support counts whatever else changed meanwhile.
        current = await store.bump(issue, { supportCount: input.on ? 1 : -1 }, events);
      }
      return { issue: store.viewFor(access.actor, current), supported: input.on };
    },

    async follow(caller: Caller, input: EventPayload<'issue:follow'>) {
      const { issue, access } = await store.open(caller, input.issueId);
      if (input.on) await follows.add(issue, caller.userId);
      else await follows.remove(input.issueId, caller.userId);
      return { issue: store.viewFor(access.actor, issue), following: input.on };
    },

    /** A public reply, or an internal note for staff and assignees that residents never receive. */
    async comment(caller: Caller, input: EventPayload<'issue:comment'>): Promise<IssueTimelineEntry> {
      const { issue, access } = await store.open(caller, input.issueId);
      const staffOrAssignee = seesInternal(access.actor, issue);
      if (input.internal && !staffOrAssignee) throw forbidden('Internal notes are for staff and the assigned organisations');
      // Replies speak for the assignee organisation when the caller is its staff.
      const organisation = issue.assignments.find((assignment) => access.actor.organisationIds.includes(assignment.organisationId.toString()));
      const [event] = await store.record(issue, [
        {
          kind: input.internal ? 'note' : 'reply',
          actor: { userId: caller.userId, name: caller.displayName },
          organisationName: organisation?.organisationName ?? null,
          text: input.body,
          internal: input.internal,
        },
      ]);
      store.push(issue, [event!]);
      if (!input.internal) await store.tell(issue, { watchers: true }, { userId: caller.userId, name: caller.displayName }, input.body);
      return presentEvent(event!);
    },

    /** Figures for issues filed in a period, computed from the stored timelines. */
    async figures(caller: Caller, input: EventPayload<'issue:figures'>): Promise<IssueFigures> {
      await requireAccess(deps, caller, input.communityId, 'issue.figures');
      if (input.from >= input.to) throw new AppError('VALIDATION_FAILED', 'The period ends before it starts', { issues: [{ path: 'to', message: 'must be after from' }] });
      const issues = (await models.Issue.find({ communityId: input.communityId, createdAt: op({ $gte: new Date(input.from), $lt: new Date(input.to) }) }).lean()) as IssueDoc[];
      const events = issues.length
        ? ((await models.IssueEvent.find({ issueId: op({ $in: issues.map((issue) => issue._id) }) }).sort({ at: 1 }).lean()) as IssueEventDoc[])
        : [];
      const byIssue = new Map<string, IssueEventDoc[]>();
      for (const event of events) byIssue.set(event.issueId.toString(), [...(byIssue.get(event.issueId.toString()) ?? []), event]);
      const inputs = issues.map((issue) => figureInputOf(issue, byIssue.get(issue._id.toString()) ?? []));
      return computeIssueFigures(inputs, new Date(input.from).toISOString(), new Date(input.to).toISOString(), deps.clock().toISOString());
    },
  };
}

export type IssueService = ReturnType<typeof createIssueService>;
