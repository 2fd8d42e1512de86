/**
 * The community deliberation index (`index:*`) and the regions it is ranked in
 * (`region:*`: districts, streets, which street a community belongs to, who
 * oversees a street or a district).
 */
import { z } from 'zod';
import { id, line } from '../fields.js';
import { defineContract, type Rule } from '../contract.js';
import { isMember, isStaff } from '../actor.js';
import { monthPattern } from './formula.js';
import {
  indexComponentKeys,
  regionTypes,
  type District,
  type IndexDifference,
  type IndexFigures,
  type IndexRankingRow,
  type IndexSnapshot,
  type OversightGrant,
  type RegionAuditEntry,
  type RegionCommunity,
  type RegionRef,
  type Street,
} from './types.js';

export const INDEX_LIMITS = {
  regionName: { min: 2, max: 40 },
  deliberationDays: { min: 1, max: 60 },
  weight: { max: 10 },
  trendMonths: 12,
} as const;

const month = z.string().regex(monthPattern, 'must be a month YYYY-MM');
const weights = z.strictObject(Object.fromEntries(indexComponentKeys.map((key) => [key, z.int().min(0).max(INDEX_LIMITS.weight.max)])) as Record<(typeof indexComponentKeys)[number], z.ZodInt>);
const name = line(INDEX_LIMITS.regionName.min, INDEX_LIMITS.regionName.max);

export const indexSchemas = {
  /** The regions the caller may open on /oversight, and whether they manage regions. */
  mine: z.strictObject({}),
  /** Districts, streets, communities and grants (platform admins: all; others: what they oversee). */
  overview: z.strictObject({}),
  /** Creates (no districtId) or edits a district: its name, index weights and deliberation days. */
  saveDistrict: z.strictObject({
    districtId: id.optional(),
    name,
    weights: weights.optional(),
    deliberationDays: z.int().min(INDEX_LIMITS.deliberationDays.min).max(INDEX_LIMITS.deliberationDays.max).optional(),
  }),
  saveStreet: z.strictObject({ streetId: id.optional(), districtId: id, name }),
  /** Groups a community under a street (null: back to matching by name). */
  assign: z.strictObject({ communityId: id, streetId: id.nullable() }),
  /** A user (by phone) oversees a street or a district. */
  grant: z.strictObject({ phone: z.string().trim().regex(/^\+?\d{6,16}$/, 'must be a phone number'), regionType: z.enum(regionTypes), regionId: id }),
  revoke: z.strictObject({ userId: id, regionType: z.enum(regionTypes), regionId: id }),
  /** The communities of a street or district ranked for a month. */
  ranking: z.strictObject({ regionId: id, month }),
  /** Each community's total over the months up to `month`. */
  trend: z.strictObject({ regionId: id, month, months: z.int().min(2).max(INDEX_LIMITS.trendMonths).default(6) }),
  /** One community's month: the published figures, the live recompute beside them, and its rank in its street. */
  community: z.strictObject({ communityId: id, month }),
  /** Freezes and publishes a community's ended month (once: a second publish answers the stored one). */
  publish: z.strictObject({ communityId: id, month }),
};

export interface IndexResults {
  'region:mine': { regions: RegionRef[]; manage: boolean };
  'region:overview': { districts: District[]; streets: Street[]; communities: RegionCommunity[]; grants: OversightGrant[]; audit: RegionAuditEntry[]; manage: boolean };
  'region:saveDistrict': District;
  'region:saveStreet': Street;
  'region:assign': RegionCommunity;
  'region:grant': OversightGrant;
  'region:revoke': { revoked: boolean };
  'index:ranking': { region: RegionRef; month: string; rows: IndexRankingRow[] };
  'index:trend': { region: RegionRef; months: string[]; series: { communityId: string; communityName: string; totals: (number | null)[] }[] };
  'index:community': {
    month: string;
    published: IndexSnapshot | null;
    live: IndexFigures;
    differences: IndexDifference[];
    /** Rank among the communities of its street (published figures where published), null when unranked. */
    rank: number | null;
    ranked: number;
    street: RegionRef | null;
    /** The month has ended (it can be published). */
    ended: boolean;
  };
  'index:publish': IndexSnapshot;
}

export const indexRules = {
  /** Districts, streets, community grouping, weights and oversight grants. */
  'region.manage': (a) => a.isPlatformAdmin,
  /** A region's ranking, trends and export: platform admins, its overseers, and staff with a supervising role in one of its communities. */
  'index.oversee': (a, r) => a.isPlatformAdmin || r.overseer,
  /** A community's own figures and rank: its members. */
  'index.view': (a) => isMember(a),
  /** Publishing an ended month explicitly: community staff and platform admins. */
  'index.publish': (a) => isStaff(a.role) || a.isPlatformAdmin,
} satisfies {
  'region.manage': Rule;
  'index.oversee': Rule<{ overseer: boolean }>;
  'index.view': Rule;
  'index.publish': Rule;
};

export const indexContract = defineContract<IndexResults>()({
  commands: {
    'region:mine': indexSchemas.mine,
    'region:overview': indexSchemas.overview,
    'region:saveDistrict': indexSchemas.saveDistrict,
    'region:saveStreet': indexSchemas.saveStreet,
    'region:assign': indexSchemas.assign,
    'region:grant': indexSchemas.grant,
    'region:revoke': indexSchemas.revoke,
    'index:ranking': indexSchemas.ranking,
    'index:trend': indexSchemas.trend,
    'index:community': indexSchemas.community,
    'index:publish': indexSchemas.publish,
  },
  rules: indexRules,
});
