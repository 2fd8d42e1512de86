/**
 * Surveys (`survey:*`, 问卷): staff build a questionnaire (sections of five-point Likert items,
 * single / multiple choice, demographics, free text; or the study's questionnaire as a
 * ready template, or the next wave of an earlier survey), publish it for a window and an
 * audience, anonymous or named; members answer once each (or once per household); staff
 * enter a paper questionnaire for a resident, import paper questionnaires from CSV
 * (POST /api/surveys/:id/import) and read the results (scoring.ts, results.ts).
 */
import { z } from 'zod';
import { clientId, id, line, text } from '../fields.js';
import { defineContract, type Rule } from '../contract.js';
import { isMember, isStaff, type Actor } from '../actor.js';
import { surveyAudiences, type Survey, type SurveyAudience, type SurveyResults, type SurveyView } from './types.js';

export const SURVEY_LIMITS = {
  title: { min: 2, max: 80 },
  description: { max: 2000 },
  label: { max: 200 },
  sections: 10,
  itemsPerSection: 30,
  demographics: 10,
  freeText: 10,
  questions: 20,
  options: { min: 2, max: 12 },
  /** Characters of one free-text answer. */
  answerText: 200,
  /** Longest a survey may stay open. */
  maxOpenDays: 366,
  /** Bytes of one imported CSV. */
  importBytes: 2 * 1024 * 1024,
  page: 100,
} as const;

/** A question, item or option id: also a CSV column (lower case, digits, - and _). */
export const surveyQuestionId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'must be 1-32 lower-case letters, digits, - or _');

const label = {
  'zh-CN': line(1, SURVEY_LIMITS.label.max),
  en: line(0, SURVEY_LIMITS.label.max).default(''),
};
const option = z.strictObject({ id: surveyQuestionId, ...label });
const options = z.array(option).min(SURVEY_LIMITS.options.min).max(SURVEY_LIMITS.options.max);

/** Every id used as a CSV column once; option ids once per question; never "respondent". */
function uniqueIds(d: { demographics: { id: string; options: { id: string }[] }[]; awareness: { id: string }[]; dimensions: { id: string; items: { id: string }[] }[]; questions: { id: string; options: { id: string }[] }[] }, ctx: z.RefinementCtx) {
  const columns = [...d.demographics.map((x) => x.id), ...d.awareness.map((x) => x.id), ...d.questions.map((x) => x.id), ...d.dimensions.flatMap((x) => x.items.map((i) => i.id))];
  const seen = new Set<string>();
  for (const column of columns) {
    if (column === 'respondent' || seen.has(column)) ctx.addIssue({ code: 'custom', path: ['definition'], message: `id "${column}" is used twice (or is "respondent")` });
    seen.add(column);
  }
  const sections = d.dimensions.map((x) => x.id);
  if (new Set(sections).size !== sections.length) ctx.addIssue({ code: 'custom', path: ['dimensions'], message: 'two sections have the same id' });
  for (const q of [...d.demographics, ...d.questions]) {
    if (new Set(q.options.map((o) => o.id)).size !== q.options.length) ctx.addIssue({ code: 'custom', path: [q.id], message: `question "${q.id}" has an option id twice` });
  }
}

/** The questionnaire as staff write it (the scale is always the five-point one). */
export const surveyDefinitionInput = z
  .strictObject({
    demographics: z.array(z.strictObject({ id: surveyQuestionId, ...label, options })).max(SURVEY_LIMITS.demographics).default([]),
    awareness: z.array(z.strictObject({ id: surveyQuestionId, ...label, kind: z.literal('text').default('text') })).max(SURVEY_LIMITS.freeText).default([]),
    dimensions: z
      .array(z.strictObject({ id: surveyQuestionId, ...label, items: z.array(z.strictObject({ id: surveyQuestionId, ...label })).min(1).max(SURVEY_LIMITS.itemsPerSection) }))
      .min(1, 'needs at least one section of items')
      .max(SURVEY_LIMITS.sections),
    questions: z.array(z.strictObject({ id: surveyQuestionId, kind: z.enum(['single', 'multiple']), ...label, options })).max(SURVEY_LIMITS.questions).default([]),
  })
  .superRefine(uniqueIds);

/** One respondent's answers (checked against the survey's questionnaire by the server). */
export const surveyAnswersInput = z.strictObject({
  demographics: z.record(surveyQuestionId, surveyQuestionId).default({}),
  awareness: z.record(surveyQuestionId, text(SURVEY_LIMITS.answerText)).default({}),
  items: z.record(surveyQuestionId, z.int().min(1).max(5)).default({}),
  choices: z.record(surveyQuestionId, z.array(surveyQuestionId).max(SURVEY_LIMITS.options.max)).default({}),
});

const title = z.strictObject({ 'zh-CN': line(SURVEY_LIMITS.title.min, SURVEY_LIMITS.title.max), en: line(0, SURVEY_LIMITS.title.max).default('') });
const settingFields = {
  title,
  description: text(SURVEY_LIMITS.description.max),
  definition: surveyDefinitionInput,
  audience: z.enum(surveyAudiences),
  anonymous: z.boolean(),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
};

export const survey = {
  /** Residents see published surveys; staff drafts too. */
  list: z.strictObject({
    communityId: id,
    /** Surveys numbered below this one (the next page; numbers only grow, so new surveys never shift a page). */
    beforeNumber: z.int().min(1).optional(),
    limit: z.int().min(1).max(200).default(SURVEY_LIMITS.page),
  }),
  get: z.strictObject({ surveyId: id }),
  /**
   * A draft: from the study's questionnaire (`template: 'study'`), as the next wave of an
   * earlier survey (`previousWaveId`: its questionnaire, so the waves compare item by
   * item), or from a written `definition`.
   */
  create: z.strictObject({
    communityId: id,
    template: z.enum(['study']).nullable().default(null),
    previousWaveId: id.nullable().default(null),
    definition: surveyDefinitionInput.optional(),
    title: title.optional(),
    description: settingFields.description.default(''),
    audience: settingFields.audience.default('members'),
    anonymous: settingFields.anonymous.default(true),
    opensAt: settingFields.opensAt.optional(),
    closesAt: settingFields.closesAt.optional(),
    clientId: clientId.optional(),
  }),
  /** A draft's settings, any subset; `version` must be the current one (CONFLICT otherwise). */
  update: z.strictObject({
    surveyId: id,
    version: z.int().min(0),
    title: settingFields.title.optional(),
    description: settingFields.description.optional(),
    definition: settingFields.definition.optional(),
    audience: settingFields.audience.optional(),
    anonymous: settingFields.anonymous.optional(),
    opensAt: settingFields.opensAt.optional(),
    closesAt: settingFields.closesAt.optional(),
  }),
  /** Draft -> published: it opens at opensAt (members of the audience are notified then) and closes at closesAt. */
  publish: z.strictObject({ surveyId: id, version: z.int().min(0) }),
  /** Staff close a published survey now (audited). */
  close: z.strictObject({ surveyId: id }),
  /** The caller's own response: once per account (or household). */
  submit: z.strictObject({ surveyId: id, answers: surveyAnswersInput }),
  /** Staff enter a paper questionnaire for a named resident (counts as that resident's one response; audited). */
  enterFor: z.strictObject({ surveyId: id, userId: id, answers: surveyAnswersInput }),
  /** Staff: scores, distributions, breakdowns, participation join, comparison with the earlier wave. */
  results: z.strictObject({ surveyId: id }),
};

export interface SurveyResultsMap {
  /** answered: ids of the listed surveys the caller (or their household) has answered. */
  'survey:list': { items: Survey[]; answered: string[] };
  'survey:get': SurveyView;
  'survey:create': Survey;
  'survey:update': Survey;
  'survey:publish': Survey;
  'survey:close': Survey;
  'survey:submit': { survey: Survey };
  'survey:enterFor': { survey: Survey };
  'survey:results': SurveyResults;
}

export interface SurveyNotifications {
  /** Created, edited, published, closed, or its count moved: published ones to the community, drafts to staff. */
  'survey:saved': (s: Survey) => void;
  /** To staff when a response (or an import) is stored: the results page refetches. */
  'survey:responded': (p: { surveyId: string; communityId: string; respondents: number }) => void;
}

/** Whether the actor's membership lets them answer under this audience (a household survey also needs a verified household). */
export const surveyEligible = (a: Actor, audience: SurveyAudience): boolean => isMember(a) && (audience === 'members' || a.householdVerified);

export const surveyRules = {
  'survey.view': (a) => isMember(a),
  /** Build, publish, close, import, enter for a resident. */
  'survey.manage': (a) => isStaff(a.role),
  /** Answering oneself (staff answer like everyone else: once). */
  'survey.answer': (a, s) => surveyEligible(a, s.audience),
  /** Scores, breakdowns, export. */
  'survey.results': (a) => isStaff(a.role),
} satisfies {
  'survey.view': Rule;
  'survey.manage': Rule;
  'survey.answer': Rule<{ audience: SurveyAudience }>;
  'survey.results': Rule;
};

export const surveysContract = defineContract<SurveyResultsMap, SurveyNotifications>()({
  commands: {
    'survey:list': survey.list,
    'survey:get': survey.get,
    'survey:create': survey.create,
    'survey:update': survey.update,
    'survey:publish': survey.publish,
    'survey:close': survey.close,
    'survey:submit': survey.submit,
    'survey:enterFor': survey.enterFor,
    'survey:results': survey.results,
  },
  rules: surveyRules,
});
