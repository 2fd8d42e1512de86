/**
 * The needs analysis as pure functions of what was read once (insights.service.ts):
 * calendar periods in China time, breakdowns of problem reports with their
 * open/resolved/overdue split, rising words, and repeat problems at one place.
 */
import {
  INSIGHTS_UTC_OFFSET_MINUTES,
  insightPeriodMonths,
  openIssueStates,
  type InsightBucket,
  type InsightPeriod,
  type InsightRow,
  type IssueState,
  type RepeatGroup,
  type RisingWord,
  type StateSplit,
} from '@linli/shared';

const OFFSET_MS = INSIGHTS_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** What the analysis reads of a problem report (never its reporter). */
export interface InsightIssue {
  id: string;
  number: number;
  categoryId: string;
  categoryName: string;
  building: string;
  locationText: string;
  state: IssueState;
  overdueLevel: number;
  organisations: { id: string; name: string }[];
  createdAt: Date;
}

// ---------------------------------------------------------------------------
// Calendar (China time)
// ---------------------------------------------------------------------------

/** The start of the calendar month `monthsBack` months before the one holding `at`. */
export function monthStart(at: Date, monthsBack = 0): Date {
  const local = new Date(at.getTime() + OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - monthsBack, 1) - OFFSET_MS);
}

/** The start of the week (Monday 00:00) holding `at`. */
export function weekStart(at: Date): Date {
  const local = new Date(at.getTime() + OFFSET_MS);
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - sinceMonday) - OFFSET_MS);
}

/** A period: from the start of its first calendar month to now. */
export function periodRange(period: InsightPeriod, now: Date): { from: Date; to: Date } {
  return { from: monthStart(now, insightPeriodMonths[period] - 1), to: now };
}

/** The chart's buckets: weeks (cut at the month's start) for this month, calendar months otherwise. */
export function bucketsOf(period: InsightPeriod, from: Date, to: Date): { from: Date; to: Date }[] {
  const out: { from: Date; to: Date }[] = [];
  let start = from;
  while (start < to) {
    const next = period === 'month' ? new Date(weekStart(start).getTime() + 7 * DAY_MS) : monthStart(new Date(start.getTime()), -1);
    const end = next < to ? next : to;
    out.push({ from: start, to: end });
    start = end;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------

const chineseDigits: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一..九十九 as a number; null for anything else. */
function chineseNumber(text: string): number | null {
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/u.exec(text);
  if (!m || text === '') return null;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? chineseDigits[tens]! : null;
  return (tens ? chineseDigits[tens]! : 1) * 10 + (ones ? chineseDigits[ones]! : 0);
}

const buildingNumber = '(\\d+|[a-z]|[一二两三四五六七八九十]{1,3})';
const buildingField = new RegExp(`^第?${buildingNumber}(?:号楼|号|栋|幢|座|楼)?$`, 'u');
const buildingInLocation = new RegExp(`${buildingNumber}(?:号楼|栋|幢|座)`, 'u');

const squeeze = (text: string) => text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();

function buildingLabel(number: string): string {
  const n = /^\d+$/u.test(number) ? String(Number(number)) : (chineseNumber(number)?.toString() ?? number);
  return `${n}栋`;
}

/**
 * One spelling per building: "3号楼", "３栋", "三栋", "第3幢", "3" all read "3栋";
 * anything else is kept as typed, without spaces, lower case.
 */
export function normaliseBuilding(raw: string): string {
  const text = squeeze(raw);
  const m = buildingField.exec(text);
  return m ? buildingLabel(m[1]!) : text;
}

/** The building a report is about: its building field, or one named in its location text ("3号楼东侧" → 3栋); '' if none. */
export function buildingOf(issue: Pick<InsightIssue, 'building' | 'locationText'>): string {
  const field = normaliseBuilding(issue.building);
  if (field) return field;
  const m = buildingInLocation.exec(squeeze(issue.locationText));
  return m ? buildingLabel(m[1]!) : '';
}

/**
 * Where a report is, for grouping repeats: its building, or else its location text
 * without spaces and punctuation, with units, rooms and house numbers taken out and
 * the given names (the members') masked; '' if none.
 */
export function placeOf(issue: Pick<InsightIssue, 'building' | 'locationText'>, names: readonly string[] = []): string {
  const building = buildingOf(issue);
  if (building) return building;
  let place = squeeze(issue.locationText)
    .replace(/\d+(?:单元|室|户|号房|号)/gu, '')
    .replace(/\d{3,}/gu, '')
    .replace(/[\p{P}\p{S}]/gu, '');
  for (const name of names.map(squeeze)) if ([...name].length >= 2) place = place.split(name).join('*');
  return place;
}

// ---------------------------------------------------------------------------
// Counts
// ---------------------------------------------------------------------------

const resolvedStates: readonly IssueState[] = ['resolved', 'confirmed'];

export const emptySplit = (): StateSplit => ({ total: 0, open: 0, resolved: 0, overdue: 0 });

function addTo(split: StateSplit, issue: InsightIssue): void {
  const open = openIssueStates.includes(issue.state);
  split.total += 1;
  if (open) split.open += 1;
  if (resolvedStates.includes(issue.state)) split.resolved += 1;
  if (open && issue.overdueLevel >= 1) split.overdue += 1;
}

/** How many of the reports are open, resolved, overdue. */
export function splitOf(issues: readonly InsightIssue[]): StateSplit {
  const split = emptySplit();
  for (const issue of issues) addTo(split, issue);
  return split;
}

/** Rows by key, most reports first (then by label); the null key (none given) last. */
export function rowsBy(issues: readonly InsightIssue[], keysOf: (issue: InsightIssue) => { key: string | null; label: string | null }[]): InsightRow[] {
  const rows = new Map<string | null, InsightRow>();
  for (const issue of issues) {
    for (const { key, label } of keysOf(issue)) {
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { key, label, ...emptySplit() }));
      addTo(row, issue);
    }
  }
  return [...rows.values()].sort((a, b) => {
    if ((a.key === null) !== (b.key === null)) return a.key === null ? 1 : -1;
    return b.total - a.total || compareText(a.label ?? '', b.label ?? '');
  });
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Reports filed in [from, to). */
export const filedIn = (issues: readonly InsightIssue[], from: Date, to: Date) => issues.filter((issue) => issue.createdAt >= from && issue.createdAt < to);

/** The breakdowns of one period (`categoryNames`: current names; a report's own is the fallback). */
export function breakdown(issues: readonly InsightIssue[], period: InsightPeriod, from: Date, to: Date, categoryNames: ReadonlyMap<string, string>, organisationNames: ReadonlyMap<string, string>) {
  const inPeriod = filedIn(issues, from, to);
  return {
    totals: splitOf(inPeriod),
    byCategory: rowsBy(inPeriod, (issue) => [{ key: issue.categoryId, label: categoryNames.get(issue.categoryId) ?? issue.categoryName }]),
    byBuilding: rowsBy(inPeriod, (issue) => {
      const building = buildingOf(issue);
      return [building ? { key: building, label: building } : { key: null, label: null }];
    }),
    byOrganisation: rowsBy(inPeriod, (issue) =>
      issue.organisations.length === 0
        ? [{ key: null, label: null }]
        : [...new Map(issue.organisations.map((org) => [org.id, org])).values()].map((org) => ({ key: org.id, label: organisationNames.get(org.id) ?? org.name })),
    ),
    bucket: period === 'month' ? ('week' as const) : ('month' as const),
    overTime: bucketsOf(period, from, to).map((bucket): InsightBucket => ({
      from: bucket.from.toISOString(),
      to: bucket.to.toISOString(),
      ...splitOf(filedIn(inPeriod, bucket.from, bucket.to)),
    })),
  };
}

// ---------------------------------------------------------------------------
// Rising words
// ---------------------------------------------------------------------------

export const RISING = { minCount: 3, limit: 20, baselineMonths: 3 } as const;

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * Words used in at least `minCount` texts this month and more than in the average
 * month before, by lift (now + 1) / (mean before + 1), highest first; ties by count
 * now, then by word.
 */
export function risingWords(now: ReadonlyMap<string, number>, before: ReadonlyMap<string, number>, options: { minCount?: number; limit?: number; baselineMonths?: number } = {}): RisingWord[] {
  const { minCount, limit, baselineMonths } = { ...RISING, ...options };
  const rising: (RisingWord & { exactLift: number })[] = [];
  for (const [word, count] of now) {
    const mean = (before.get(word) ?? 0) / baselineMonths;
    if (count < minCount || count <= mean) continue;
    const exactLift = (count + 1) / (mean + 1);
    rising.push({ word, now: count, before: round(mean, 1), lift: round(exactLift, 2), exactLift });
  }
  return rising
    .sort((a, b) => b.exactLift - a.exactLift || b.now - a.now || compareText(a.word, b.word))
    .slice(0, limit)
    .map(({ word, now: count, before: mean, lift }) => ({ word, now: count, before: mean, lift }));
}

// ---------------------------------------------------------------------------
// Repeat problems
// ---------------------------------------------------------------------------

export const REPEATS = { windowDays: 90, minReports: 2 } as const;

/**
 * Reports of one category at one place (placeOf) filed in the `windowDays` before now,
 * in groups of at least `minReports`: most reports first, then the latest filing.
 */
export function repeatGroups(
  issues: readonly InsightIssue[],
  now: Date,
  categoryNames: ReadonlyMap<string, string>,
  options: { windowDays?: number; minReports?: number; names?: readonly string[] } = {},
): RepeatGroup[] {
  const { windowDays, minReports } = { ...REPEATS, ...options };
  const groups = new Map<string, { place: string; issues: InsightIssue[] }>();
  for (const issue of filedIn(issues, new Date(now.getTime() - windowDays * DAY_MS), now)) {
    const place = placeOf(issue, options.names);
    if (!place) continue;
    const key = `${issue.categoryId}|${place}`;
    const group = groups.get(key) ?? { place, issues: [] };
    group.issues.push(issue);
    groups.set(key, group);
  }
  const latest = (group: { issues: InsightIssue[] }) => Math.max(...group.issues.map((issue) => issue.createdAt.getTime()));
  return [...groups.values()]
    .filter((group) => group.issues.length >= minReports)
    .sort((a, b) => b.issues.length - a.issues.length || latest(b) - latest(a) || compareText(a.place, b.place))
    .map((group) => {
      const sorted = [...group.issues].sort((a, b) => a.number - b.number);
      const first = sorted[0]!;
      return {
        categoryId: first.categoryId,
        categoryName: categoryNames.get(first.categoryId) ?? first.categoryName,
        place: group.place,
        issues: sorted.map((issue) => ({ issueId: issue.id, number: issue.number, state: issue.state, createdAt: issue.createdAt.toISOString() })),
      };
    });
}
