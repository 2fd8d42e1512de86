import { can, type Actor, type Issue, type IssueState, type TimelineKind } from '@linli/shared';
import { AppError, isDuplicateKey, notFound } from '../lib/errors.js';
import { derivedId, op } from '../lib/db.js';
import type { Caller } from '../context/caller.js';
import { requireAccess, type Access, type AccessDeps } from '../context/access.js';
import type { Notifier } from '../realtime/notifier.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { IssueDoc, IssueEventDoc } from './issue.model.js';
import { presentEvent, presentIssue } from './presenters.js';

export type Clock = () => Date;

/** One timeline line to record with a change. */
export interface EventInput {
  kind: TimelineKind;
  action?: string | null;
  from?: IssueState | null;
  to?: IssueState | null;
  /** Null for the system (sweeper). */
  actor: { userId: string | null; name: string };
  organisationName?: string | null;
  text?: string;
  internal?: boolean;
  resolveBy?: Date | null;
  organisationIds?: readonly string[];
  photos?: readonly { id: string; width: number; height: number }[];
}

/** Who is told, in-app, about a change (besides the live push to everyone who sees the issue). */
export interface Audience {
  /** Reporter, supporters and followers. */
  watchers?: boolean;
  /** Staff of the assigned organisations. */
  assignees?: boolean;
  /** Users named outright (supervisors on escalation, a resident filed for). */
  users?: readonly string[];
}

export interface IssueStoreDeps extends AccessDeps {
  notify: Notifier;
  notifications: NotificationService;
  clock: Clock;
  /** Posts the notices of a change in the community's issues channel (see notices.ts). */
  notices?: (issue: IssueDoc, events: readonly IssueEventDoc[]) => Promise<void>;
}

/**
 * What every issue command shares: loading with access, the versioned write,
 * the timeline, and telling everyone concerned.
 */
export function createIssueStore(deps: IssueStoreDeps) {
  const { models, notify } = deps;

  async function load(issueId: string): Promise<IssueDoc> {
    const issue = (await models.Issue.findOne({ _id: issueId }).lean()) as IssueDoc | null;
    if (!issue) throw notFound('Issue');
    return issue;
  }

  /** The issue and the caller's standing in its community (members only). */
  async function open(caller: Caller, issueId: string): Promise<{ issue: IssueDoc; access: Access }> {
    const issue = await load(issueId);
    const access = await requireAccess(deps, caller, issue.communityId.toString(), 'issue.view');
    return { issue, access };
  }

  const assignedIds = (issue: IssueDoc) => issue.assignments.map((assignment) => assignment.organisationId.toString());
  const reporterOf = (issue: IssueDoc) => issue.reporterId?.toString() ?? null;

  /** The issue as this actor sees it. */
  const viewFor = (actor: Actor, issue: IssueDoc): Issue => presentIssue(issue, { seeReporter: can(actor, 'issue.seeReporter', { reporterId: reporterOf(issue) }) });

  async function record(issue: IssueDoc, events: readonly EventInput[]): Promise<IssueEventDoc[]> {
    if (events.length === 0) return [];
    const at = deps.clock();
    const docs = await models.IssueEvent.insertMany(
      events.map((event) => ({
        issueId: issue._id,
        communityId: issue.communityId,
        kind: event.kind,
        action: event.action ?? null,
        from: event.from ?? null,
        to: event.to ?? null,
        actorId: event.actor.userId,
        actorName: event.actor.name,
        organisationName: event.organisationName ?? null,
        text: event.text ?? '',
        internal: event.internal ?? false,
        resolveBy: event.resolveBy ?? null,
        organisationIds: event.organisationIds ?? [],
        photos: event.photos ?? [],
        at,
      })),
    );
    return docs.map((doc) => doc.toObject() as IssueEventDoc);
  }

  /** Everyone sees the change live (each their own view); internal lines reach staff and assignees only. */
  function push(issue: IssueDoc, events: readonly IssueEventDoc[]) {
    // The channel notice follows on its own; a failure there is logged, never the change's.
    if (deps.notices) void deps.notices(issue, events);
    const communityId = issue.communityId.toString();
    const full = presentIssue(issue, { seeReporter: true });
    const reporterId = reporterOf(issue);
    notify.toStaff(communityId, 'issue:saved', full);
    if (reporterId) notify.toUser(reporterId, 'issue:saved', full);
    notify.toResidents(communityId, reporterId ? [reporterId] : [], 'issue:saved', presentIssue(issue, { seeReporter: false }));
    for (const event of events) {
      const entry = { ...presentEvent(event), communityId };
      if (entry.internal) {
        notify.toStaff(communityId, 'issue:timeline', entry);
        notify.toOrganisations(assignedIds(issue), 'issue:timeline', entry);
      } else {
        notify.toCommunity(communityId, 'issue:timeline', entry);
      }
    }
  }

  /** In-app notifications (stored, then pushed) to those the change concerns, never to whoever made it. */
  async function tell(issue: IssueDoc, audience: Audience, actor: { userId: string | null; name: string }, excerpt: string) {
    const users = new Set<string>(audience.users ?? []);
    if (audience.watchers) {
      const reporterId = reporterOf(issue);
      if (reporterId) users.add(reporterId);
      for (const userId of await supports.usersOf(issue._id.toString())) users.add(userId);
      for (const userId of await follows.usersOf(issue._id.toString())) users.add(userId);
    }
    if (audience.assignees && issue.assignments.length > 0) {
      const organisations = await models.Organisation.find({ _id: op({ $in: issue.assignments.map((assignment) => assignment.organisationId) }) }, { staff: 1 }).lean();
      for (const organisation of organisations) for (const staff of organisation.staff) users.add(staff.userId.toString());
    }
    if (actor.userId) users.delete(actor.userId);
    const communityId = issue.communityId.toString();
    // Only members hear of it: someone who left the community is not told what happens there.
    for (const userId of users) {
      if (!(await deps.memberships.get(communityId, userId))) continue;
      await deps.notifications.create({ userId, communityId, kind: 'issue', issueId: issue._id.toString(), actorName: actor.name, excerpt: `#${issue.number} ${excerpt}` });
    }
  }

  /**
   * Applies a change if the issue is still at `version` (optimistic concurrency: of
   * two moderators acting at once, one wins and the other gets CONFLICT with the
   * issue as it now stands), then records the timeline and pushes it.
   */
  async function change(issue: IssueDoc, version: number, viewer: Actor, set: Record<string, unknown>, events: readonly EventInput[], extra: { inc?: Record<string, number> } = {}): Promise<{ issue: IssueDoc; events: IssueEventDoc[] }> {
    const updated = (await models.Issue.findOneAndUpdate(
      { _id: issue._id, version },
      { $set: { ...set, updatedAt: deps.clock() }, $inc: { ...(extra.inc ?? {}), version: 1 } },
      { new: true, timestamps: false },
    ).lean()) as IssueDoc | null;
    if (!updated) {
      const current = await load(issue._id.toString());
      throw new AppError('CONFLICT', 'The issue changed since you loaded it', { current: viewFor(viewer, current) });
    }
    const recorded = await record(updated, events);
    push(updated, recorded);
    return { issue: updated, events: recorded };
  }

  /** Marks (support, follow) as one row per (issue, user) under a derived _id. */
  function marks(kind: 'support' | 'follow') {
    const model = kind === 'support' ? models.IssueSupport : models.IssueFollow;
    const idOf = (issueId: string, userId: string) => derivedId(`issue-${kind}`, issueId, userId);
    return {
      async has(issueId: string, userId: string) {
        return (await model.findOne({ _id: idOf(issueId, userId) }, { _id: 1 }).lean()) !== null;
      },
      /** true when the mark was added (false: it was there already). */
      async add(issue: IssueDoc, userId: string): Promise<boolean> {
        try {
          await model.create({ _id: idOf(issue._id.toString(), userId), issueId: issue._id, communityId: issue.communityId, userId, at: deps.clock() });
          return true;
        } catch (err) {
          if (isDuplicateKey(err)) return false;
          throw err;
        }
      },
      async remove(issueId: string, userId: string): Promise<boolean> {
        return (await model.deleteOne({ _id: idOf(issueId, userId) })).deletedCount > 0;
      },
      async usersOf(issueId: string): Promise<string[]> {
        const rows = await model.find({ issueId }, { userId: 1 }).lean();
        return rows.map((row) => row.userId.toString());
      },
      async idsOf(userId: string, communityId: string): Promise<Set<string>> {
        const rows = await model.find({ userId, communityId }, { issueId: 1 }).lean();
        return new Set(rows.map((row) => row.issueId.toString()));
      },
    };
  }

  const supports = marks('support');
  const follows = marks('follow');

  /** A change that needs no version check (counts, escalation claims made elsewhere): applied, recorded, pushed. */
  async function bump(issue: IssueDoc, inc: Record<string, number>, events: readonly EventInput[]): Promise<IssueDoc> {
    const updated = (await models.Issue.findOneAndUpdate({ _id: issue._id }, { $inc: { ...inc, version: 1 }, $set: { updatedAt: deps.clock() } }, { new: true, timestamps: false }).lean()) as IssueDoc | null;
    if (!updated) throw notFound('Issue');
    push(updated, await record(updated, events));
    return updated;
  }

  return { load, open, viewFor, record, push, tell, change, bump, assignedIds, reporterOf, supports, follows };
}

export type IssueStore = ReturnType<typeof createIssueStore>;
