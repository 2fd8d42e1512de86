import { describe, expect, it } from 'vitest';
import { addMonths, component, differencesOf, finish, monthOf, monthRange, rankOf, score, weakestOf, weightedTotal } from './formula.js';
import { defaultIndexWeights, type IndexFigures } from './types.js';

describe('index months (Asia/Shanghai)', () => {
  it('a month runs from its first day 00:00 UTC+8 to the next month\'s', () => {
    expect(monthRange('2026-01')).toEqual({ from: new Date('2025-12-31T16:00:00Z'), to: new Date('2026-01-31T16:00:00Z') });
    expect(monthRange('2026-12').to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
  it('an instant belongs to its Shanghai month', () => {
    expect(monthOf(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11');
    expect(monthOf(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12');
  });
  it('months add across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
  });
});

describe('index scores', () => {
  it('rounds half up to one decimal exactly; no denominator is no data', () => {
    expect(score(2, 3)).toBe(66.7);
    expect(score(1, 3)).toBe(33.3);
    expect(score(1, 8)).toBe(12.5);
    // 1/16 = 6.25 -> 6.3 (half up), 1/160 = 0.625 -> 0.6
    expect(score(1, 16)).toBe(6.3);
    expect(score(1, 160)).toBe(0.6);
    expect(score(0, 0)).toBeNull();
  });
  it('the total is the weighted mean of the components with data and a positive weight', () => {
    const parts = [component('response', 1, 2), component('participation', 1, 4), component('survey', 0, 0)];
    expect(weightedTotal(parts, defaultIndexWeights)).toBe(37.5);
    expect(weightedTotal(parts, { ...defaultIndexWeights, participation: 3 })).toBe(31.3);
    expect(weightedTotal(parts, { ...defaultIndexWeights, response: 0, participation: 0 })).toBeNull();
    expect(weakestOf(parts)).toBe('participation');
  });
  it('too few events or no component with data is not enough data', () => {
    const base = { communityId: 'c', communityName: 'c', month: '2026-10', weights: defaultIndexWeights, deliberationDays: 7, members: 10 };
    expect(finish({ ...base, components: [component('response', 1, 1)], events: 4 })).toMatchObject({ enoughData: false, total: null, weakest: null });
    expect(finish({ ...base, components: [component('response', 0, 0)], events: 50 })).toMatchObject({ enoughData: false, total: null });
    expect(finish({ ...base, components: [component('response', 1, 1)], events: 5 })).toMatchObject({ enoughData: true, total: 100, weakest: 'response' });
  });
  it('ranks share a place on equal totals and leave out communities without enough data', () => {
    const row = (total: number | null) => ({ figures: { total, enoughData: total !== null } });
    expect(rankOf([row(50), row(null), row(70), row(50), row(20)]).map((r) => [r.figures.total, r.rank])).toEqual([
      [70, 1],
      [50, 2],
      [50, 2],
      [20, 4],
      [null, null],
    ]);
  });
  it('differences list each component and the total that moved', () => {
    const base = { communityId: 'c', communityName: 'c', month: '2026-10', weights: defaultIndexWeights, deliberationDays: 7, members: 10, events: 10 };
    const published: IndexFigures = finish({ ...base, components: [component('response', 1, 2), component('satisfaction', 1, 2)] });
    const live: IndexFigures = finish({ ...base, components: [component('response', 1, 2), component('satisfaction', 2, 3)] });
    expect(differencesOf(published, published)).toEqual([]);
    expect(differencesOf(published, live)).toEqual([
      { key: 'satisfaction', published: 50, live: 66.7 },
      { key: 'total', published: 50, live: 58.4 },
    ]);
  });
});
