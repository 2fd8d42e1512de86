/**
 * Regions: districts (区) and their streets (街道), which street each community is
 * grouped under, and who oversees a street or a district (监督). Platform admins
 * manage all of it; every change is audited (RegionAudit, and the community's own
 * audit log when a community is grouped). The index reads it to rank communities.
 */
import {
  can,
  defaultIndexWeights,
  DEFAULT_DELIBERATION_DAYS,
  indexComponentKeys,
  outsider,
  type AuditAction,
  type District,
  type EventPayload,
  type IndexWeights,
  type OversightGrant,
  type RegionAuditEntry,
  type RegionCommunity,
  type RegionRef,
  type RegionType,
  type Street,
} from '@linli/shared';
import { derivedId } from '../lib/db.js';
import { AppError, conflict, forbidden, isDuplicateKey, notFound } from '../lib/errors.js';
import type { Caller } from '../context/caller.js';
import type { AccessDeps } from '../context/access.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../issues/issue-store.js';
import type { CommunityDoc } from '../communities/community.model.js';
import type { DistrictDoc, OversightGrantDoc, StreetDoc } from './region.model.js';

export interface RegionDeps extends AccessDeps {
  audit: AuditService;
  clock: Clock;
}

/** A region as the index reads it: its communities and the district whose settings apply. */
export interface ResolvedRegion {
  ref: RegionRef;
  district: District;
  communities: { id: string; name: string; streetId: string | null }[];
}

const weightsOf = (stored: unknown): IndexWeights => {
  const out = { ...defaultIndexWeights };
  if (stored && typeof stored === 'object') {
    for (const key of indexComponentKeys) {
      const value = (stored as Record<string, unknown>)[key];
      if (typeof value === 'number') out[key] = value;
    }
  }
  return out;
};

const presentDistrict = (doc: DistrictDoc): District => ({ id: doc._id.toString(), name: doc.name, weights: weightsOf(doc.weights), deliberationDays: doc.deliberationDays ?? DEFAULT_DELIBERATION_DAYS });
const presentStreet = (doc: StreetDoc): Street => ({ id: doc._id.toString(), districtId: doc.districtId.toString(), name: doc.name });

/** The default district settings, for a community grouped under no street. */
export const unGroupedDistrict: District = { id: '', name: '', weights: defaultIndexWeights, deliberationDays: DEFAULT_DELIBERATION_DAYS };

export function createRegionService(deps: RegionDeps) {
  const { models } = deps;

  /** Everything (regions are few: a city has tens of streets, hundreds of communities). */
  async function load() {
    const [districts, streets, communities, assigned] = await Promise.all([
      models.District.find({}).sort({ name: 1 }).lean() as Promise<DistrictDoc[]>,
      models.Street.find({}).sort({ name: 1 }).lean() as Promise<StreetDoc[]>,
      models.Community.find({}, { name: 1, street: 1, district: 1 }).sort({ name: 1 }).lean() as Promise<Pick<CommunityDoc, '_id' | 'name' | 'street' | 'district'>[]>,
      models.CommunityRegion.find({}).lean(),
    ]);
    const districtById = new Map(districts.map((d) => [d._id.toString(), d]));
    const assignedById = new Map(assigned.map((row) => [row._id.toString(), row.streetId.toString()]));
    const byName = new Map(streets.map((s) => [`${districtById.get(s.districtId.toString())?.name ?? ''}\u0000${s.name}`, s._id.toString()]));
    const grouped: RegionCommunity[] = communities.map((c) => {
      const explicit = assignedById.get(c._id.toString());
      return {
        id: c._id.toString(),
        name: c.name,
        street: c.street,
        district: c.district,
        streetId: explicit ?? byName.get(`${c.district}\u0000${c.street}`) ?? null,
        assigned: explicit !== undefined,
      };
    });
    return { districts: districts.map(presentDistrict), streets: streets.map(presentStreet), communities: grouped };
  }

  type Loaded = Awaited<ReturnType<typeof load>>;

  function refOf(loaded: Loaded, regionId: string): { ref: RegionRef; district: District } | null {
    const district = loaded.districts.find((d) => d.id === regionId);
    if (district) return { ref: { type: 'district', id: district.id, name: district.name }, district };
    const street = loaded.streets.find((s) => s.id === regionId);
    if (!street) return null;
    const parent = loaded.districts.find((d) => d.id === street.districtId) ?? unGroupedDistrict;
    return { ref: { type: 'street', id: street.id, name: street.name }, district: parent };
  }

  function communitiesIn(loaded: Loaded, ref: RegionRef) {
    const streetIds = ref.type === 'street' ? new Set([ref.id]) : new Set(loaded.streets.filter((s) => s.districtId === ref.id).map((s) => s.id));
    return loaded.communities.filter((c) => c.streetId !== null && streetIds.has(c.streetId)).map((c) => ({ id: c.id, name: c.name, streetId: c.streetId }));
  }

  async function grantsOf(userId: string): Promise<OversightGrantDoc[]> {
    return (await models.OversightGrant.find({ userId }).lean()) as OversightGrantDoc[];
  }

  /** Community ids where the caller is supervisor or admin (they oversee their own community's street ranking). */
  async function supervisedCommunities(caller: Caller): Promise<Set<string>> {
    const memberships = await deps.memberships.ofUser(caller.userId);
    return new Set(memberships.filter((m) => m.status === 'active' && (m.role === 'supervisor' || m.role === 'admin')).map((m) => m.communityId.toString()));
  }

  /** The regions the caller may open: platform admins all; overseers theirs (a district's streets too); community supervisors/admins their community's street. */
  async function regionsFor(caller: Caller, loaded: Loaded): Promise<RegionRef[]> {
    if (caller.isPlatformAdmin) {
      return [...loaded.districts.map((d): RegionRef => ({ type: 'district', id: d.id, name: d.name })), ...loaded.streets.map((s): RegionRef => ({ type: 'street', id: s.id, name: s.name }))];
    }
    const ids = new Set<string>();
    for (const grant of await grantsOf(caller.userId)) {
      ids.add(grant.regionId.toString());
      if (grant.regionType === 'district') for (const s of loaded.streets) if (s.districtId === grant.regionId.toString()) ids.add(s.id);
    }
    const own = await supervisedCommunities(caller);
    for (const c of loaded.communities) if (own.has(c.id) && c.streetId) ids.add(c.streetId);
    const out: RegionRef[] = [];
    for (const id of ids) {
      const found = refOf(loaded, id);
      if (found) out.push(found.ref);
    }
    return out.sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name, 'zh-CN') : a.type === 'district' ? -1 : 1));
  }

  function requireManage(caller: Caller) {
    if (!can(outsider(caller.userId, caller.isPlatformAdmin), 'region.manage')) throw forbidden('Only platform admins manage regions');
  }

  async function record(caller: Caller, action: AuditAction, target: string, details: Record<string, string | number | boolean | null> = {}) {
    await models.RegionAudit.create({ actorId: caller.userId, actorName: caller.displayName, action, target, details, at: deps.clock() });
  }

  const presentGrant = (doc: OversightGrantDoc, name: string): OversightGrant => ({
    userId: doc.userId.toString(),
    displayName: doc.displayName,
    region: { type: doc.regionType as RegionType, id: doc.regionId.toString(), name },
    grantedAt: doc.at.toISOString(),
  });

  return {
    load,

    /** A region by id (district or street) with its communities; NOT_FOUND when there is none. */
    async resolve(regionId: string): Promise<ResolvedRegion> {
      const loaded = await load();
      const found = refOf(loaded, regionId);
      if (!found) throw notFound('Region');
      return { ...found, communities: communitiesIn(loaded, found.ref) };
    },

    /** The street a community is grouped under and its district's settings (defaults when none). */
    async ofCommunity(communityId: string): Promise<{ street: RegionRef | null; district: District; streetCommunities: { id: string; name: string; streetId: string | null }[] }> {
      const loaded = await load();
      const community = loaded.communities.find((c) => c.id === communityId);
      const found = community?.streetId ? refOf(loaded, community.streetId) : null;
      if (!found) return { street: null, district: unGroupedDistrict, streetCommunities: community ? [{ id: community.id, name: community.name, streetId: null }] : [] };
      return { street: found.ref, district: found.district, streetCommunities: communitiesIn(loaded, found.ref) };
    },

    /** Does the caller oversee this region (platform admin, a grant on it or on its district, or supervisor/admin of one of a street's communities)? */
    async oversees(caller: Caller, region: ResolvedRegion): Promise<boolean> {
      if (caller.isPlatformAdmin) return true;
      const grants = await grantsOf(caller.userId);
      if (grants.some((g) => g.regionId.toString() === region.ref.id)) return true;
      if (region.ref.type === 'street' && region.district.id && grants.some((g) => g.regionType === 'district' && g.regionId.toString() === region.district.id)) return true;
      if (region.ref.type === 'street') {
        const own = await supervisedCommunities(caller);
        return region.communities.some((c) => own.has(c.id));
      }
      return false;
    },

    async mine(caller: Caller): Promise<{ regions: RegionRef[]; manage: boolean }> {
      const loaded = await load();
      return { regions: await regionsFor(caller, loaded), manage: caller.isPlatformAdmin };
    },

    async overview(caller: Caller) {
      const loaded = await load();
      const manage = caller.isPlatformAdmin;
      const regions = await regionsFor(caller, loaded);
      const visible = new Set(regions.map((r) => r.id));
      const nameOf = (id: string) => refOf(loaded, id)?.ref.name ?? '';
      const grants = manage ? ((await models.OversightGrant.find({}).sort({ at: 1 }).lean()) as OversightGrantDoc[]) : [];
      const audit = manage ? await models.RegionAudit.find({}).sort({ at: -1 }).limit(50).lean() : [];
      return {
        districts: loaded.districts.filter((d) => manage || visible.has(d.id)),
        streets: loaded.streets.filter((s) => manage || visible.has(s.id)),
        communities: manage ? loaded.communities : loaded.communities.filter((c) => c.streetId !== null && visible.has(c.streetId)),
        grants: grants.map((g) => presentGrant(g, nameOf(g.regionId.toString()))),
        audit: audit.map(
          (row): RegionAuditEntry => ({ id: row._id.toString(), actorName: row.actorName, action: row.action, target: row.target, details: (row.details ?? {}) as RegionAuditEntry['details'], at: row.at.toISOString() }),
        ),
        manage,
      };
    },

    async saveDistrict(caller: Caller, input: EventPayload<'region:saveDistrict'>): Promise<District> {
      requireManage(caller);
      const set: Record<string, unknown> = { name: input.name };
      if (input.weights) {
        if (indexComponentKeys.every((key) => input.weights![key] === 0)) throw new AppError('VALIDATION_FAILED', 'At least one weight must be above 0', { issues: [{ path: 'weights', message: 'all zero' }] });
        set.weights = input.weights;
      }
      if (input.deliberationDays !== undefined) set.deliberationDays = input.deliberationDays;
      let doc: DistrictDoc | null;
      try {
        doc = input.districtId
          ? ((await models.District.findOneAndUpdate({ _id: input.districtId }, { $set: set }, { new: true }).lean()) as DistrictDoc | null)
          : ((await models.District.create({ weights: null, deliberationDays: DEFAULT_DELIBERATION_DAYS, ...set })).toObject() as DistrictDoc);
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('A district with this name exists');
        throw err;
      }
      if (!doc) throw notFound('District');
      const district = presentDistrict(doc);
      await record(caller, 'region.saveDistrict', district.name, { districtId: district.id, deliberationDays: district.deliberationDays, weights: indexComponentKeys.map((k) => `${k}:${district.weights[k]}`).join(' ') });
      return district;
    },

    async saveStreet(caller: Caller, input: EventPayload<'region:saveStreet'>): Promise<Street> {
      requireManage(caller);
      if (!(await models.District.exists({ _id: input.districtId }))) throw notFound('District');
      let doc: StreetDoc | null;
      try {
        doc = input.streetId
          ? ((await models.Street.findOneAndUpdate({ _id: input.streetId }, { $set: { name: input.name, districtId: input.districtId } }, { new: true }).lean()) as StreetDoc | null)
          : ((await models.Street.create({ name: input.name, districtId: input.districtId })).toObject() as StreetDoc);
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('A street with this name exists in that district');
        throw err;
      }
      if (!doc) throw notFound('Street');
      const street = presentStreet(doc);
      await record(caller, 'region.saveStreet', street.name, { streetId: street.id, districtId: street.districtId });
      return street;
    },

    async assign(caller: Caller, input: EventPayload<'region:assign'>): Promise<RegionCommunity> {
      requireManage(caller);
      if (!(await models.Community.exists({ _id: input.communityId }))) throw notFound('Community');
      if (input.streetId) {
        if (!(await models.Street.exists({ _id: input.streetId }))) throw notFound('Street');
        await models.CommunityRegion.updateOne({ _id: input.communityId }, { $set: { streetId: input.streetId } }, { upsert: true });
      } else {
        await models.CommunityRegion.deleteOne({ _id: input.communityId });
      }
      const loaded = await load();
      const community = loaded.communities.find((c) => c.id === input.communityId)!;
      const streetName = community.streetId ? (refOf(loaded, community.streetId)?.ref.name ?? null) : null;
      await record(caller, 'region.assign', community.name, { communityId: community.id, streetId: input.streetId, street: streetName });
      await deps.audit.record(community.id, caller, 'region.assign', { type: 'community', id: community.id }, { streetId: input.streetId, street: streetName });
      return community;
    },

    async grant(caller: Caller, input: EventPayload<'region:grant'>): Promise<OversightGrant> {
      requireManage(caller);
      const phone = input.phone.startsWith('+') ? input.phone : `+86${input.phone}`;
      const user = await models.User.findOne({ phone }, { displayName: 1 }).lean();
      if (!user) throw notFound('User');
      const loaded = await load();
      const found = refOf(loaded, input.regionId);
      if (!found || found.ref.type !== input.regionType) throw notFound('Region');
      const _id = derivedId('oversight', user._id.toString(), input.regionType, input.regionId);
      try {
        await models.OversightGrant.create({ _id, userId: user._id, displayName: user.displayName, regionType: input.regionType, regionId: input.regionId, grantedById: caller.userId, at: deps.clock() });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const doc = (await models.OversightGrant.findOne({ _id }).lean()) as OversightGrantDoc;
      await record(caller, 'region.grant', found.ref.name, { userId: user._id.toString(), user: user.displayName, regionType: input.regionType, regionId: input.regionId });
      return presentGrant(doc, found.ref.name);
    },

    async revoke(caller: Caller, input: EventPayload<'region:revoke'>): Promise<{ revoked: boolean }> {
      requireManage(caller);
      const doc = (await models.OversightGrant.findOneAndDelete({ _id: derivedId('oversight', input.userId, input.regionType, input.regionId) }).lean()) as OversightGrantDoc | null;
      if (!doc) return { revoked: false };
      const loaded = await load();
      await record(caller, 'region.revoke', refOf(loaded, input.regionId)?.ref.name ?? input.regionId, { userId: input.userId, user: doc.displayName, regionType: input.regionType, regionId: input.regionId });
      return { revoked: true };
    },

    /** Users who oversee at least one region (for tests and the seed). */
    async overseers(): Promise<string[]> {
      const rows = await models.OversightGrant.find({}, { userId: 1 }).lean();
      return [...new Set(rows.map((r) => r.userId.toString()))];
    },
  };
}

export type RegionService = ReturnType<typeof createRegionService>;

