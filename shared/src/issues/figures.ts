/**
 * The figures of a community's problem reports, computed from what the
 * timeline stored (never from counters that can drift): the same function
 * runs on the server and in tests with fixtures of known times.
 */
import type { IssueAction } from './lifecycle.js';
import type { IssueRating } from './types.js';

/** One issue as the figures read it. */
export interface IssueFigureInput {
  categoryId: string;
  categoryName: string;
  createdAt: string;
  /** Acknowledge-by, from the category's response hours at filing. */
  respondBy: string;
  /** Transitions in time order, with the resolution deadline in force at each. */
  events: { action: IssueAction; at: string; resolveBy: string | null; organisationIds?: readonly string[] }[];
  rating: IssueRating | null;
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator, null when nothing was counted. */
  value: number | null;
}

export interface IssueFigures {
  from: string;
  to: string;
  filed: number;
  /** Answered (acknowledged, assigned, rejected or merged) by the response deadline / filed. */
  responseRate: Rate;
  /** First resolved by the resolution deadline / assigned issues resolved or past their deadline. */
  onTimeResolutionRate: Rate;
  /** Confirmed by the reporter (not automatically) / resolved at least once. */
  residentConfirmedRate: Rate;
  /** Confirmed automatically because the reporter did not answer / resolved at least once. */
  autoConfirmedRate: Rate;
  /** (非常满意 + 满意) / rated. */
  satisfactionRate: Rate;
  medianResponseHours: number | null;
  medianResolutionHours: number | null;
  byCategory: { categoryId: string; name: string; filed: number }[];
  byOrganisation: { organisationId: string; assigned: number; resolvedOnTime: number }[];
}

const firstResponse: ReadonlySet<IssueAction> = new Set(['acknowledge', 'assign', 'reject', 'merge']);
const rate = (numerator: number, denominator: number): Rate => ({ numerator, denominator, value: denominator === 0 ? null : numerator / denominator });
const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Figures over the issues filed in [from, to), judged at `now` (an open issue past its deadline counts as late). */
export function computeIssueFigures(issues: readonly IssueFigureInput[], from: string, to: string, now: string): IssueFigures {
  const inPeriod = issues.filter((issue) => issue.createdAt >= from && issue.createdAt < to);
  let responded = 0;
  let resolvedOnTime = 0;
  let resolutionJudged = 0;
  let everResolved = 0;
  let confirmedByReporter = 0;
  let confirmedAutomatically = 0;
  let satisfied = 0;
  let rated = 0;
  const responseHours: number[] = [];
  const resolutionHours: number[] = [];
  const byCategory = new Map<string, { categoryId: string; name: string; filed: number }>();
  const byOrganisation = new Map<string, { organisationId: string; assigned: number; resolvedOnTime: number }>();

  for (const issue of inPeriod) {
    const category = byCategory.get(issue.categoryId) ?? { categoryId: issue.categoryId, name: issue.categoryName, filed: 0 };
    category.filed++;
    byCategory.set(issue.categoryId, category);

    const response = issue.events.find((event) => firstResponse.has(event.action));
    if (response) {
      responseHours.push(hoursBetween(issue.createdAt, response.at));
      if (response.at <= issue.respondBy) responded++;
    }

    const assignments = issue.events.filter((event) => event.action === 'assign' || event.action === 'reassign');
    const resolve = issue.events.find((event) => event.action === 'resolve');
    const organisations = new Set(assignments.flatMap((event) => event.organisationIds ?? []));
    let onTime = false;
    if (assignments.length > 0) {
      // The deadline in force when it was resolved (or now, for one still open).
      const deadline = [...issue.events].reverse().find((event) => event.resolveBy !== null && (!resolve || event.at <= resolve.at))?.resolveBy ?? null;
      if (resolve) {
        resolutionJudged++;
        onTime = deadline === null || resolve.at <= deadline;
      } else if (deadline !== null && deadline < now) {
        resolutionJudged++;
      }
      if (onTime) resolvedOnTime++;
    }
    for (const organisationId of organisations) {
      const row = byOrganisation.get(organisationId) ?? { organisationId, assigned: 0, resolvedOnTime: 0 };
      row.assigned++;
      if (onTime) row.resolvedOnTime++;
      byOrganisation.set(organisationId, row);
    }
    if (resolve) {
      everResolved++;
      resolutionHours.push(hoursBetween(issue.createdAt, resolve.at));
      if (issue.events.some((event) => event.action === 'confirm')) confirmedByReporter++;
      else if (issue.events.some((event) => event.action === 'autoConfirm')) confirmedAutomatically++;
    }
    if (issue.rating) {
      rated++;
      if (issue.rating === 'very_satisfied' || issue.rating === 'satisfied') satisfied++;
    }
  }

  return {
    from,
    to,
    filed: inPeriod.length,
    responseRate: rate(responded, inPeriod.length),
    onTimeResolutionRate: rate(resolvedOnTime, resolutionJudged),
    residentConfirmedRate: rate(confirmedByReporter, everResolved),
    autoConfirmedRate: rate(confirmedAutomatically, everResolved),
    satisfactionRate: rate(satisfied, rated),
    medianResponseHours: median(responseHours),
    medianResolutionHours: median(resolutionHours),
    byCategory: [...byCategory.values()].sort((a, b) => b.filed - a.filed),
    byOrganisation: [...byOrganisation.values()].sort((a, b) => b.assigned - a.assigned),
  };
}
