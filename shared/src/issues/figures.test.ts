import { describe, expect, it } from 'vitest';
import { computeIssueFigures, median, type IssueFigureInput } from './figures.js';

const at = (hours: number) => new Date(Date.UTC(2026, 10, 1) + hours * 3_600_000).toISOString();

/** Four issues with known times: filed at hour 0, 1, 2 and 3 of 1 November. */
const fixture: IssueFigureInput[] = [
  {
    // Answered in 2 h (deadline 24 h), resolved on time at 30 h, confirmed, very satisfied.
    categoryId: 'c1', categoryName: '维修报修', createdAt: at(0), respondBy: at(24), rating: 'very_satisfied',
    events: [
      { action: 'acknowledge', at: at(2), resolveBy: null },
      { action: 'assign', at: at(3), resolveBy: at(3 + 72), organisationIds: ['org-a'] },
      { action: 'resolve', at: at(30), resolveBy: null },
      { action: 'confirm', at: at(31), resolveBy: null },
    ],
  },
  {
    // Answered late (30 h > 25 h), resolved late (deadline 40 h, resolved 50 h), confirmed automatically.
    categoryId: 'c1', categoryName: '维修报修', createdAt: at(1), respondBy: at(25), rating: null,
    events: [
      { action: 'assign', at: at(30), resolveBy: at(40), organisationIds: ['org-a', 'org-b'] },
      { action: 'resolve', at: at(50), resolveBy: null },
      { action: 'autoConfirm', at: at(220), resolveBy: null },
    ],
  },
  {
    // Rejected in 1 h: answered, never assigned; rated nothing.
    categoryId: 'c2', categoryName: '环境卫生', createdAt: at(2), respondBy: at(26), rating: null,
    events: [{ action: 'reject', at: at(3), resolveBy: null }],
  },
  {
    // Assigned at 10 h, deadline extended to 200 h, still open at "now" (100 h): not judged yet; rated dissatisfied earlier.
    categoryId: 'c2', categoryName: '环境卫生', createdAt: at(3), respondBy: at(27), rating: 'dissatisfied',
    events: [
      { action: 'assign', at: at(10), resolveBy: at(20), organisationIds: ['org-b'] },
      { action: 'extend', at: at(15), resolveBy: at(200) },
    ],
  },
];

describe('issue figures from stored timelines', () => {
  const figures = computeIssueFigures(fixture, at(0), at(24), at(100));

  it('response rate: answered by the response deadline / filed', () => {
    expect(figures.filed).toBe(4);
    // Issues 1, 3, 4 answered in time (4 assigned at 10 h < 27 h); 2 answered at 30 h > 25 h.
    expect(figures.responseRate).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
  });

  it('on-time resolution: resolved by the deadline in force / resolved or past deadline', () => {
    // 1 on time, 2 late; 4 is open but its extended deadline (200 h) is after now (100 h): not judged.
    expect(figures.onTimeResolutionRate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
  });

  it('resident-confirmed and automatic confirmations are counted apart', () => {
    expect(figures.residentConfirmedRate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(figures.autoConfirmedRate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
  });

  it('satisfaction: (非常满意 + 满意) / rated', () => {
    expect(figures.satisfactionRate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
  });

  it('median times in hours', () => {
    // Response: 2, 29, 1, 7 -> median (2 + 7) / 2 = 4.5. Resolution: 30, 49 -> 39.5.
    expect(figures.medianResponseHours).toBe(4.5);
    expect(figures.medianResolutionHours).toBe(39.5);
  });

  it('counts by category and by organisation', () => {
    expect(figures.byCategory).toEqual([
      { categoryId: 'c1', name: '维修报修', filed: 2 },
      { categoryId: 'c2', name: '环境卫生', filed: 2 },
    ]);
    expect(figures.byOrganisation).toEqual([
      { organisationId: 'org-a', assigned: 2, resolvedOnTime: 1 },
      { organisationId: 'org-b', assigned: 2, resolvedOnTime: 0 },
    ]);
  });

  it('only issues filed in the period count; an empty period has no rates', () => {
    const early = computeIssueFigures(fixture, at(0), at(2), at(100));
    expect(early.filed).toBe(2);
    const none = computeIssueFigures(fixture, at(500), at(600), at(700));
    expect(none.filed).toBe(0);
    expect(none.responseRate.value).toBeNull();
    expect(none.medianResponseHours).toBeNull();
  });

  it('an open issue past its deadline counts as late', () => {
    const late = computeIssueFigures(fixture, at(3), at(4), at(300));
    expect(late.onTimeResolutionRate).toEqual({ numerator: 0, denominator: 1, value: 0 });
  });

  it('median', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
  });
});
