/**
 * Needs analysis (需求分析), computed on demand for staff. One computation reads each
 * collection it needs once, with a projection (on the embedded database a query by
 * anything but _id scans the collection whatever the filter), and answers all three
 * periods; it is kept a minute per community, on each node, so switching periods and
 * reloading cost nothing and concurrent requests share one computation.
 *
 * Chat is read from the counted channels' message copies, newest first, by _id lists
 * (message.service walkDown) down to the first message older than the baseline: its
 * cost follows the messages of those four months, not the size of the messages
 * collection, which holds every community's chat (a scan read 40,000 messages in 6 s).
 */
import { insightPeriods, type CommunityInsights, type EventPayload, type InsightPeriod, type IssueState } from '@linli/shared';
import { requireAccess, type AccessDeps } from '../context/access.js';
import type { Caller } from '../context/caller.js';
import { op } from '../lib/db.js';
import type { Clock } from '../issues/issue-store.js';
import type { Models } from '../models.js';
import type { MessageService } from '../messages/message.service.js';
import { breakdown, monthStart, periodRange, repeatGroups, REPEATS, RISING, risingWords, type InsightIssue } from './analysis.js';
import { documentCounts } from './words.js';

export interface InsightsDeps extends Pick<AccessDeps, 'actors'> {
  models: Models;
  messages: Pick<MessageService, 'head' | 'walkDown'>;
  clock: Clock;
  /** How long a computation is reused (default a minute). */
  cacheMs?: number;
}

type Computed = Record<InsightPeriod, CommunityInsights>;

/** Communities whose computations are kept at most (the oldest are dropped first). */
const MAX_CACHED = 200;
/** Copies read per _id list when walking a channel. */
const WALK_CHUNK = 256;
/** Seqs follow time only up to two nodes' interleaving: walk on this far past the baseline's start. */
const WALK_MARGIN_MS = 60_000;

/**
 * Channels whose messages count: open to every member and not archived. Announcements
 * and decisions channels are left out too: only staff write there, and the count is of
 * what residents raise.
 */
const countedChannel = (channel: { visibility?: { type?: string | null } | null; archived?: boolean | null; kind?: string | null }) =>
  channel.visibility?.type === 'all' && !channel.archived && channel.kind !== 'announcements' && channel.kind !== 'decisions';

export function createInsightsService(deps: InsightsDeps) {
  const { models, clock } = deps;
  const cacheMs = deps.cacheMs ?? 60_000;
  const cache = new Map<string, { at: number; value: Promise<Computed> }>();

  /** Visible members' messages (not report notices) in the channels, created in [from, to). */
  async function chatTexts(channelIds: readonly string[], from: Date, to: Date): Promise<{ at: Date; text: string }[]> {
    const out: { at: Date; text: string }[] = [];
    for (const channelId of channelIds) {
      const head = await deps.messages.head(channelId);
      await deps.messages.walkDown(
        channelId,
        head.seq,
        1,
        head.at,
        (_seq, entry) => {
          if (!entry) return true; // a void seq, or a write in flight
          const at = Date.parse(entry.createdAt);
          if (at < from.getTime() - WALK_MARGIN_MS) return false;
          if (at >= from.getTime() && at < to.getTime() && entry.state === 'visible' && entry.issueLink === null && entry.body) out.push({ at: new Date(at), text: entry.body });
          return true;
        },
        WALK_CHUNK,
      );
    }
    return out;
  }

  async function compute(communityId: string, now: Date): Promise<Computed> {
    const issuesFrom = monthStart(now, 11);
    const risingFrom = monthStart(now, RISING.baselineMonths);
    const thisMonth = monthStart(now);
    const [issueDocs, channelDocs, categoryDocs, organisationDocs, memberDocs] = await Promise.all([
      models.Issue.find(
        { communityId, createdAt: op({ $gte: issuesFrom, $lt: now }) },
        { number: 1, title: 1, description: 1, categoryId: 1, categoryName: 1, 'location.building': 1, 'location.text': 1, state: 1, overdueLevel: 1, assignments: 1, reporterName: 1, createdAt: 1 },
      ).lean(),
      models.Channel.find({ communityId }, { visibility: 1, archived: 1, kind: 1 }).lean(),
      models.IssueCategory.find({ communityId }, { name: 1 }).lean(),
      models.Organisation.find({ communityId }, { name: 1 }).lean(),
      models.Membership.find({ communityId }, { displayName: 1 }).lean(),
    ]);

    const categoryNames = new Map(categoryDocs.map((doc) => [doc._id.toString(), doc.name]));
    const organisationNames = new Map(organisationDocs.map((doc) => [doc._id.toString(), doc.name]));
    // Names never shown as words or places: members, and reporters filed for by staff without an account.
    const names = [...new Set([...memberDocs.map((doc) => doc.displayName), ...issueDocs.map((doc) => doc.reporterName)])].filter(Boolean);
    const issues: InsightIssue[] = issueDocs.map((doc) => ({
      id: doc._id.toString(),
      number: doc.number,
      categoryId: doc.categoryId.toString(),
      categoryName: doc.categoryName,
      building: doc.location?.building ?? '',
      locationText: doc.location?.text ?? '',
      state: doc.state as IssueState,
      overdueLevel: doc.overdueLevel ?? 0,
      organisations: (doc.assignments ?? []).map((a) => ({ id: a.organisationId.toString(), name: a.organisationName })),
      createdAt: doc.createdAt as Date,
    }));

    // Words: report titles and descriptions, and messages in channels every member sees.
    const counted = channelDocs.filter(countedChannel).map((doc) => doc._id.toString());
    const texts = [
      ...issueDocs.map((doc) => ({ at: doc.createdAt as Date, text: `${doc.title}\n${doc.description ?? ''}` })),
      ...(await chatTexts(counted, risingFrom, now)),
    ];
    const nowTexts = texts.filter((t) => t.at >= thisMonth && t.at < now).map((t) => t.text);
    const beforeTexts = texts.filter((t) => t.at >= risingFrom && t.at < thisMonth).map((t) => t.text);
    const rising = {
      from: thisMonth.toISOString(),
      to: now.toISOString(),
      baselineFrom: risingFrom.toISOString(),
      minCount: RISING.minCount,
      documents: { now: nowTexts.length, before: Math.round((beforeTexts.length / RISING.baselineMonths) * 10) / 10 },
      words: risingWords(documentCounts(nowTexts, names), documentCounts(beforeTexts, names)),
    };
    const repeats = { ...REPEATS, groups: repeatGroups(issues, now, categoryNames, { names }) };

    const out = {} as Computed;
    for (const period of insightPeriods) {
      const { from, to } = periodRange(period, now);
      out[period] = {
        communityId,
        period,
        from: from.toISOString(),
        to: to.toISOString(),
        ...breakdown(issues, period, from, to, categoryNames, organisationNames),
        rising,
        repeats,
        computedAt: now.toISOString(),
      };
    }
    return out;
  }

  /** The community's computation, from the cache while it is under a minute old. */
  function computed(communityId: string): Promise<Computed> {
    const now = clock();
    const kept = cache.get(communityId);
    const age = kept ? now.getTime() - kept.at : Infinity;
    if (kept && age >= 0 && age < cacheMs) return kept.value;
    const value = compute(communityId, now);
    cache.delete(communityId);
    cache.set(communityId, { at: now.getTime(), value });
    // A failed computation is not kept.
    value.catch(() => {
      if (cache.get(communityId)?.value === value) cache.delete(communityId);
    });
    while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    return value;
  }

  return {
    /** The needs analysis of one period: staff only (residents FORBIDDEN, outsiders NOT_FOUND). */
    async get(caller: Caller, input: EventPayload<'insights:get'>): Promise<CommunityInsights> {
      await requireAccess(deps, caller, input.communityId, 'insights.view');
      return (await computed(input.communityId))[input.period];
    },
  };
}

export type InsightsService = ReturnType<typeof createInsightsService>;
