/**
 * Survey scoring (issue 10): the template's rule, exact and deterministic, used by the
 * app and offline (`npm run survey -- score --template t.json --csv responses.csv`).
 *
 * - An item's score is the mean of its answers mapped 1..5 -> 0/25/50/75/100 (the
 *   template's `scale.options[].score`), skipped answers left out.
 * - A dimension's score is the mean of its item scores (items nobody answered left out);
 *   the overall score is the mean of the dimension scores.
 * - Every mean is computed exactly (fractions), and only the printed figure is rounded:
 *   one decimal, halves away from zero. So a dimension is not the mean of rounded items.
 * - The CSV (also the import format): a header row, then one row per respondent with
 *   `respondent`, one column per demographic id (an option id, empty when not given),
 *   one per awareness question (free text) and one per item id (1-5, empty when
 *   skipped); UTF-8 with or without a BOM; RFC 4180 quoting. Unknown columns are an
 *   error; a row with a bad value is listed in `invalid` (row number and reason) and
 *   left out of every figure.
 * - Choice questions (`questions`, app-built surveys only): one column each, an option id
 *   (single) or option ids joined by ";" (multiple), empty when skipped.
 * - `aware[id]`: the share of respondents (counted rows) who wrote something for that
 *   awareness question.
 */
import { z } from 'zod';

const text = z.object({ 'zh-CN': z.string(), en: z.string() });
/** The questionnaire as `community-survey.json` has it. */
export const surveyTemplateSchema = z.object({
  id: z.string().min(1),
  title: text,
  scale: z.object({ options: z.array(z.object({ value: z.int(), score: z.number() })).min(2) }),
  demographics: z.array(z.object({ id: z.string().min(1), options: z.array(z.object({ id: z.string().min(1) })).min(1) })),
  awareness: z.array(z.object({ id: z.string().min(1), kind: z.literal('text') })),
  dimensions: z.array(z.object({ id: z.string().min(1), items: z.array(z.object({ id: z.string().min(1) })).min(1) })).min(1),
  /** Single / multiple choice questions that are not scored (surveys built in the app); a CSV column each. */
  questions: z.array(z.object({ id: z.string().min(1), kind: z.enum(['single', 'multiple']), options: z.array(z.object({ id: z.string().min(1) })).min(1) })).optional(),
});
export type SurveyTemplate = z.infer<typeof surveyTemplateSchema>;

/** One respondent's answers, as a CSV row has them. */
export interface SurveyResponse {
  respondent: string;
  /** Demographic id -> option id. */
  demographics: Record<string, string>;
  /** Awareness question id -> free text ('' when not answered). */
  awareness: Record<string, string>;
  /** Item id -> 1..5; missing when skipped. */
  answers: Record<string, number>;
  /** Choice question id -> the option ids picked (missing when skipped); CSV: ids joined by ";". */
  choices?: Record<string, string[]>;
}

export interface SurveyScores {
  respondents: number;
  items: Record<string, number | null>;
  dimensions: Record<string, number | null>;
  overall: number | null;
  /** Demographic id -> option id -> respondents who gave it. */
  demographics: Record<string, Record<string, number>>;
  aware: Record<string, number>;
  /** Rows left out, with why (CSV row numbers count the header as row 1). */
  invalid: { row: number; respondent: string; reason: string }[];
}

export class SurveyFormatError extends Error {}

/** An exact non-negative fraction n/d (BigInt), for means without rounding drift. */
interface Fraction {
  n: bigint;
  d: bigint;
}
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
const add = (x: Fraction, y: Fraction): Fraction => {
  const n = x.n * y.d + y.n * x.d;
  const d = x.d * y.d;
  const g = gcd(n < 0n ? -n : n, d) || 1n;
  return { n: n / g, d: d / g };
};
const divide = (x: Fraction, k: number): Fraction => ({ n: x.n, d: x.d * BigInt(k) });
const meanOf = (xs: Fraction[]): Fraction | null => (xs.length === 0 ? null : divide(xs.reduce(add, { n: 0n, d: 1n }), xs.length));
/** One decimal, halves away from zero (scores are never negative). */
const oneDecimal = (x: Fraction | null): number | null => (x === null ? null : Number((20n * x.n + x.d) / (2n * x.d)) / 10);

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, optional BOM) into rows of fields. */
export function parseCsv(input: string): string[][] {
  const textIn = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < textIn.length; i++) {
    const c = textIn[i]!;
    if (quoted) {
      if (c === '"') {
        if (textIn[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && textIn[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new SurveyFormatError('a quoted field is not closed');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Reads responses from the CSV format; bad rows are returned in `invalid`, never half used. */
export function readResponsesCsv(template: SurveyTemplate, csv: string): { responses: SurveyResponse[]; invalid: SurveyScores['invalid'] } {
  const rows = parseCsv(csv);
  const header = rows[0];
  if (!header || header[0] !== 'respondent') throw new SurveyFormatError('the first column of the header must be "respondent"');
  const demographics = new Map(template.demographics.map((d) => [d.id, new Set(d.options.map((o) => o.id))]));
  const awareness = new Set(template.awareness.map((a) => a.id));
  const items = new Set(template.dimensions.flatMap((d) => d.items.map((i) => i.id)));
  const values = new Set(template.scale.options.map((o) => o.value));
  const questions = new Map((template.questions ?? []).map((q) => [q.id, { kind: q.kind, options: new Set(q.options.map((o) => o.id)) }]));
  const seen = new Set<string>();
  for (const column of header.slice(1)) {
    if (seen.has(column)) throw new SurveyFormatError(`column "${column}" appears twice`);
    seen.add(column);
    if (!demographics.has(column) && !awareness.has(column) && !items.has(column) && !questions.has(column)) throw new SurveyFormatError(`unknown column "${column}"`);
  }
  const responses: SurveyResponse[] = [];
  const invalid: SurveyScores['invalid'] = [];
  const respondents = new Set<string>();
  rows.slice(1).forEach((cells, index) => {
    const rowNumber = index + 2;
    const respondent = (cells[0] ?? '').trim();
    const bad = (reason: string) => invalid.push({ row: rowNumber, respondent, reason });
    if (cells.length !== header.length) return bad(`has ${cells.length} fields, the header ${header.length}`);
    if (respondent === '') return bad('no respondent id');
    if (respondents.has(respondent)) return bad(`respondent "${respondent}" appears twice`);
    const response: SurveyResponse = { respondent, demographics: {}, awareness: {}, answers: {} };
    for (let c = 1; c < header.length; c++) {
      const column = header[c]!;
      const value = cells[c]!.trim();
      if (demographics.has(column)) {
        if (value === '') continue;
        if (!demographics.get(column)!.has(value)) return bad(`${column}: "${value}" is not one of its options`);
        response.demographics[column] = value;
      } else if (awareness.has(column)) {
        response.awareness[column] = value;
      } else if (questions.has(column)) {
        if (value === '') continue;
        const question = questions.get(column)!;
        const picked = question.kind === 'single' ? [value] : value.split(';').map((v) => v.trim()).filter((v) => v !== '');
        const unknown = picked.find((v) => !question.options.has(v));
        if (unknown !== undefined) return bad(`${column}: "${unknown}" is not one of its options`);
        if (new Set(picked).size !== picked.length) return bad(`${column}: an option is given twice`);
        (response.choices ??= {})[column] = picked;
      } else if (value !== '') {
        const answer = Number(value);
        if (!/^\d+$/.test(value) || !values.has(answer)) return bad(`${column}: "${value}" is not an answer (${[...values].join(', ')})`);
        response.answers[column] = answer;
      }
    }
    respondents.add(respondent);
    responses.push(response);
  });
  return { responses, invalid };
}

/** The scores of a set of responses under a template's rule (see the file comment). */
export function scoreSurvey(template: SurveyTemplate, responses: readonly SurveyResponse[], invalid: SurveyScores['invalid'] = []): SurveyScores {
  const scoreOf = new Map(template.scale.options.map((o) => [o.value, o.score]));
  const items: Record<string, number | null> = {};
  const dimensions: Record<string, number | null> = {};
  const dimensionExact: Fraction[] = [];
  for (const dimension of template.dimensions) {
    const itemExact: Fraction[] = [];
    for (const item of dimension.items) {
      const answered = responses.map((r) => r.answers[item.id]).filter((v): v is number => v !== undefined);
      // Scores are whole numbers in the template; a fractional one is scaled to stay exact.
      const mean = meanOf(answered.map((v) => ({ n: BigInt(Math.round(scoreOf.get(v)! * 1000)), d: 1000n })));
      items[item.id] = oneDecimal(mean);
      if (mean) itemExact.push(mean);
    }
    const mean = meanOf(itemExact);
    dimensions[dimension.id] = oneDecimal(mean);
    if (mean) dimensionExact.push(mean);
  }
  const demographics: Record<string, Record<string, number>> = {};
  for (const d of template.demographics) {
    demographics[d.id] = Object.fromEntries(d.options.map((o) => [o.id, responses.filter((r) => r.demographics[d.id] === o.id).length]));
  }
  const aware = Object.fromEntries(
    template.awareness.map((a) => [a.id, responses.length === 0 ? 0 : responses.filter((r) => (r.awareness[a.id] ?? '').trim() !== '').length / responses.length]),
  );
  return { respondents: responses.length, items, dimensions, overall: oneDecimal(meanOf(dimensionExact)), demographics, aware, invalid };
}

const csvField = (value: string): string => (/[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value);

/** The CSV columns of a template, in order: respondent, demographics, awareness, choice questions, items. */
export function csvColumns(template: SurveyTemplate): string[] {
  return [
    'respondent',
    ...template.demographics.map((d) => d.id),
    ...template.awareness.map((a) => a.id),
    ...(template.questions ?? []).map((q) => q.id),
    ...template.dimensions.flatMap((d) => d.items.map((i) => i.id)),
  ];
}

/** Writes responses in the CSV format readResponsesCsv reads (UTF-8 BOM, CRLF, RFC 4180 quoting). */
export function writeResponsesCsv(template: SurveyTemplate, responses: readonly SurveyResponse[]): string {
  const columns = csvColumns(template);
  const demographics = new Set(template.demographics.map((d) => d.id));
  const awareness = new Set(template.awareness.map((a) => a.id));
  const questions = new Set((template.questions ?? []).map((q) => q.id));
  const cell = (r: SurveyResponse, column: string): string => {
    if (column === 'respondent') return r.respondent;
    if (demographics.has(column)) return r.demographics[column] ?? '';
    if (awareness.has(column)) return r.awareness[column] ?? '';
    if (questions.has(column)) return (r.choices?.[column] ?? []).join(';');
    const answer = r.answers[column];
    return answer === undefined ? '' : String(answer);
  };
  const lines = [columns.join(','), ...responses.map((r) => columns.map((c) => csvField(cell(r, c))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
