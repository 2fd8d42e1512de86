/**
 * "What needs me" (agenda:get): a member's own agenda in one community, per hat
 * (resident, worker, organisation staff, supervisor), and the navigation's counts,
 * in one answer.
 *
 * Cost: on FerretDB/SQLite every non-_id query scans its collection, so each
 * collection is read at most once per call (with a projection) and the sections are
 * cut from those rows in memory with the boards' own filters (shared/src/agenda):
 * the triage, overdue and assignments boards from one read of the reports, the
 * resident's reports from the same rows. Polls come from the poll service's list (its
 * ballot check by _id), join requests and reported messages from their services, the
 * chat count from the read service. A computation under way is shared by the requests of
 * the same (community, user) that arrive meanwhile (the home page, the navigation and a
 * second tab), never kept after it settles: a request after a change always reads anew.
 */
import {
  addMonths,
  agendaRolesOf,
  assembleAgenda,
  assignmentItems,
  countsAsStaff,
  eligibleFor,
  monthOf,
  myReportItems,
  openIssueStates,
  overdueIssueItems,
  runningItemStates,
  surveyEligible,
  triageItems,
  unseenReportCount,
  type Actor,
  type Agenda,
  type AgendaCounts,
  type AgendaIssueInput,
  type AgendaItem,
  type AgendaSectionKey,
  type Bilingual,
  type EventPayload,
  type IndexSnapshot,
  type IssueState,
  type UnseenIssueChange,
} from '@linli/shared';
import type { Types } from 'mongoose';
import { derivedId, op } from '../lib/db.js';
import type { Caller } from '../context/caller.js';
import { requireAccess, type AccessDeps } from '../context/access.js';
import type { MembershipDoc } from '../members/member.model.js';
import type { PollService } from '../poll/poll.service.js';
import type { ReadService } from '../reads/read.service.js';
import type { CommunityService } from '../communities/community.service.js';
import type { ModerationService } from '../moderation/moderation.service.js';
import type { RegionService } from '../regions/region.service.js';
import { householdKey } from '../poll/presenters.js';
import { phaseOf as surveyPhaseOf } from '../survey/survey.service.js';

/** The longest a computation under way is shared (a stuck one is not waited on for ever). */
export const AGENDA_MEMO_MS = 1000;

export interface AgendaDeps extends AccessDeps {
  clock: () => Date;
  polls: Pick<PollService, 'list'>;
  reads: Pick<ReadService, 'readStates'>;
  communities: Pick<CommunityService, 'listJoinRequests'>;
  moderation: Pick<ModerationService, 'listReports'>;
  regions: Pick<RegionService, 'mine' | 'ofCommunity'>;
  index: { snapshotOf(communityId: string, month: string): Promise<IndexSnapshot | null> };
}

type Id = Types.ObjectId;
const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);
const str = (id: Id | string | null | undefined): string | null => (id == null ? null : id.toString());

interface IssueRow {
  _id: Id;
  number: number;
  title: string;
  state: IssueState;
  reporterId: Id | null;
  assignments: { organisationId: Id; organisationName: string }[];
  respondBy: Date;
  resolveBy: Date | null;
  overdueLevel: number;
  supportCount: number;
  createdAt: Date;
  updatedAt: Date;
}

interface NoticeRow {
  _id: Id;
  kind: string;
  issueId: Id | null;
  subjectId: Id | null;
  channelId: Id | null;
  messageId: Id | null;
  actorName: string;
  excerpt: string;
  readAt: Date | null;
  createdAt: Date;
}

const issueInput = (row: IssueRow): AgendaIssueInput => ({
  id: row._id.toString(),
  number: row.number,
  title: row.title,
  state: row.state,
  reporterId: str(row.reporterId),
  organisationIds: (row.assignments ?? []).map((a) => a.organisationId.toString()),
  organisationNames: (row.assignments ?? []).map((a) => a.organisationName),
  respondBy: row.respondBy.toISOString(),
  resolveBy: iso(row.resolveBy),
  overdueLevel: row.overdueLevel ?? 0,
  supportCount: row.supportCount ?? 0,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export function createAgendaService(deps: AgendaDeps) {
  const { models } = deps;
  const memo = new Map<string, { started: number; answer: Promise<Agenda> }>();

  /** Issues of the community that can be on anyone's agenda (open, or resolved awaiting confirmation). */
  async function readIssues(communityId: string): Promise<AgendaIssueInput[]> {
    const rows = (await models.Issue.find(
      { communityId, state: op({ $in: [...openIssueStates, 'resolved'] }) },
      { number: 1, title: 1, state: 1, reporterId: 1, 'assignments.organisationId': 1, 'assignments.organisationName': 1, respondBy: 1, resolveBy: 1, overdueLevel: 1, supportCount: 1, createdAt: 1, updatedAt: 1 },
    ).lean()) as unknown as IssueRow[];
    return rows.map(issueInput);
  }

  async function readNotices(communityId: string, userId: string): Promise<NoticeRow[]> {
    return (await models.Notification.find(
      { userId, communityId },
      { kind: 1, issueId: 1, subjectId: 1, channelId: 1, messageId: 1, actorName: 1, excerpt: 1, readAt: 1, createdAt: 1 },
    ).lean()) as unknown as NoticeRow[];
  }

  /** Polls open now that the caller may vote in and has not (the poll service's list and ballot check). */
  async function pollsToVote(caller: Caller, actor: Actor, communityId: string, now: Date): Promise<AgendaItem[]> {
    const { items, voted } = await deps.polls.list(caller, { communityId, state: 'active', limit: 200 });
    const done = new Set(voted);
    return items
      .filter((poll) => (poll.state === 'open' || poll.state === 'scheduled') && Date.parse(poll.opensAt) <= now.getTime() && now.getTime() < Date.parse(poll.closesAt))
      .filter((poll) => eligibleFor(actor, poll.eligibility) && !done.has(poll.id))
      .map((poll) => ({
        kind: 'poll' as const,
        id: poll.id,
        title: poll.title,
        why: 'pollOpen' as const,
        params: { turnout: poll.turnout.ballots, eligible: poll.turnout.eligible },
        at: poll.closesAt,
        atKind: 'closes' as const,
        overdueLevel: 0,
        target: { page: 'item' as const, view: 'polls' as const, itemId: poll.id },
      }));
  }

  /** Open surveys the caller may answer and has not (answered: the participant row under its derived _id). */
  async function surveysToAnswer(actor: Actor, membership: MembershipDoc | null, communityId: string, userId: string, now: Date): Promise<AgendaItem[]> {
    const rows = await models.Survey.find({ communityId, status: 'published' }, { title: 1, status: 1, opensAt: 1, closesAt: 1, audience: 1 }).lean();
    const out: AgendaItem[] = [];
    for (const row of rows) {
      if (surveyPhaseOf(row, now) !== 'open' || !surveyEligible(actor, row.audience)) continue;
      const household = membership?.household;
      const key = row.audience === 'household' ? (household?.status === 'verified' ? `h:${householdKey(household)}` : null) : `u:${userId}`;
      if (!key || (await models.SurveyParticipant.exists({ _id: derivedId(row._id.toString(), key) }))) continue;
      const title = row.title as Bilingual;
      out.push({
        kind: 'survey',
        id: row._id.toString(),
        // Survey titles are stored in both languages: the Chinese one is the title, the English one a param.
        title: title['zh-CN'],
        why: 'surveyOpen',
        params: { titleEn: title.en || null },
        at: row.closesAt.toISOString(),
        atKind: 'closes',
        overdueLevel: 0,
        target: { page: 'item', view: 'surveys', itemId: row._id.toString() },
      });
    }
    return out;
  }

  /** Events the caller signed up for (not over, not cancelled) and quizzes open that they have not finished. */
  async function myActivities(communityId: string, userId: string, now: Date): Promise<AgendaItem[]> {
    const [activities, signups, attempts] = await Promise.all([
      models.Activity.find({ communityId }, { kind: 1, title: 1, cancelledAt: 1, opensAt: 1, closesAt: 1, startsAt: 1, endsAt: 1, resultsPublishedAt: 1, place: 1 }).lean(),
      models.EventSignup.find({ communityId, userId }, { activityId: 1, status: 1, checkedInAt: 1 }).lean(),
      models.QuizAttempt.find({ communityId, userId }, { activityId: 1, finishedAt: 1 }).lean(),
    ]);
    const finished = new Set(attempts.filter((a) => a.finishedAt != null).map((a) => a.activityId.toString()));
    const signedUp = new Map(signups.filter((s) => s.status === 'confirmed' || s.status === 'waiting').map((s) => [s.activityId.toString(), s]));
    const out: AgendaItem[] = [];
    for (const doc of activities) {
      const id = doc._id.toString();
      if (doc.cancelledAt) continue;
      const target = { page: 'item' as const, view: 'activities' as const, itemId: id };
      if (doc.kind === 'event' && doc.endsAt && now < doc.endsAt) {
        const signup = signedUp.get(id);
        if (!signup) continue;
        out.push({ kind: 'event', id, title: doc.title, why: 'eventSignedUp', params: { status: signup.status, checkedIn: signup.checkedInAt ? 1 : 0, place: doc.place ?? null }, at: iso(doc.startsAt), atKind: 'starts', overdueLevel: 0, target });
      }
      if (doc.kind === 'quiz' && doc.opensAt && doc.closesAt && !doc.resultsPublishedAt && doc.opensAt <= now && now < doc.closesAt && !finished.has(id)) {
        out.push({ kind: 'quiz', id, title: doc.title, why: 'quizOpen', params: {}, at: doc.closesAt.toISOString(), atKind: 'closes', overdueLevel: 0, target });
      }
    }
    return out;
  }

  /** The latest published month of the index (the month before this, else the one before), with rank in the street. */
  async function indexItems(caller: Caller, communityId: string, now: Date): Promise<AgendaItem[]> {
    const items: AgendaItem[] = [];
    let month = addMonths(monthOf(now), -1);
    let snapshot = await deps.index.snapshotOf(communityId, month);
    if (!snapshot) {
      const before = addMonths(month, -1);
      snapshot = await deps.index.snapshotOf(communityId, before);
      if (snapshot) month = before;
    }
    let rank: number | null = null;
    let ranked = 0;
    const { street, district, streetCommunities } = await deps.regions.ofCommunity(communityId);
    if (snapshot?.total != null && street) {
      const totals: number[] = [];
      for (const other of streetCommunities) {
        const total = other.id === communityId ? snapshot.total : ((await deps.index.snapshotOf(other.id, month))?.total ?? null);
        if (total != null) totals.push(total);
      }
      ranked = totals.length;
      rank = 1 + totals.filter((total) => total > snapshot!.total!).length;
    }
    items.push({
      kind: 'index',
      id: `${communityId}:${month}`,
      title: month,
      why: 'index',
      params: { month, total: snapshot?.total ?? null, rank, ranked, weakest: snapshot?.weakest ?? null, street: street?.name ?? null },
      at: snapshot?.publishedAt ?? null,
      atKind: snapshot ? 'changed' : null,
      overdueLevel: 0,
      target: { page: 'item', view: 'index', itemId: snapshot ? month : null },
    });
    const mine = await deps.regions.mine(caller);
    const overseen = mine.regions.filter((region) => region.id === street?.id || region.id === district.id);
    if (overseen.length > 0) {
      items.push({
        kind: 'oversight',
        id: overseen[0]!.id,
        title: overseen.map((region) => region.name).join('、'),
        why: 'oversight',
        params: { regions: overseen.length },
        at: null,
        atKind: null,
        overdueLevel: 0,
        target: { page: 'oversight', regionId: overseen[0]!.id },
      });
    }
    return items;
  }

  /** Whether the caller oversees the community's street or district (a supervisor's hat without the role). */
  async function oversees(caller: Caller, communityId: string): Promise<boolean> {
    const [{ street, district }, mine] = await Promise.all([deps.regions.ofCommunity(communityId), deps.regions.mine(caller)]);
    return mine.regions.some((region) => region.id === street?.id || (district.id !== '' && region.id === district.id));
  }

  async function compute(caller: Caller, communityId: string): Promise<Agenda> {
    const access = await requireAccess(deps, caller, communityId, 'agenda.view');
    const { actor, membership } = access;
    const now = deps.clock();
    const userId = caller.userId;
    const roles = agendaRolesOf(actor, await oversees(caller, communityId));
    const worker = roles.includes('worker');
    const supervisor = roles.includes('supervisor');
    const staff = countsAsStaff(actor);

    const [issues, notices, polls, surveys, activities, readStates] = await Promise.all([
      readIssues(communityId),
      readNotices(communityId, userId),
      pollsToVote(caller, actor, communityId, now),
      surveysToAnswer(actor, membership, communityId, userId, now),
      myActivities(communityId, userId, now),
      deps.reads.readStates(caller, { communityId }),
    ]);

    // What changed on my reports since I last looked: the newest unread issue notice each.
    const unseen = new Map<string, UnseenIssueChange>();
    for (const notice of notices) {
      if (notice.kind !== 'issue' || notice.readAt || !notice.issueId) continue;
      const key = notice.issueId.toString();
      const at = notice.createdAt.toISOString();
      if ((unseen.get(key)?.at ?? '') < at) unseen.set(key, { at, actorName: notice.actorName, excerpt: notice.excerpt ?? '' });
    }
    const myReports = myReportItems(issues, userId, unseen);

    const mentions: AgendaItem[] = notices
      .filter((notice) => (notice.kind === 'mention' || notice.kind === 'reply') && !notice.readAt && notice.channelId && notice.messageId)
      .map((notice) => ({
        kind: 'mention',
        id: notice._id.toString(),
        title: notice.actorName,
        why: notice.kind === 'reply' ? 'reply' : 'mention',
        params: { actor: notice.actorName, excerpt: notice.excerpt ?? '' },
        at: notice.createdAt.toISOString(),
        atKind: 'changed',
        overdueLevel: 0,
        target: { page: 'message', channelId: notice.channelId!.toString(), messageId: notice.messageId!.toString() },
      }));

    // Decisions and their running action items: one read each.
    const [decisions, actionItems] = await Promise.all([
      models.Decision.find({ communityId }, { number: 1, title: 1, state: 1, progress: 1, itemCount: 1, doneCount: 1, issues: 1, dueAt: 1, updatedAt: 1 }).lean(),
      models.ActionItem.find({ communityId, state: op({ $in: [...runningItemStates] }) }, { decisionId: 1, title: 1, owner: 1, dueAt: 1, state: 1, progress: 1, overdueLevel: 1 }).lean(),
    ]);
    const decisionById = new Map(decisions.map((d) => [d._id.toString(), d]));
    const toldAbout = new Map<string, boolean>();
    for (const notice of notices) {
      if (notice.kind !== 'decision' || !notice.subjectId) continue;
      const key = notice.subjectId.toString();
      toldAbout.set(key, (toldAbout.get(key) ?? false) || !notice.readAt);
    }
    const myIssueIds = new Set(issues.filter((issue) => issue.reporterId === userId).map((issue) => issue.id));
    const myDecisions: AgendaItem[] = decisions
      .filter((d) => toldAbout.get(d._id.toString()) === true || (d.state === 'in_progress' && (toldAbout.has(d._id.toString()) || (d.issues ?? []).some((ref) => myIssueIds.has(ref.issueId.toString())))))
      .map((d) => ({
        kind: 'decision',
        id: d._id.toString(),
        title: `#${d.number} ${d.title}`,
        why: 'decisionProgress',
        params: { percent: d.progress ?? 0, done: d.doneCount ?? 0, total: d.itemCount ?? 0, state: d.state ?? 'in_progress', unseen: toldAbout.get(d._id.toString()) ? 1 : 0 },
        at: d.updatedAt.toISOString(),
        atKind: 'changed',
        overdueLevel: 0,
        target: { page: 'item', view: 'decisions', itemId: d._id.toString() },
      }));

    const itemOf = (item: (typeof actionItems)[number], why: 'overdueItem' | 'actionItem'): AgendaItem => {
      const decision = decisionById.get(item.decisionId.toString());
      return {
        kind: 'actionItem',
        id: item._id.toString(),
        title: item.title,
        why,
        params: { decision: decision ? `#${decision.number} ${decision.title}` : null, percent: item.progress ?? 0, owner: item.owner?.name ?? null, level: item.overdueLevel ?? 0 },
        at: item.dueAt.toISOString(),
        atKind: 'due',
        overdueLevel: why === 'overdueItem' ? Math.max(1, item.overdueLevel ?? 0) : item.dueAt < now ? Math.max(1, item.overdueLevel ?? 0) : 0,
        target: { page: 'item', view: 'decisions', itemId: item.decisionId.toString() },
      };
    };
    const lists: Partial<Record<AgendaSectionKey, AgendaItem[]>> = {
      myReports,
      pollsToVote: polls,
      mentions,
      myDecisions,
      myActivities: activities,
      surveysToAnswer: surveys,
    };
    const counts: AgendaCounts = {
      chat: readStates.filter((state) => state.unread > 0).length,
      issues: unseenReportCount(myReports),
      polls: polls.length,
      decisions: myDecisions.filter((item) => item.params.unseen === 1).length,
      surveys: surveys.length,
      activities: activities.length,
    };

    if (worker || supervisor) {
      const overdueItems = actionItems.filter((item) => item.dueAt < now).map((item) => itemOf(item, 'overdueItem'));
      lists.overdue = [...overdueIssueItems(issues), ...overdueItems];
      counts.overdue = lists.overdue.length;
    }
    if (staff) {
      lists.triage = triageItems(issues);
      counts.triage = lists.triage.length;
      counts.issues = lists.triage.length;
    }
    if (worker) {
      const [requests, reports, proposals] = await Promise.all([
        deps.communities.listJoinRequests(caller, { communityId, status: 'pending' }),
        deps.moderation.listReports(caller, { communityId, status: 'open' }),
        models.Deliberation.find({ communityId, state: 'proposed' }, { number: 1, title: 1, supportCount: 1, supportThreshold: 1, createdAt: 1 }).lean(),
      ]);
      lists.joinRequests = requests.map((request) => ({
        kind: 'joinRequest',
        id: request.id,
        title: request.displayName,
        why: 'joinRequest',
        params: { message: request.message || null },
        // The view names the request's time createdAt (stored as requestedAt).
        at: request.createdAt,
        atKind: 'since',
        overdueLevel: 0,
        target: { page: 'moderation' },
      }));
      lists.reportedMessages = reports.map((report) => ({
        kind: 'messageReport',
        id: report.id,
        title: report.messageExcerpt,
        why: 'messageReport',
        params: { reason: report.reason, author: report.messageAuthorName, reporter: report.reporterName },
        at: report.createdAt,
        atKind: 'since',
        overdueLevel: 0,
        target: { page: 'message', channelId: report.channelId, messageId: report.messageId },
      }));
      lists.proposals = proposals.map((doc) => ({
        kind: 'proposal',
        id: doc._id.toString(),
        title: `#${doc.number} ${doc.title}`,
        why: 'proposal',
        params: { support: doc.supportCount ?? 0, threshold: doc.supportThreshold ?? 0 },
        at: doc.createdAt.toISOString(),
        atKind: 'since',
        overdueLevel: 0,
        target: { page: 'item', view: 'deliberations', itemId: doc._id.toString() },
      }));
      counts.moderation = reports.length + requests.length;
    }
    // Action items the caller owns (as an organisation's staff, or by name).
    const owned = actionItems.filter((item) => (item.owner?.type === 'organisation' ? actor.organisationIds.includes(item.owner.id.toString()) : item.owner?.id.toString() === userId));
    if (roles.includes('organisation')) {
      lists.assignments = assignmentItems(issues, actor.organisationIds);
      counts.assignments = lists.assignments.length;
    }
    if (owned.length > 0) {
      lists.actionItems = owned.map((item) => itemOf(item, 'actionItem'));
      if (!roles.includes('organisation')) roles.push('organisation');
    }
    if (supervisor) lists.index = await indexItems(caller, communityId, now);

    return { communityId, roles, sections: assembleAgenda(roles, lists), counts, generatedAt: now.toISOString() };
  }

  return {
    /** The caller's agenda and counts; requests arriving while one is computed share it. */
    async get(caller: Caller, input: EventPayload<'agenda:get'>): Promise<Agenda> {
      const key = `${input.communityId}:${caller.userId}`;
      const at = Date.now();
      for (const [k, entry] of memo) if (at - entry.started >= AGENDA_MEMO_MS) memo.delete(k);
      const kept = memo.get(key);
      if (kept) return kept.answer;
      const answer = compute(caller, input.communityId);
      memo.set(key, { started: at, answer });
      const settle = () => {
        if (memo.get(key)?.answer === answer) memo.delete(key);
      };
      answer.then(settle, settle);
      return answer;
    },
  };
}

export type AgendaService = ReturnType<typeof createAgendaService>;
