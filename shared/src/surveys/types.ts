/** Surveys (问卷): wire types and vocabularies. Scoring is scoring.ts, results results.ts. */
import type { SurveyTemplate } from './scoring.js';

/** Who may answer: every member, verified residents, or one response per verified household. */
export const surveyAudiences = ['members', 'verified', 'household'] as const;
export type SurveyAudience = (typeof surveyAudiences)[number];

/** Stored status: a draft is edited by staff; a published survey follows its window. */
export const surveyStatuses = ['draft', 'published'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];

/** What the clock makes of a survey: computed from status, opensAt and closesAt (never stored). */
export const surveyPhases = ['draft', 'scheduled', 'open', 'closed'] as const;
export type SurveyPhase = (typeof surveyPhases)[number];

/** Where a response came from: answered online, a paper questionnaire imported from CSV, entered by staff for a resident. */
export const surveySources = ['online', 'paper', 'staff'] as const;
export type SurveySource = (typeof surveySources)[number];

/** A text in both languages (English may be empty where the survey has none). */
export interface Bilingual {
  'zh-CN': string;
  en: string;
}

export interface SurveyOption extends Bilingual {
  id: string;
}

/** The questionnaire of a survey: the template's shape with labels, plus unscored choice questions. */
export interface SurveyDefinition {
  /** The five-point agreement scale (the study's: 1..5 -> 0/25/50/75/100). */
  scale: { options: (Bilingual & { value: number; score: number })[] };
  demographics: (Bilingual & { id: string; options: SurveyOption[] })[];
  /** Free-text questions ("could name their community" is the share who wrote something). */
  awareness: (Bilingual & { id: string; kind: 'text' })[];
  /** Sections of Likert items: each section is a scored dimension. */
  dimensions: (Bilingual & { id: string; items: (Bilingual & { id: string })[] })[];
  /** Single / multiple choice questions, counted, not scored. */
  questions: (Bilingual & { id: string; kind: 'single' | 'multiple'; options: SurveyOption[] })[];
}

export interface Survey {
  id: string;
  communityId: string;
  /** 1, 2, 3... per community. */
  number: number;
  title: Bilingual;
  description: string;
  /** The template it was started from ('community-governance-2024' for the study's), or null. */
  templateId: string | null;
  definition: SurveyDefinition;
  status: SurveyStatus;
  phase: SurveyPhase;
  opensAt: string;
  closesAt: string;
  audience: SurveyAudience;
  /** No account-answer link is stored (README "Surveys"). */
  anonymous: boolean;
  /** The earlier wave this one repeats (before/after comparison), and this wave's number (1 for a first survey). */
  previousWaveId: string | null;
  wave: number;
  /** Responses counted (online, hand-entered and imported). */
  respondents: number;
  createdByName: string;
  createdAt: string;
  version: number;
}

/** A respondent's answers as sent and stored. */
export interface SurveyAnswers {
  demographics: Record<string, string>;
  awareness: Record<string, string>;
  /** Item id -> 1..5. */
  items: Record<string, number>;
  choices: Record<string, string[]>;
}

/** The caller's standing in a survey. */
export interface MySurveyStatus {
  /** The caller (or their household) has answered. */
  answered: boolean;
  /** Answered by another member of the household. */
  answeredByHousehold: boolean;
  /** Why the caller may not answer now, or null. */
  blocked: null | 'notOpen' | 'notVerified' | 'noHousehold' | 'answered';
}

export interface SurveyView {
  survey: Survey;
  my: MySurveyStatus;
}

/** A group's scores, or hidden because fewer than SURVEY_MIN_GROUP respondents are in it. */
export type GroupScores =
  | { suppressed: false; respondents: number; overall: number | null; dimensions: Record<string, number | null>; items: Record<string, number | null> }
  | { suppressed: true };

/** A bad CSV row: row number (the header is row 1), respondent id, why. */
export interface ImportProblem {
  row: number;
  respondent: string;
  reason: string;
}

export interface ImportReport {
  /** Rows read (header excluded). */
  rows: number;
  invalid: ImportProblem[];
  /** Responses stored: 0 when any row is bad or when only checking. */
  stored: number;
  dryRun: boolean;
}

export interface ItemDistribution {
  /** Answers given. */
  answered: number;
  /** Scale value ("1".."5") -> answers. */
  counts: Record<string, number>;
}

export interface WaveComparison {
  before: { surveyId: string; title: Bilingual; wave: number; respondents: number };
  items: Record<string, { before: number | null; after: number | null; change: number | null }>;
  dimensions: Record<string, { before: number | null; after: number | null; change: number | null }>;
  overall: { before: number | null; after: number | null; change: number | null };
}

export interface SurveyResults {
  survey: Survey;
  respondents: number;
  bySource: Record<SurveySource, number>;
  items: Record<string, number | null>;
  dimensions: Record<string, number | null>;
  overall: number | null;
  distributions: Record<string, ItemDistribution>;
  /** Choice question id -> option id -> respondents who picked it. */
  choices: Record<string, Record<string, number>>;
  demographics: Record<string, Record<string, number>>;
  /** Free-text question id -> share of respondents who wrote something (0..1). */
  aware: Record<string, number>;
  /** Demographic id -> option id -> that group's scores (hidden under SURVEY_MIN_GROUP). */
  breakdowns: Record<string, Record<string, GroupScores>>;
  /** Online and hand-entered responses: took part in Linli (filed, argued, voted) before answering, or not. Paper responses are unknown. */
  participation: { tookPart: GroupScores; didNot: GroupScores; unknown: number };
  /** The earlier wave, item by item, when the survey repeats one. */
  comparison: WaveComparison | null;
  exportPath: string;
  templatePath: string;
}

/** The most recent closed wave of a community, with its overall score (the index reads it). */
export interface SurveyWaveScore {
  surveyId: string;
  title: string;
  closedAt: Date;
  respondents: number;
  overall: number | null;
}

/** The template-shaped view of a definition that scoring.ts reads. */
export const templateOf = (survey: { id: string; title: Bilingual; definition: SurveyDefinition }): SurveyTemplate => ({
  id: survey.id,
  title: survey.title,
  scale: survey.definition.scale,
  demographics: survey.definition.demographics,
  awareness: survey.definition.awareness,
  dimensions: survey.definition.dimensions,
  questions: survey.definition.questions,
});
