/**
 * The community deliberation index (社区协商指数) and the grouping of communities
 * by street and district that its supervisors oversee.
 */

/** The components, in the order they are shown. */
export const indexComponentKeys = ['response', 'onTimeResolution', 'residentConfirmed', 'satisfaction', 'participation', 'deliberation', 'followThrough', 'survey'] as const;
export type IndexComponentKey = (typeof indexComponentKeys)[number];

export type IndexWeights = Record<IndexComponentKey, number>;

/** Equal weights over every component (the default of a district). */
export const defaultIndexWeights: IndexWeights = { response: 1, onTimeResolution: 1, residentConfirmed: 1, satisfaction: 1, participation: 1, deliberation: 1, followThrough: 1, survey: 1 };

/** Days a deliberation must have been open before a decision for it to count (a district may change it). */
export const DEFAULT_DELIBERATION_DAYS = 7;
/** Fewer events than this in a month: "not enough data", not ranked. */
export const INDEX_MIN_EVENTS = 5;

export const regionTypes = ['district', 'street'] as const;
export type RegionType = (typeof regionTypes)[number];

/** One component of a month: numerator / denominator as a 0-100 score (one decimal), null without data. */
export interface IndexComponent {
  key: IndexComponentKey;
  numerator: number;
  denominator: number;
  /** 0-100, one decimal; null when the denominator is 0 (no data: left out of the total). */
  value: number | null;
}

/** One community's index for one month. */
export interface IndexFigures {
  communityId: string;
  communityName: string;
  /** 'YYYY-MM', a calendar month in Asia/Shanghai time. */
  month: string;
  components: IndexComponent[];
  /** The weights applied (the district's at computation). */
  weights: IndexWeights;
  deliberationDays: number;
  /** Reports filed + decisions recorded + action items due + distinct residents who took part. */
  events: number;
  members: number;
  /** Weighted mean of the components with data, one decimal; null when not enough data. */
  total: number | null;
  enoughData: boolean;
  /** The component with the lowest score (ties: the first in display order); null without data. */
  weakest: IndexComponentKey | null;
}

/** A frozen, published month. */
export interface IndexSnapshot extends IndexFigures {
  publishedAt: string;
  /** Null: published by the monthly sweeper. */
  publishedByName: string | null;
}

/** A component whose published and live figures differ. */
export interface IndexDifference {
  key: IndexComponentKey | 'total';
  published: number | null;
  live: number | null;
}

/** One community's row in a ranking: the published month when there is one, else the live figure. */
export interface IndexRankingRow {
  figures: IndexFigures;
  published: boolean;
  publishedAt: string | null;
  /** 1, 2, ... by total (ties share a rank); null when not enough data. */
  rank: number | null;
  streetName: string | null;
}

export interface District {
  id: string;
  name: string;
  weights: IndexWeights;
  deliberationDays: number;
}

export interface Street {
  id: string;
  districtId: string;
  name: string;
}

export interface RegionRef {
  type: RegionType;
  id: string;
  name: string;
}

/** A community as the regions screen lists it. */
export interface RegionCommunity {
  id: string;
  name: string;
  /** The community's own free-text fields. */
  street: string;
  district: string;
  /** The street it is grouped under: set by a platform admin, else matched by name; null when none. */
  streetId: string | null;
  /** Assigned explicitly (false: matched by name). */
  assigned: boolean;
}

export interface OversightGrant {
  userId: string;
  displayName: string;
  region: RegionRef;
  grantedAt: string;
}

export interface RegionAuditEntry {
  id: string;
  actorName: string;
  action: string;
  target: string;
  details: Record<string, string | number | boolean | null>;
  at: string;
}
