import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv, readResponsesCsv, scoreSurvey, surveyTemplateSchema, SurveyFormatError, type SurveyTemplate } from './scoring.js';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
/** The study's questionnaire, the ready template (a copy of the study's community-survey.json). */
const studyPath = resolve(root, 'shared/src/surveys/community-survey.json');
const study: SurveyTemplate = surveyTemplateSchema.parse(JSON.parse(readFileSync(studyPath, 'utf8')));
const itemIds = study.dimensions.flatMap((d) => d.items.map((i) => i.id));

/**
 * Responses whose item means are fixed in advance: for item k (0-based) of 25, a share of
 * 4 respondents answer so that the item's mean is known exactly. Answers per respondent
 * are listed per item; every item gets the answers of `plan[k % plan.length]`.
 */
const plan: number[][] = [
  [5, 5, 4, 4], // (100+100+75+75)/4 = 87.5
  [3, 3, 3, 3], // 50
  [1, 2, 2, 5], // (0+25+25+100)/4 = 37.5
  [4, 4, 4, 5], // (75*3+100)/4 = 81.25
  [2, 2, 1, 1], // 12.5
];

function csvFor(rows: number): string {
  const header = ['respondent', 'gender', 'age', 'education', 'income', 'community-name', 'compound-name', ...itemIds];
  const lines = [header.join(',')];
  for (let r = 0; r < rows; r++) {
    const answers = itemIds.map((_, k) => String(plan[k % plan.length]![r]!));
    lines.push([`r${r + 1}`, r % 2 ? 'male' : 'female', '31-50', '', '', r < 3 ? '"桃源社区"' : '', r === 0 ? '"桃源, 一期"' : '', ...answers].join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

describe('survey scoring (the template rule)', () => {
  it('item means fixed in advance give the expected item, dimension and overall scores exactly', () => {
    const { responses, invalid } = readResponsesCsv(study, csvFor(4));
    expect(invalid).toEqual([]);
    const scores = scoreSurvey(study, responses);
    expect(scores.respondents).toBe(4);
    const expectedItem = [87.5, 50, 37.5, 81.3, 12.5]; // 81.25 rounds half up
    itemIds.forEach((id, k) => expect(scores.items[id], id).toBe(expectedItem[k % 5]));
    // Each dimension has 5 items, k = 5d .. 5d+4: one of each plan row, so every dimension
    // is (87.5 + 50 + 37.5 + 81.25 + 12.5) / 5 = 53.75 exactly -> 53.8; the overall too.
    for (const d of study.dimensions) expect(scores.dimensions[d.id]).toBe(53.8);
    expect(scores.overall).toBe(53.8);
    expect(scores.demographics.gender).toEqual({ female: 2, male: 2 });
    expect(scores.demographics.age).toMatchObject({ '31-50': 4, under18: 0 });
    expect(scores.demographics.education).toMatchObject({ bachelor: 0 });
    expect(scores.aware).toEqual({ 'community-name': 0.75, 'compound-name': 0.25 });
  });

  it('means are exact: a dimension is the mean of exact item means, rounded once, halves up', () => {
    const template = (items: string[]): SurveyTemplate => ({ ...study, dimensions: [{ id: 'd', items: items.map((id) => ({ id })) }], demographics: [], awareness: [] });
    /** n respondents; item -> how many of the first `of` answer 2 (the rest of those `of` answer 1, everyone else skips). */
    const people = (n: number, items: Record<string, { twos: number; of: number }>) =>
      Array.from({ length: n }, (_, i) => ({
        respondent: String(i),
        demographics: {},
        awareness: {},
        answers: Object.fromEntries(Object.entries(items).flatMap(([id, { twos, of }]) => (i < of ? [[id, i < twos ? 2 : 1]] : []))),
      }));
    // a = b = 25/24 = 1.0417 (1.0 rounded), c = 75/70 = 1.0714 (1.1 rounded). Exact mean 1.0516 -> 1.1;
    // the mean of the rounded items would be 1.0333 -> 1.0.
    const scores = scoreSurvey(template(['a', 'b', 'c']), people(70, { a: { twos: 1, of: 24 }, b: { twos: 1, of: 24 }, c: { twos: 3, of: 70 } }));
    expect(scores.items).toEqual({ a: 1, b: 1, c: 1.1 });
    expect(scores.dimensions.d).toBe(1.1);
    expect(scores.overall).toBe(1.1);
    // 25 x 21 / 500 = 1.05 exactly -> 1.1 (in floating point 1.05 * 10 is 10.499.. and would round down).
    expect(scoreSurvey(template(['a']), people(500, { a: { twos: 21, of: 500 } })).items.a).toBe(1.1);
    // 50 / 3 = 16.67 -> 16.7; 25 / 3 = 8.33 -> 8.3; their mean 12.5 exactly.
    const thirds = scoreSurvey(template(['a', 'b']), people(3, { a: { twos: 2, of: 3 }, b: { twos: 1, of: 3 } }));
    expect(thirds).toMatchObject({ items: { a: 16.7, b: 8.3 }, dimensions: { d: 12.5 } });
  });

  it('skipped answers are left out of an item; an item nobody answered is null and left out of its dimension', () => {
    const template: SurveyTemplate = { ...study, dimensions: [{ id: 'd', items: [{ id: 'a' }, { id: 'b' }] }], demographics: [], awareness: [] };
    const scores = scoreSurvey(template, [
      { respondent: '1', demographics: {}, awareness: {}, answers: { a: 5 } },
      { respondent: '2', demographics: {}, awareness: {}, answers: { a: 4 } },
    ]);
    expect(scores).toMatchObject({ items: { a: 87.5, b: null }, dimensions: { d: 87.5 }, overall: 87.5 });
    expect(scoreSurvey(template, [])).toMatchObject({ respondents: 0, items: { a: null, b: null }, overall: null });
  });

  it('bad rows are listed with their reason and left out of every figure; a bad header is an error', () => {
    const header = 'respondent,gender,q1,q2';
    const csv = [header, 'r1,female,5,4', 'r2,alien,5,5', 'r3,male,6,1', 'r3b,male,x,1', 'r1,male,1,1', ',male,1,1', 'r4,male,1', 'r5,,2,'].join('\n');
    const { responses, invalid } = readResponsesCsv(study, csv);
    expect(responses.map((r) => r.respondent)).toEqual(['r1', 'r5']);
    expect(invalid.map((i) => [i.row, i.respondent])).toEqual([
      [3, 'r2'],
      [4, 'r3'],
      [5, 'r3b'],
      [6, 'r1'],
      [7, ''],
      [8, 'r4'],
    ]);
    expect(invalid[0]!.reason).toMatch(/gender: "alien" is not one of its options/);
    expect(invalid[1]!.reason).toMatch(/q1: "6" is not an answer/);
    expect(invalid[3]!.reason).toMatch(/appears twice/);
    const scores = scoreSurvey(study, responses, invalid);
    expect(scores.items.q1).toBe(62.5); // (100 + 25) / 2
    expect(scores.items.q2).toBe(75);
    expect(scores.invalid).toHaveLength(6);
    expect(() => readResponsesCsv(study, 'id,q1\n1,5')).toThrow(SurveyFormatError);
    expect(() => readResponsesCsv(study, 'respondent,q99\n1,5')).toThrow(/unknown column "q99"/);
    expect(() => readResponsesCsv(study, 'respondent,q1,q1\n1,5,5')).toThrow(/appears twice/);
  });

  it('parses RFC 4180: quotes, doubled quotes, commas and newlines inside quotes, CRLF, a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"two\nlines",\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', ''],
    ]);
    expect(() => parseCsv('a,"open')).toThrow(SurveyFormatError);
  });
});

describe('CLI (scripts/survey.ts)', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/survey.ts', ...args], { cwd: root, encoding: 'utf8' });

  it('scores the study template and a CSV to one JSON object; bad input exits 2 with a message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-survey-'));
    try {
      const csv = join(dir, 'responses.csv');
      writeFileSync(csv, csvFor(4));
      const ok = run('score', '--template', studyPath, '--csv', csv);
      expect(ok.status, ok.stderr).toBe(0);
      const printed = JSON.parse(ok.stdout) as Record<string, unknown>;
      expect(printed).toMatchObject({ respondents: 4, items: { q1: 87.5, q2: 50, q4: 81.3 }, dimensions: { outcomes: 53.8 }, overall: 53.8, aware: { 'community-name': 0.75 } });
      expect(printed).toEqual(JSON.parse(JSON.stringify(scoreSurvey(study, readResponsesCsv(study, csvFor(4)).responses))));

      const badCsv = join(dir, 'bad.csv');
      writeFileSync(badCsv, 'who,q1\n1,5\n');
      expect(run('score', '--template', studyPath, '--csv', badCsv)).toMatchObject({ status: 2, stderr: expect.stringMatching(/"respondent"/) });
      const badTemplate = join(dir, 'template.json');
      writeFileSync(badTemplate, JSON.stringify({ id: 'x' }));
      expect(run('score', '--template', badTemplate, '--csv', csv)).toMatchObject({ status: 2, stderr: expect.stringMatching(/is not a survey template/) });
      expect(run('score', '--template', studyPath)).toMatchObject({ status: 2, stderr: expect.stringMatching(/missing --csv/) });
      expect(run('score', '--template', join(dir, 'none.json'), '--csv', csv)).toMatchObject({ status: 2, stderr: expect.stringMatching(/cannot read/) });
      expect(run()).toMatchObject({ status: 2, stderr: expect.stringMatching(/usage/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Six child processes, each loading tsx: seconds on a busy two-core machine.
  }, 60_000);
});
