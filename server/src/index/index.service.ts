/**
 * The community deliberation index (社区协商指数): per community per calendar month
 * (Asia/Shanghai), computed from stored events only — problem reports and their
 * timelines, deliberation topics and their arguments, decisions and their action
 * items, who took part (participation, surveys, activities) — each component a
 * 0-100 score, the total a weighted mean (README "Community deliberation index").
 *
 * A month is judged with what was stored before its end (events after it are left
 * out), so recomputing an ended month with unchanged data gives the same figures.
 * Publishing freezes it: one snapshot per (community, month) under a derived _id,
 * inserted once and never updated.
 */
import {
  addMonths,
  can,
  component,
  computeIssueFigures,
  differencesOf,
  finish,
  monthOf,
  monthRange,
  outsider,
  rankOf,
  type EventPayload,
  type EventResults,
  type IssueAction,
  type IssueFigureInput,
  type IssueRating,
  type IndexFigures,
  type IndexRankingRow,
  type IndexSnapshot,
  type RegionRef,
} from '@linli/shared';
import type { Types } from 'mongoose';
import { derivedId, op } from '../lib/db.js';
import { AppError, forbidden, isDuplicateKey, notFound } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { Caller } from '../context/caller.js';
import { requireAccess, type AccessDeps } from '../context/access.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../issues/issue-store.js';
import type { IssueDoc, IssueEventDoc } from '../issues/issue.model.js';
import type { DecisionDoc } from '../decision/decision.model.js';
import type { DeliberationDoc } from '../deliberation/deliberation.model.js';
import type { RegionService, ResolvedRegion } from '../regions/region.service.js';
import type { Participation } from './participation.js';
import type { IndexSnapshotDoc } from './index.model.js';

const DAY_MS = 86_400_000;

/** The survey service's part the index reads (server/src/survey, interfaces10.md). */
export interface SurveyWaveScore {
  surveyId: string;
  title: string;
  closedAt: Date;
  respondents: number;
  overall: number | null;
}
export interface IndexSurveys {
  respondentIds(communityId: string, from: Date, to: Date): Promise<string[]>;
  latestWave(communityId: string, before: Date): Promise<SurveyWaveScore | null>;
}
/** The activity service's part the index reads (server/src/activity). */
export interface IndexActivities {
  participantIds(communityId: string, from: Date, to: Date): Promise<string[]>;
}

export interface IndexDeps extends AccessDeps {
  clock: Clock;
  log: Logger;
  audit: AuditService;
  regions: RegionService;
  participation: Pick<Participation, 'activeIds'>;
  surveys: IndexSurveys;
  activities: IndexActivities;
}

/** The snapshot of a (community, month): one per pair, whoever publishes. */
export const snapshotId = (communityId: string, month: string): Types.ObjectId => derivedId('index-snapshot', communityId, month);

const presentSnapshot = (doc: IndexSnapshotDoc): IndexSnapshot => ({ ...(doc.figures as IndexFigures), publishedAt: doc.publishedAt.toISOString(), publishedByName: doc.publishedByName ?? null });

export function createIndexService(deps: IndexDeps) {
  const { models, regions } = deps;

  /** Problem reports filed in [from, to), with their timelines as stored before `judgeAt`. */
  async function issueInputs(communityId: string, from: Date, to: Date, judgeAt: Date): Promise<IssueFigureInput[]> {
    const issues = (await models.Issue.find({ communityId, createdAt: op({ $gte: from, $lt: to }) }).lean()) as IssueDoc[];
    if (issues.length === 0) return [];
    const events = (await models.IssueEvent.find({ issueId: op({ $in: issues.map((issue) => issue._id) }), at: op({ $lt: judgeAt }) }).sort({ at: 1, _id: 1 }).lean()) as IssueEventDoc[];
    const byIssue = new Map<string, IssueEventDoc[]>();
    for (const event of events) byIssue.set(event.issueId.toString(), [...(byIssue.get(event.issueId.toString()) ?? []), event]);
    return issues.map((issue) => {
      const timeline = byIssue.get(issue._id.toString()) ?? [];
      // The rating as given before the month's end: the last 'rate' line (never the issue's current field).
      const rated = timeline.filter((event) => event.kind === 'rate' && event.action);
      return {
        categoryId: issue.categoryId.toString(),
        categoryName: issue.categoryName,
        createdAt: issue.createdAt.toISOString(),
        respondBy: issue.respondBy.toISOString(),
        events: timeline
          .filter((event) => event.kind === 'transition' || event.kind === 'extend')
          .map((event) => ({
            action: (event.action ?? 'extend') as IssueAction,
            at: event.at.toISOString(),
            resolveBy: event.resolveBy ? event.resolveBy.toISOString() : null,
            organisationIds: (event.organisationIds ?? []).map((id) => id.toString()),
          })),
        rating: rated.length > 0 ? (rated[rated.length - 1]!.action as IssueRating) : null,
      };
    });
  }

  /** Decisions of [from, to) preceded by a linked topic open >= days before it, with arguments for and against posted before it. */
  async function deliberated(communityId: string, from: Date, to: Date, days: number) {
    const decisions = (await models.Decision.find({ communityId, createdAt: op({ $gte: from, $lt: to }) }).lean()) as DecisionDoc[];
    const topicIds = [...new Set(decisions.flatMap((d) => (d.deliberation ? [d.deliberation.deliberationId.toString()] : [])))];
    const topics = topicIds.length ? ((await models.Deliberation.find({ _id: op({ $in: topicIds }) }).lean()) as DeliberationDoc[]) : [];
    const topicById = new Map(topics.map((t) => [t._id.toString(), t]));
    let qualified = 0;
    for (const decision of decisions) {
      const topic = decision.deliberation ? topicById.get(decision.deliberation.deliberationId.toString()) : undefined;
      if (!topic?.openedAt || !topic.channelId) continue;
      const openUntil = Math.min(topic.closedAt?.getTime() ?? Infinity, decision.createdAt.getTime());
      if (openUntil - topic.openedAt.getTime() < days * DAY_MS) continue;
      const before = op({ $lt: decision.createdAt });
      const [forSide, againstSide] = await Promise.all([
        models.Message.exists({ channelId: topic.channelId, stance: 'for', state: 'visible', createdAt: before }),
        models.Message.exists({ channelId: topic.channelId, stance: 'against', state: 'visible', createdAt: before }),
      ]);
      if (forSide && againstSide) qualified++;
    }
    return { qualified, decisions: decisions.length };
  }

  /** Action items due in [from, to): how many, and how many were done (a 100 % progress entry) by their due date. */
  async function followThrough(communityId: string, from: Date, to: Date, judgeAt: Date) {
    const items = await models.ActionItem.find({ communityId, dueAt: op({ $gte: from, $lt: to }), createdAt: op({ $lt: judgeAt }) }, { dueAt: 1 }).lean();
    if (items.length === 0) return { done: 0, due: 0 };
    const finished = await models.ProgressEntry.find({ itemId: op({ $in: items.map((item) => item._id) }), percent: 100, at: op({ $lt: judgeAt }) }, { itemId: 1, at: 1 }).lean();
    const firstDone = new Map<string, number>();
    for (const entry of finished) {
      const key = entry.itemId.toString();
      firstDone.set(key, Math.min(firstDone.get(key) ?? Infinity, entry.at.getTime()));
    }
    const done = items.filter((item) => (firstDone.get(item._id.toString()) ?? Infinity) <= item.dueAt.getTime()).length;
    return { done, due: items.length };
  }

  /**
   * Members counted for participation: the active memberships as they stand when computed
   * (joining dates are not used: members seeded or imported later would empty past months;
   * a published month keeps the count it was published with).
   */
  async function memberIds(communityId: string): Promise<Set<string>> {
    const rows = await models.Membership.find({ communityId, status: 'active' }, { userId: 1 }).lean();
    return new Set(rows.map((row) => row.userId.toString()));
  }

  /** The figures of a community's month as the data stands now (judged at the month's end, or now for the running month). */
  async function compute(communityId: string, month: string): Promise<IndexFigures> {
    const community = await models.Community.findOne({ _id: communityId }, { name: 1 }).lean();
    if (!community) throw notFound('Community');
    const { from, to } = monthRange(month);
    const now = deps.clock();
    const judgeAt = now.getTime() < to.getTime() ? now : to;
    const { district } = await regions.ofCommunity(communityId);

    const figures = computeIssueFigures(await issueInputs(communityId, from, to, judgeAt), from.toISOString(), to.toISOString(), judgeAt.toISOString());
    const members = await memberIds(communityId);
    const [active, answered, joined] = await Promise.all([
      deps.participation.activeIds(communityId, from, judgeAt),
      deps.surveys.respondentIds(communityId, from, judgeAt),
      deps.activities.participantIds(communityId, from, judgeAt),
    ]);
    const participants = new Set([...active, ...answered, ...joined].filter((id) => members.has(id)));
    const debate = await deliberated(communityId, from, judgeAt, district.deliberationDays);
    const items = await followThrough(communityId, from, to, judgeAt);
    const wave = await deps.surveys.latestWave(communityId, judgeAt);
    const survey = wave && wave.overall !== null ? { key: 'survey' as const, numerator: wave.overall, denominator: 100, value: wave.overall } : component('survey', 0, 0);

    return finish({
      communityId,
      communityName: community.name,
      month,
      components: [
        component('response', figures.responseRate.numerator, figures.responseRate.denominator),
        component('onTimeResolution', figures.onTimeResolutionRate.numerator, figures.onTimeResolutionRate.denominator),
        component('residentConfirmed', figures.residentConfirmedRate.numerator, figures.residentConfirmedRate.denominator),
        component('satisfaction', figures.satisfactionRate.numerator, figures.satisfactionRate.denominator),
        component('participation', participants.size, members.size),
        component('deliberation', debate.qualified, debate.decisions),
        component('followThrough', items.done, items.due),
        survey,
      ],
      weights: district.weights,
      deliberationDays: district.deliberationDays,
      events: figures.filed + debate.decisions + items.due + participants.size,
      members: members.size,
    });
  }

  async function snapshotOf(communityId: string, month: string): Promise<IndexSnapshot | null> {
    const doc = (await models.IndexSnapshot.findOne({ _id: snapshotId(communityId, month) }).lean()) as IndexSnapshotDoc | null;
    return doc ? presentSnapshot(doc) : null;
  }

  /** Freezes an ended month once: the first insert wins, every later publish answers the stored snapshot. */
  async function publishMonth(communityId: string, month: string, by: Caller | null): Promise<{ snapshot: IndexSnapshot; created: boolean }> {
    if (monthRange(month).to.getTime() > deps.clock().getTime()) throw new AppError('VALIDATION_FAILED', 'Only a month that has ended can be published', { issues: [{ path: 'month', message: 'not ended' }] });
    const existing = await snapshotOf(communityId, month);
    if (existing) return { snapshot: existing, created: false };
    const figures = await compute(communityId, month);
    try {
      await models.IndexSnapshot.create({
        _id: snapshotId(communityId, month),
        communityId,
        month,
        figures,
        publishedAt: deps.clock(),
        publishedById: by?.userId ?? null,
        publishedByName: by?.displayName ?? null,
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return { snapshot: (await snapshotOf(communityId, month))!, created: false };
    }
    return { snapshot: (await snapshotOf(communityId, month))!, created: true };
  }

  /** Published figures where published, else live: one row per community, ranked. */
  async function rows(communities: readonly { id: string; name: string; streetId: string | null }[], month: string, streetNames: Map<string, string>): Promise<IndexRankingRow[]> {
    const out: Omit<IndexRankingRow, 'rank'>[] = [];
    for (const community of communities) {
      const published = await snapshotOf(community.id, month);
      out.push({
        figures: published ?? (await compute(community.id, month)),
        published: published !== null,
        publishedAt: published?.publishedAt ?? null,
        streetName: community.streetId ? (streetNames.get(community.streetId) ?? null) : null,
      });
    }
    return rankOf(out);
  }

  async function overseen(caller: Caller, regionId: string): Promise<ResolvedRegion> {
    const region = await regions.resolve(regionId);
    const overseer = await regions.oversees(caller, region);
    if (!can(outsider(caller.userId, caller.isPlatformAdmin), 'index.oversee', { overseer })) throw forbidden('You do not oversee this region');
    return region;
  }

  async function streetNames(): Promise<Map<string, string>> {
    const loaded = await regions.load();
    return new Map(loaded.streets.map((s) => [s.id, s.name]));
  }

  return {
    compute,
    snapshotOf,
    publishMonth,

    /** A region's communities ranked for a month (oversight). */
    async ranking(caller: Caller, input: EventPayload<'index:ranking'>): Promise<EventResults['index:ranking']> {
      const region = await overseen(caller, input.regionId);
      return { region: region.ref, month: input.month, rows: await rows(region.communities, input.month, await streetNames()) };
    },

    /** Each community's total (published, else live) over the months up to `month`. */
    async trend(caller: Caller, input: EventPayload<'index:trend'>): Promise<EventResults['index:trend']> {
      const region = await overseen(caller, input.regionId);
      const months = Array.from({ length: input.months }, (_, i) => addMonths(input.month, i - input.months + 1));
      const series = [];
      for (const community of region.communities) {
        const totals: (number | null)[] = [];
        for (const month of months) totals.push(((await snapshotOf(community.id, month)) ?? (await compute(community.id, month))).total);
        series.push({ communityId: community.id, communityName: community.name, totals });
      }
      return { region: region.ref, months, series };
    },

    /** The region's ranking as CSV rows (the export route). */
    async exportRows(caller: Caller, regionId: string, month: string): Promise<{ region: RegionRef; rows: IndexRankingRow[] }> {
      const region = await overseen(caller, regionId);
      return { region: region.ref, rows: await rows(region.communities, month, await streetNames()) };
    },

    /** A community's month for its members: published and live side by side, with its rank in its street. */
    async community(caller: Caller, input: EventPayload<'index:community'>): Promise<EventResults['index:community']> {
      await requireAccess(deps, caller, input.communityId, 'index.view');
      const published = await snapshotOf(input.communityId, input.month);
      const live = await compute(input.communityId, input.month);
      const { street, streetCommunities } = await regions.ofCommunity(input.communityId);
      const ranked = await rows(streetCommunities, input.month, await streetNames());
      const mine = ranked.find((row) => row.figures.communityId === input.communityId);
      return {
        month: input.month,
        published,
        live,
        differences: published ? differencesOf(published, live) : [],
        rank: mine?.rank ?? null,
        ranked: ranked.filter((row) => row.rank !== null).length,
        street,
        ended: monthRange(input.month).to.getTime() <= deps.clock().getTime(),
      };
    },

    /** Staff (or a platform admin) publish an ended month by hand; audited when it froze something. */
    async publish(caller: Caller, input: EventPayload<'index:publish'>): Promise<IndexSnapshot> {
      await requireAccess(deps, caller, input.communityId, 'index.publish');
      const { snapshot, created } = await publishMonth(input.communityId, input.month, caller);
      if (created) await deps.audit.record(input.communityId, caller, 'index.publish', { type: 'index', id: `${input.communityId}:${input.month}` }, { month: input.month, total: snapshot.total });
      return snapshot;
    },

    /**
     * Every node runs this now and then: once a month has ended, every community's
     * month is published (each a single insert two nodes cannot both make).
     */
    async sweep(): Promise<number> {
      const month = addMonths(monthOf(deps.clock()), -1);
      const communities = await models.Community.find({}, { _id: 1 }).lean();
      let published = 0;
      for (const community of communities) {
        if (await models.IndexSnapshot.exists({ _id: snapshotId(community._id.toString(), month) })) continue;
        try {
          if ((await publishMonth(community._id.toString(), month, null)).created) published++;
        } catch (err) {
          deps.log.warn({ err, communityId: community._id.toString(), month }, 'index publish failed');
        }
      }
      return published;
    },
  };
}

export type IndexService = ReturnType<typeof createIndexService>;
