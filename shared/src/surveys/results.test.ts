import { describe, expect, it } from 'vitest';
import { readResponsesCsv, scoreSurvey, writeResponsesCsv, type SurveyResponse, type SurveyTemplate } from './scoring.js';
import { breakdowns, choiceCounts, compareWaves, groupScores, itemDistributions, participationJoin, SURVEY_MIN_GROUP, type ScoredResponse } from './results.js';
import { studyTemplate } from './study.js';
import { templateOf } from './types.js';

const study = templateOf(studyTemplate);
const template: SurveyTemplate = {
  ...study,
  dimensions: [{ id: 'd', items: [{ id: 'a' }, { id: 'b' }] }],
  demographics: [{ id: 'age', options: [{ id: 'young' }, { id: 'old' }] }],
  awareness: [{ id: 'name', kind: 'text' }],
  questions: [
    { id: 'floor', kind: 'single', options: [{ id: 'low' }, { id: 'high' }] },
    { id: 'needs', kind: 'multiple', options: [{ id: 'lift' }, { id: 'ramp' }, { id: 'light' }] },
  ],
};
const person = (i: number, a: number, age: string, tookPart: boolean | null = null): ScoredResponse => ({
  respondent: `r${i}`,
  demographics: { age },
  awareness: { name: i % 2 ? '桃源' : '' },
  answers: { a, b: 3 },
  choices: { floor: [i % 2 ? 'high' : 'low'], needs: i % 3 ? ['lift', 'ramp'] : ['light'] },
  tookPart,
});

describe('survey results (shared by the app, the import and the CLI)', () => {
  it('the study template loads both languages and scores like the JSON file', () => {
    expect(studyTemplate.definition.dimensions.flatMap((d) => d.items)).toHaveLength(25);
    expect(studyTemplate.definition.scale.options.map((o) => [o.value, o.score])).toEqual([
      [1, 0],
      [2, 25],
      [3, 50],
      [4, 75],
      [5, 100],
    ]);
    expect(studyTemplate.definition.dimensions[0]!.items[0]).toMatchObject({ id: 'q1', en: expect.stringMatching(/neighbours/) });
  });

  it('a group under 10 respondents is suppressed; 10 is shown', () => {
    expect(SURVEY_MIN_GROUP).toBe(10);
    const nine = Array.from({ length: 9 }, (_, i) => person(i, 5, 'young'));
    expect(groupScores(template, nine)).toEqual({ suppressed: true });
    expect(groupScores(template, [...nine, person(9, 1, 'young')])).toMatchObject({ suppressed: false, respondents: 10, items: { a: 90, b: 50 }, overall: 70 });
    const all = [...Array.from({ length: 12 }, (_, i) => person(i, 4, 'young', i < 10)), ...Array.from({ length: 3 }, (_, i) => person(20 + i, 2, 'old', false))];
    expect(breakdowns(template, all)).toEqual({ age: { young: expect.objectContaining({ suppressed: false, respondents: 12 }), old: { suppressed: true } } });
    const join = participationJoin(template, [...all, person(30, 5, 'old', null)]);
    expect(join.tookPart).toMatchObject({ suppressed: false, respondents: 10 });
    expect(join.didNot).toEqual({ suppressed: true }); // 2 + 3 = 5
    expect(join.unknown).toBe(1);
  });

  it('distributions per item and option, choice counts', () => {
    const rs = [person(0, 5, 'young'), person(1, 5, 'old'), person(2, 1, 'old')];
    expect(itemDistributions(template, rs).a).toEqual({ answered: 3, counts: { '1': 1, '2': 0, '3': 0, '4': 0, '5': 2 } });
    expect(choiceCounts(template, rs)).toEqual({ floor: { low: 2, high: 1 }, needs: { lift: 2, ramp: 2, light: 1 } });
  });

  it('two waves compare item by item, with the change rounded to one decimal', () => {
    const before = scoreSurvey(template, [person(0, 2, 'young'), person(1, 3, 'young')]);
    const after = scoreSurvey(template, [person(0, 5, 'young')]);
    const c = compareWaves(template, before, after, { surveyId: 's1', title: { 'zh-CN': '一', en: '' }, wave: 1, respondents: 2 });
    expect(c.items.a).toEqual({ before: 37.5, after: 100, change: 62.5 });
    expect(c.items.b).toEqual({ before: 50, after: 50, change: 0 });
    expect(c.overall).toEqual({ before: 43.8, after: 75, change: 31.2 });
  });

  it('choice questions in the CSV; writing then reading gives the same responses and scores', () => {
    const rs: SurveyResponse[] = [person(0, 5, 'young'), person(1, 2, 'old'), { respondent: 'x, "y"', demographics: {}, awareness: { name: '多行\n文字' }, answers: {}, choices: {} }];
    const csv = writeResponsesCsv(template, rs);
    expect(csv.startsWith('\uFEFFrespondent,age,name,floor,needs,a,b\r\n')).toBe(true);
    const read = readResponsesCsv(template, csv);
    expect(read.invalid).toEqual([]);
    expect(read.responses.map((r) => r.choices ?? {})).toEqual([{ floor: ['low'], needs: ['light'] }, { floor: ['high'], needs: ['lift', 'ramp'] }, {}]);
    expect(read.responses[2]).toMatchObject({ respondent: 'x, "y"', awareness: { name: '多行\n文字' } });
    expect(scoreSurvey(template, read.responses)).toEqual(scoreSurvey(template, rs));
    const bad = readResponsesCsv(template, 'respondent,floor,needs\n1,low;high,\n2,,lift;lift\n3,,lift;stairs\n4,high,ramp;lift\n');
    expect(bad.invalid.map((i) => [i.row, i.reason])).toEqual([
      [2, 'floor: "low;high" is not one of its options'],
      [3, 'needs: an option is given twice'],
      [4, 'needs: "stairs" is not one of its options'],
    ]);
    expect(bad.responses.map((r) => r.respondent)).toEqual(['4']);
  });
});
