/**
 * A survey's results from its responses, with the scoring rule of scoring.ts (one module for
 * the app, the import and the CLI): distributions per item and option, breakdowns by every
 * demographic and by participation in Linli, groups under SURVEY_MIN_GROUP hidden, and the
 * item-by-item comparison with an earlier wave.
 */
import { scoreSurvey, type SurveyResponse, type SurveyScores, type SurveyTemplate } from './scoring.js';
import type { GroupScores, ItemDistribution, WaveComparison } from './types.js';

/** No group smaller than this is shown (breakdowns, participation join). */
export const SURVEY_MIN_GROUP = 10;

/** A response as results read it: its answers, and whether its respondent took part in Linli (null: unknown, e.g. paper). */
export interface ScoredResponse extends SurveyResponse {
  tookPart: boolean | null;
}

/** A group's scores, or suppressed when it has fewer than SURVEY_MIN_GROUP respondents. */
export function groupScores(template: SurveyTemplate, responses: readonly SurveyResponse[]): GroupScores {
  if (responses.length < SURVEY_MIN_GROUP) return { suppressed: true };
  const s = scoreSurvey(template, responses);
  return { suppressed: false, respondents: s.respondents, overall: s.overall, dimensions: s.dimensions, items: s.items };
}

/** Answers per scale value for each item. */
export function itemDistributions(template: SurveyTemplate, responses: readonly SurveyResponse[]): Record<string, ItemDistribution> {
  const out: Record<string, ItemDistribution> = {};
  for (const item of template.dimensions.flatMap((d) => d.items)) {
    const counts = Object.fromEntries(template.scale.options.map((o) => [String(o.value), 0]));
    let answered = 0;
    for (const r of responses) {
      const v = r.answers[item.id];
      if (v === undefined) continue;
      answered++;
      counts[String(v)] = (counts[String(v)] ?? 0) + 1;
    }
    out[item.id] = { answered, counts };
  }
  return out;
}

/** Respondents per option of each choice question. */
export function choiceCounts(template: SurveyTemplate, responses: readonly SurveyResponse[]): Record<string, Record<string, number>> {
  return Object.fromEntries(
    (template.questions ?? []).map((q) => [q.id, Object.fromEntries(q.options.map((o) => [o.id, responses.filter((r) => r.choices?.[q.id]?.includes(o.id)).length]))]),
  );
}

/** Demographic id -> option id -> the group's scores (hidden under SURVEY_MIN_GROUP). */
export function breakdowns(template: SurveyTemplate, responses: readonly SurveyResponse[]): Record<string, Record<string, GroupScores>> {
  return Object.fromEntries(
    template.demographics.map((d) => [d.id, Object.fromEntries(d.options.map((o) => [o.id, groupScores(template, responses.filter((r) => r.demographics[d.id] === o.id))]))]),
  );
}

/** Took part in Linli vs did not (responses whose participation is unknown are left out). */
export function participationJoin(template: SurveyTemplate, responses: readonly ScoredResponse[]) {
  return {
    tookPart: groupScores(template, responses.filter((r) => r.tookPart === true)),
    didNot: groupScores(template, responses.filter((r) => r.tookPart === false)),
    unknown: responses.filter((r) => r.tookPart === null).length,
  };
}

const change = (before: number | null | undefined, after: number | null | undefined) => ({
  before: before ?? null,
  after: after ?? null,
  change: before == null || after == null ? null : Math.round((after - before) * 10) / 10,
});

/** Item by item (and dimension, overall): the earlier wave's scores, this wave's, and the change. Ids of this wave's template. */
export function compareWaves(template: SurveyTemplate, before: SurveyScores, after: SurveyScores, meta: WaveComparison['before']): WaveComparison {
  return {
    before: meta,
    items: Object.fromEntries(template.dimensions.flatMap((d) => d.items).map((i) => [i.id, change(before.items[i.id], after.items[i.id])])),
    dimensions: Object.fromEntries(template.dimensions.map((d) => [d.id, change(before.dimensions[d.id], after.dimensions[d.id])])),
    overall: change(before.overall, after.overall),
  };
}
