import { createHash, randomBytes } from 'node:crypto';
import { OPEN311_LIMITS, type EventPayload, type IssueLocation, type Open311Key, type Open311Settings } from '@linli/shared';
import { conflict, isDuplicateKey, notFound } from '../lib/errors.js';
import { op } from '../lib/db.js';
import type { Logger } from '../lib/logger.js';
import type { Caller } from '../context/caller.js';
import { requireAccess, type AccessDeps } from '../context/access.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../issues/issue-store.js';
import type { IssueService } from '../issues/issue.service.js';
import type { IssueCategoryDoc, IssueDoc } from '../issues/issue.model.js';
import type { Open311KeyDoc } from './open311.model.js';
import { presentKey, statesFor } from './presenters.js';

/** Keys are shown once; this prefix lets secret scanners recognise a leaked one. */
const KEY_PREFIX = 'linli311_';
export const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** A community that is on Open311. */
export interface Jurisdiction {
  communityId: string;
  jurisdictionId: string;
  name: string;
}

export interface RequestQuery {
  /** Overrides every other filter (the spec's rule). */
  ids?: string[];
  serviceCodes?: string[];
  statuses?: ('open' | 'closed')[];
  from: Date;
  to: Date;
  limit: number;
}

export interface ExternalFiling {
  categoryId: string;
  title: string;
  description: string;
  location: IssueLocation;
  reporterName: string;
}

/**
 * Open311 GeoReport v2 behind the routes: the jurisdiction a community is known
 * by, its API keys (admins only), and the reads and filings the endpoint serves.
 * Every admin change (jurisdiction, key created, key revoked) goes to the audit log,
 * with the key's label, never the key.
 */
export function createOpen311Service(deps: AccessDeps & { issues: Pick<IssueService, 'fileExternal'>; audit: Pick<AuditService, 'record'>; clock: Clock; log: Logger }) {
  const { models, audit } = deps;

  const keysOf = async (communityId: string): Promise<Open311Key[]> => {
    const keys = (await models.Open311Key.find({ communityId }).sort({ createdAt: -1 }).lean()) as Open311KeyDoc[];
    return keys.map(presentKey);
  };

  return {
    // --- admins, over the socket ---

    async settings(caller: Caller, input: EventPayload<'open311:keys'>): Promise<Open311Settings> {
      await requireAccess(deps, caller, input.communityId, 'open311.manage');
      const jurisdiction = await models.Open311Jurisdiction.findOne({ _id: input.communityId }).lean();
      return { jurisdictionId: jurisdiction?.jurisdictionId ?? null, keys: await keysOf(input.communityId) };
    },

    async createKey(caller: Caller, input: EventPayload<'open311:createKey'>): Promise<{ key: string; info: Open311Key }> {
      await requireAccess(deps, caller, input.communityId, 'open311.manage');
      if ((await models.Open311Key.countDocuments({ communityId: input.communityId })) >= OPEN311_LIMITS.keys) {
        throw conflict(`A community holds at most ${OPEN311_LIMITS.keys} keys`);
      }
      const key = KEY_PREFIX + randomBytes(24).toString('base64url');
      const doc = await models.Open311Key.create({
        communityId: input.communityId,
        label: input.label,
        hash: hashKey(key),
        createdBy: caller.userId,
        createdAt: deps.clock(),
      });
      const info = presentKey(doc.toObject() as Open311KeyDoc);
      await audit.record(input.communityId, caller, 'open311.createKey', { type: 'open311Key', id: info.id }, { name: info.label });
      return { key, info };
    },

    async revokeKey(caller: Caller, input: EventPayload<'open311:revokeKey'>): Promise<Open311Key> {
      await requireAccess(deps, caller, input.communityId, 'open311.manage');
      const revoked = (await models.Open311Key.findOneAndUpdate(
        { _id: input.keyId, communityId: input.communityId, revokedAt: null },
        { $set: { revokedAt: deps.clock() } },
        { new: true },
      ).lean()) as Open311KeyDoc | null;
      if (revoked) {
        const info = presentKey(revoked);
        await audit.record(input.communityId, caller, 'open311.revokeKey', { type: 'open311Key', id: info.id }, { name: info.label });
        return info;
      }
      // Already revoked: the same answer again (and nothing more in the audit log).
      const existing = (await models.Open311Key.findOne({ _id: input.keyId, communityId: input.communityId }).lean()) as Open311KeyDoc | null;
      if (!existing) throw notFound('Open311 key');
      return presentKey(existing);
    },

    async setJurisdiction(caller: Caller, input: EventPayload<'open311:setJurisdiction'>): Promise<{ communityId: string; jurisdictionId: string }> {
      await requireAccess(deps, caller, input.communityId, 'open311.manage');
      const takenByAnother = async () => {
        const holder = await models.Open311Jurisdiction.findOne({ jurisdictionId: input.jurisdictionId }, { _id: 1 }).lean();
        return holder !== null && holder._id.toString() !== input.communityId;
      };
      if (await takenByAnother()) throw conflict('That jurisdiction_id is taken');
      // Answers with the row as it was before (null: the community was not on Open311), for the audit log.
      // No projection: FerretDB 1.24 fails an upserting findAndModify that has one.
      const set = () =>
        models.Open311Jurisdiction.findOneAndUpdate(
          { _id: input.communityId },
          { $set: { jurisdictionId: input.jurisdictionId } },
          { upsert: true, new: false },
        ).lean();
      let previous: Awaited<ReturnType<typeof set>>;
      try {
        previous = await set();
      } catch (err) {
        // The unique index decides a race. FerretDB 1.24 reports a unique violation on update as
        // code 1, not 11000, so ask who holds the id instead of reading the error.
        if (await takenByAnother()) throw conflict('That jurisdiction_id is taken');
        // A duplicate _id: a concurrent first upsert for this community, which a retry settles.
        if (!isDuplicateKey(err)) throw err;
        previous = await set();
      }
      const from = previous?.jurisdictionId ?? null;
      if (from !== input.jurisdictionId) {
        await audit.record(input.communityId, caller, 'open311.setJurisdiction', { type: 'community', id: input.communityId }, { from, to: input.jurisdictionId });
      }
      return { communityId: input.communityId, jurisdictionId: input.jurisdictionId };
    },

    // --- the public endpoint ---

    async jurisdiction(jurisdictionId: string): Promise<Jurisdiction | null> {
      const found = await models.Open311Jurisdiction.findOne({ jurisdictionId }).lean();
      if (!found) return null;
      const community = await models.Community.findOne({ _id: found._id }, { name: 1 }).lean();
      if (!community) return null;
      return { communityId: found._id.toString(), jurisdictionId, name: community.name };
    },

    /** The key with this value, valid or revoked; null when there is none. */
    async keyFor(apiKey: string): Promise<Open311KeyDoc | null> {
      return (await models.Open311Key.findOne({ hash: hashKey(apiKey) }).lean()) as Open311KeyDoc | null;
    },

    /** When the services (categories) or the jurisdictions last changed: discovery's changeset. */
    async changeset(): Promise<Date> {
      const [category, jurisdiction] = await Promise.all([
        models.IssueCategory.findOne({}, { updatedAt: 1 }).sort({ updatedAt: -1 }).lean(),
        models.Open311Jurisdiction.findOne({}, { updatedAt: 1 }).sort({ updatedAt: -1 }).lean(),
      ]);
      const times = [category?.updatedAt, jurisdiction?.updatedAt].filter((time): time is Date => time instanceof Date).map((time) => time.getTime());
      return new Date(times.length > 0 ? Math.max(...times) : 0);
    },

    /** The categories that take reports, each with its group: the organisation that handles it by default, or the community. */
    async services(jurisdiction: Jurisdiction): Promise<{ category: IssueCategoryDoc; group: string }[]> {
      const categories = (await models.IssueCategory.find({ communityId: jurisdiction.communityId, archived: false }).sort({ position: 1, name: 1 }).lean()) as IssueCategoryDoc[];
      const organisations = await models.Organisation.find({ communityId: jurisdiction.communityId }, { name: 1 }).lean();
      const names = new Map(organisations.map((organisation) => [organisation._id.toString(), organisation.name]));
      return categories.map((category) => ({ category, group: names.get(category.defaultOrganisationId?.toString() ?? '') ?? jurisdiction.name }));
    },

    /** A category that takes reports (not archived), or null. */
    async service(jurisdiction: Jurisdiction, serviceCode: string): Promise<IssueCategoryDoc | null> {
      return (await models.IssueCategory.findOne({ _id: serviceCode, communityId: jurisdiction.communityId, archived: false }).lean()) as IssueCategoryDoc | null;
    },

    async requests(jurisdiction: Jurisdiction, query: RequestQuery): Promise<IssueDoc[]> {
      const filter: Record<string, unknown> = { communityId: jurisdiction.communityId };
      if (query.ids) {
        filter._id = op({ $in: query.ids });
      } else {
        filter.createdAt = op({ $gte: query.from, $lte: query.to });
        if (query.serviceCodes) filter.categoryId = op({ $in: query.serviceCodes });
        if (query.statuses) filter.state = op({ $in: [...new Set(query.statuses)].flatMap(statesFor) });
      }
      return (await models.Issue.find(filter).sort({ createdAt: -1 }).limit(query.limit).lean()) as IssueDoc[];
    },

    async request(jurisdiction: Jurisdiction, id: string): Promise<IssueDoc | null> {
      return (await models.Issue.findOne({ _id: id, communityId: jurisdiction.communityId }).lean()) as IssueDoc | null;
    },

    async token(jurisdiction: Jurisdiction, token: string): Promise<{ token: string; issueId: string } | null> {
      const found = await models.Open311Token.findOne({ _id: token, communityId: jurisdiction.communityId }).lean();
      return found ? { token: found._id, issueId: found.issueId.toString() } : null;
    },

    /**
     * Files a request with a valid key of this jurisdiction (the routes checked both):
     * through the issues service, so it is numbered, gets its deadline, and shows up
     * live for staff and residents like any report. Answers with the token minted for it.
     */
    async file(key: Open311KeyDoc, filing: ExternalFiling): Promise<{ issue: IssueDoc; token: string }> {
      const communityId = key.communityId.toString();
      const issue = await deps.issues.fileExternal({ communityId, ...filing, filedByName: `Open311 ${key.label}` });
      const token = randomBytes(12).toString('base64url');
      const now = deps.clock();
      // The report is filed whatever happens below: neither may turn it into an error the client would retry.
      await models.Open311Token.create({ _id: token, communityId, issueId: issue._id, createdAt: now }).catch((err: unknown) => deps.log.warn({ err }, 'open311: storing the token failed'));
      await models.Open311Key.updateOne({ _id: key._id }, { $set: { lastUsedAt: now } }).catch((err: unknown) => deps.log.warn({ err }, 'open311: marking the key used failed'));
      return { issue, token };
    },
  };
}

export type Open311Service = ReturnType<typeof createOpen311Service>;
