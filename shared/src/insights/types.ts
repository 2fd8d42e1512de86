/**
 * Needs analysis (需求分析): what residents raise, what is rising, and what keeps
 * coming back at the same place. Staff only; every figure is a count over buildings,
 * categories, organisations and words — never a person, unit or room.
 */
import type { IssueState } from '../issues/types.js';

/** The periods staff pick: this month, the last 3 months, the last 12 months (calendar months, China time). */
export const insightPeriods = ['month', 'quarter', 'year'] as const;
export type InsightPeriod = (typeof insightPeriods)[number];

/** Months in the period, the current one included. */
export const insightPeriodMonths: Record<InsightPeriod, number> = { month: 1, quarter: 3, year: 12 };

/** Calendar boundaries (months, weeks) are read in China time (UTC+8, no daylight saving). */
export const INSIGHTS_UTC_OFFSET_MINUTES = 8 * 60;

/** How many of a set of problem reports are open, resolved and overdue. */
export interface StateSplit {
  total: number;
  /** Still being worked on (submitted, acknowledged, assigned, in progress, reopened). */
  open: number;
  /** Resolved or confirmed by the reporter. */
  resolved: number;
  /** Open and past a deadline (the supervisors were told: overdue level 1 or more). */
  overdue: number;
}

/** One row of a breakdown. `key` null: reports with no building given / not assigned to anyone. */
export interface InsightRow extends StateSplit {
  key: string | null;
  label: string | null;
}

/** Reports filed in [from, to). */
export interface InsightBucket extends StateSplit {
  from: string;
  to: string;
}

/** A word used more this month than the months before. */
export interface RisingWord {
  word: string;
  /** Reports and public messages using the word this month. */
  now: number;
  /** The same, per month over the three months before (one decimal). */
  before: number;
  /** (now + 1) / (before + 1), two decimals: +1 keeps a new word from rising without bound. */
  lift: number;
}

export interface RisingTopics {
  /** This month so far: [from, to). */
  from: string;
  to: string;
  /** The three calendar months before: [baselineFrom, from). */
  baselineFrom: string;
  /** A word must be used in at least this many reports or messages this month. */
  minCount: number;
  /** Reports and messages read: this month, and per month before (one decimal). */
  documents: { now: number; before: number };
  words: RisingWord[];
}

/** A report in a repeat group: its number and state, never its reporter. */
export interface RepeatIssueRef {
  issueId: string;
  number: number;
  state: IssueState;
  createdAt: string;
}

/** Reports of one category at one place within the window. */
export interface RepeatGroup {
  categoryId: string;
  categoryName: string;
  /** The normalised building ("3栋") or location text the reports share. */
  place: string;
  issues: RepeatIssueRef[];
}

export interface CommunityInsights {
  communityId: string;
  period: InsightPeriod;
  /** The period: [from, to), `to` being the time of the computation. */
  from: string;
  to: string;
  /** Reports filed in the period. */
  totals: StateSplit;
  byCategory: InsightRow[];
  /** By building (from the report's building, or a building named in its location text); never by unit or room. */
  byBuilding: InsightRow[];
  /** By assigned organisation: a report assigned to two counts once for each; key null = not assigned. */
  byOrganisation: InsightRow[];
  /** Weeks (Monday first) for this month, months otherwise. */
  bucket: 'week' | 'month';
  overTime: InsightBucket[];
  rising: RisingTopics;
  repeats: { windowDays: number; minReports: number; groups: RepeatGroup[] };
  /** When it was computed (answers are cached for a minute). */
  computedAt: string;
}
