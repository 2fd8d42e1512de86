import { describe, expect, it } from 'vitest';
import type { IssueState } from '@linli/shared';
import { breakdown, bucketsOf, buildingOf, monthStart, normaliseBuilding, periodRange, placeOf, repeatGroups, risingWords, weekStart, type InsightIssue } from './analysis.js';
import { documentCounts } from './words.js';

// 2026-11-18 10:00 in China (a Wednesday).
const NOW = new Date('2026-11-18T02:00:00Z');
const iso = (d: Date) => d.toISOString();

describe('calendar in China time', () => {
  it('a month starts at 00:00 China time on the 1st, also when it is still the last day in UTC', () => {
    expect(iso(monthStart(NOW))).toBe('2026-10-31T16:00:00.000Z');
    expect(iso(monthStart(NOW, 3))).toBe('2026-07-31T16:00:00.000Z');
    // 1 December 04:00 in China is 30 November in UTC.
    expect(iso(monthStart(new Date('2026-11-30T20:00:00Z')))).toBe('2026-11-30T16:00:00.000Z');
    expect(iso(monthStart(new Date('2026-01-10T00:00:00Z'), 11))).toBe('2025-01-31T16:00:00.000Z');
  });

  it('a week starts on Monday', () => {
    expect(iso(weekStart(NOW))).toBe('2026-11-15T16:00:00.000Z');
  });

  it('periods and their chart buckets: weeks cut at the month start, or calendar months', () => {
    const month = periodRange('month', NOW);
    expect(bucketsOf('month', month.from, month.to).map((b) => [iso(b.from), iso(b.to)])).toEqual([
      ['2026-10-31T16:00:00.000Z', '2026-11-01T16:00:00.000Z'], // Sunday 1 November alone
      ['2026-11-01T16:00:00.000Z', '2026-11-08T16:00:00.000Z'],
      ['2026-11-08T16:00:00.000Z', '2026-11-15T16:00:00.000Z'],
      ['2026-11-15T16:00:00.000Z', iso(NOW)],
    ]);
    const quarter = periodRange('quarter', NOW);
    expect(iso(quarter.from)).toBe('2026-08-31T16:00:00.000Z');
    expect(bucketsOf('quarter', quarter.from, quarter.to).map((b) => iso(b.from))).toEqual(['2026-08-31T16:00:00.000Z', '2026-09-30T16:00:00.000Z', '2026-10-31T16:00:00.000Z']);
    expect(bucketsOf('year', periodRange('year', NOW).from, NOW)).toHaveLength(12);
  });
});

describe('places', () => {
  it('one spelling per building', () => {
    for (const spelling of ['3栋', '3号楼', '３号楼', ' 3 栋', '三栋', '第3幢', '3', '03座']) expect(normaliseBuilding(spelling)).toBe('3栋');
    expect(normaliseBuilding('十二号楼')).toBe('12栋');
    expect(normaliseBuilding('二十三栋')).toBe('23栋');
    expect(normaliseBuilding('A座')).toBe('a栋');
    expect(normaliseBuilding('紫荆苑 北区')).toBe('紫荆苑北区');
    expect(normaliseBuilding('')).toBe('');
  });

  it('the building comes from the field, else from the location text; never the unit or room', () => {
    expect(buildingOf({ building: '5号楼', locationText: '3栋门口' })).toBe('5栋');
    expect(buildingOf({ building: '', locationText: '3号楼2单元502室门口' })).toBe('3栋');
    expect(buildingOf({ building: '', locationText: '东门' })).toBe('');
    expect(placeOf({ building: '', locationText: ' 东门， 岗亭旁 ' })).toBe('东门岗亭旁');
    expect(placeOf({ building: '', locationText: '花园路12号 1201' })).toBe('花园路');
    expect(placeOf({ building: '', locationText: '王小明家门口' }, ['王小明'])).toBe('*家门口');
  });
});

let n = 0;
const issue = (over: Partial<InsightIssue>): InsightIssue => ({
  id: `issue-${++n}`,
  number: n,
  categoryId: 'cat-lift',
  categoryName: '电梯',
  building: '',
  locationText: '',
  state: 'submitted' as IssueState,
  overdueLevel: 0,
  organisations: [],
  createdAt: new Date('2026-11-10T02:00:00Z'),
  ...over,
});

describe('breakdown', () => {
  const property = { id: 'org-p', name: '物业公司' };
  const committee = { id: 'org-c', name: '居委会' };
  const issues = [
    issue({ building: '3栋', state: 'assigned', overdueLevel: 1, organisations: [property] }),
    issue({ building: '3号楼', state: 'resolved', organisations: [property, committee] }),
    issue({ locationText: '3号楼门口', state: 'confirmed', organisations: [property] }),
    issue({ categoryId: 'cat-env', categoryName: '环境卫生', building: '5栋', state: 'rejected' }),
    issue({ categoryId: 'cat-env', categoryName: '环境卫生', state: 'in_progress', overdueLevel: 2, organisations: [committee, committee] }),
    // Last month: only in the quarter.
    issue({ categoryId: 'cat-env', categoryName: '环境卫生', building: '5栋', createdAt: new Date('2026-10-20T02:00:00Z') }),
    // After now (a clock moved back): never counted.
    issue({ createdAt: new Date('2026-11-19T02:00:00Z') }),
  ];
  const categories = new Map([['cat-lift', '电梯维修']]);
  const organisations = new Map([['org-p', '幸福物业']]);

  it('counts this month by category, building and organisation, with open/resolved/overdue', () => {
    const { from, to } = periodRange('month', NOW);
    const b = breakdown(issues, 'month', from, to, categories, organisations);
    expect(b.totals).toEqual({ total: 5, open: 2, resolved: 2, overdue: 2 });
    expect(b.byCategory).toEqual([
      { key: 'cat-lift', label: '电梯维修', total: 3, open: 1, resolved: 2, overdue: 1 },
      { key: 'cat-env', label: '环境卫生', total: 2, open: 1, resolved: 0, overdue: 1 },
    ]);
    expect(b.byBuilding).toEqual([
      { key: '3栋', label: '3栋', total: 3, open: 1, resolved: 2, overdue: 1 },
      { key: '5栋', label: '5栋', total: 1, open: 0, resolved: 0, overdue: 0 },
      { key: null, label: null, total: 1, open: 1, resolved: 0, overdue: 1 },
    ]);
    // A report assigned to two organisations counts once for each, and once only for one named twice.
    expect(b.byOrganisation).toEqual([
      { key: 'org-p', label: '幸福物业', total: 3, open: 1, resolved: 2, overdue: 1 },
      { key: 'org-c', label: '居委会', total: 2, open: 1, resolved: 1, overdue: 1 },
      { key: null, label: null, total: 1, open: 0, resolved: 0, overdue: 0 },
    ]);
    expect(b.bucket).toBe('week');
    expect(b.overTime.map((bucket) => bucket.total)).toEqual([0, 0, 5, 0]);
  });

  it('the quarter takes last month in, by calendar month', () => {
    const { from, to } = periodRange('quarter', NOW);
    const b = breakdown(issues, 'quarter', from, to, categories, organisations);
    expect(b.totals.total).toBe(6);
    expect(b.bucket).toBe('month');
    expect(b.overTime.map((bucket) => bucket.total)).toEqual([0, 1, 5]);
    expect(b.byBuilding.find((row) => row.key === '5栋')?.total).toBe(2);
  });
});

describe('risingWords', () => {
  it('ranks by lift (now + 1) / (mean before + 1), at least minCount now and above the mean', () => {
    const now = new Map([
      ['电梯', 6], // before 3 a month: lift 7/4 = 1.75
      ['噪音', 4], // new: 5/1 = 5
      ['停车', 3], // before 9 a month: not rising
      ['充电桩', 3], // before 1 a month: 4/2 = 2
      ['垃圾', 2], // under minCount
    ]);
    const before = new Map([
      ['电梯', 9],
      ['停车', 27],
      ['充电桩', 3],
    ]);
    expect(risingWords(now, before, { minCount: 3 })).toEqual([
      { word: '噪音', now: 4, before: 0, lift: 5 },
      { word: '充电桩', now: 3, before: 1, lift: 2 },
      { word: '电梯', now: 6, before: 3, lift: 1.75 },
    ]);
    expect(risingWords(now, before, { minCount: 3, limit: 1 })).toEqual([{ word: '噪音', now: 4, before: 0, lift: 5 }]);
  });

  it('from fixed texts: this month’s new complaint about dogs rises, the usual lift complaints do not', () => {
    const nowTexts = ['小区里遛狗不拴绳', '遛狗不拴绳吓到孩子', '草坪上都是狗屎，遛狗的人不管', '电梯又停了'];
    const beforeTexts = ['电梯停了', '电梯停运', '电梯故障', '电梯又停了', '电梯坏了', '遛狗扰民'];
    const rising = risingWords(documentCounts(nowTexts), documentCounts(beforeTexts));
    expect(rising).toEqual([{ word: '遛狗', now: 3, before: 0.3, lift: 3 }]);
  });
});

describe('repeatGroups', () => {
  it('groups reports of one category at one place within 90 days, at least two', () => {
    const issues = [
      issue({ number: 11, id: 'a', building: '3栋', createdAt: new Date('2026-11-01T02:00:00Z'), state: 'confirmed' }),
      issue({ number: 12, id: 'b', locationText: '3号楼电梯间', createdAt: new Date('2026-10-01T02:00:00Z'), state: 'reopened' }),
      issue({ number: 13, id: 'c', building: '三栋', createdAt: new Date('2026-11-15T02:00:00Z') }),
      // Outside the window (more than 90 days before now).
      issue({ number: 14, id: 'd', building: '3栋', createdAt: new Date('2026-08-01T02:00:00Z') }),
      // Same place, another category.
      issue({ number: 15, id: 'e', building: '3栋', categoryId: 'cat-env', categoryName: '环境卫生' }),
      issue({ number: 16, id: 'f', categoryId: 'cat-env', categoryName: '环境卫生', locationText: '东门 岗亭' }),
      issue({ number: 17, id: 'g', categoryId: 'cat-env', categoryName: '环境卫生', locationText: '东门岗亭。' }),
      // No place: never grouped.
      issue({ number: 18, id: 'h' }),
      issue({ number: 19, id: 'i' }),
    ];
    expect(repeatGroups(issues, NOW, new Map())).toEqual([
      {
        categoryId: 'cat-lift',
        categoryName: '电梯',
        place: '3栋',
        issues: [
          { issueId: 'a', number: 11, state: 'confirmed', createdAt: '2026-11-01T02:00:00.000Z' },
          { issueId: 'b', number: 12, state: 'reopened', createdAt: '2026-10-01T02:00:00.000Z' },
          { issueId: 'c', number: 13, state: 'submitted', createdAt: '2026-11-15T02:00:00.000Z' },
        ],
      },
      {
        categoryId: 'cat-env',
        categoryName: '环境卫生',
        place: '东门岗亭',
        issues: [
          { issueId: 'f', number: 16, state: 'submitted', createdAt: '2026-11-10T02:00:00.000Z' },
          { issueId: 'g', number: 17, state: 'submitted', createdAt: '2026-11-10T02:00:00.000Z' },
        ],
      },
    ]);
  });
});
