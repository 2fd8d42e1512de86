import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { surveyAudiences, surveySources, surveyStatuses, type Bilingual, type SurveyAnswers, type SurveyDefinition } from '@linli/shared';
import type { WithId } from '../lib/db.js';

/** A survey (问卷): its questionnaire, window, audience and anonymity. The phase (scheduled / open / closed) is computed from the clock. */
const surveySchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    /** 1, 2, 3... per community (SurveyCounter). */
    number: { type: Number, required: true },
    title: { type: Schema.Types.Mixed, required: true },
    description: { type: String, default: '' },
    templateId: { type: String, default: null },
    definition: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: surveyStatuses, required: true },
    opensAt: { type: Date, required: true },
    closesAt: { type: Date, required: true },
    audience: { type: String, enum: surveyAudiences, required: true },
    anonymous: { type: Boolean, required: true },
    previousWaveId: { type: Schema.Types.ObjectId, default: null },
    wave: { type: Number, default: 1 },
    /** Set once by the sweep that told the audience it opened (a claim one node wins). */
    announced: { type: Boolean, default: false },
    publishedAt: { type: Date, default: null },
    closedEarlyAt: { type: Date, default: null },
    createdById: { type: Schema.Types.ObjectId, required: true },
    createdByName: { type: String, required: true },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, minimize: false },
);
surveySchema.index({ communityId: 1, number: 1 }, { unique: true });
surveySchema.index({ status: 1, announced: 1 });

const surveyCounterSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  seq: { type: Number, default: 0 },
});

/**
 * Who answered: one row per (survey, respondent key), _id derived from the pair and a
 * unique index on it, so concurrent submits store one. The key is "u:<userId>" or
 * "h:<household>". No answers here, ever; in anonymous surveys no time either (the _id
 * is derived, so it carries none).
 */
const surveyParticipantSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    surveyId: { type: Schema.Types.ObjectId, required: true },
    communityId: { type: Schema.Types.ObjectId, required: true },
    respondentKey: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    /** Named surveys only (anonymous: null). */
    answeredAt: { type: Date, default: null },
    /** Staff who entered a paper questionnaire for this resident. */
    enteredById: { type: Schema.Types.ObjectId, default: null },
  },
  { versionKey: false },
);
surveyParticipantSchema.index({ surveyId: 1, respondentKey: 1 }, { unique: true });
surveyParticipantSchema.index({ communityId: 1 });

/**
 * A response's answers. Anonymous surveys: a random string _id (not an ObjectId: no
 * creation time), no user, the day only, and the row is an empty slot made ahead of time
 * in a shuffled batch (`filled: false`) that a response fills at random, so the storage
 * order says nothing about who answered when (as secret polls' ballot slots). Named: the
 * user and the time. Paper imports carry their import's id and count once that import is
 * done (all rows or none).
 */
const surveyResponseSchema = new Schema(
  {
    _id: { type: String, required: true },
    surveyId: { type: Schema.Types.ObjectId, required: true },
    source: { type: String, enum: surveySources, required: true },
    /** The CSV's respondent id (paper), or the response's own id. */
    respondent: { type: String, required: true },
    answers: { type: Schema.Types.Mixed, required: true },
    /** Took part in Linli (filed, argued, voted) before answering; null for paper. */
    tookPart: { type: Boolean, default: null },
    /** YYYY-MM-DD (UTC); null in an empty slot. */
    day: { type: String, default: null },
    userId: { type: Schema.Types.ObjectId, default: null },
    userName: { type: String, default: null },
    submittedAt: { type: Date, default: null },
    importId: { type: Schema.Types.ObjectId, default: null },
    /** false: an anonymous survey's empty slot, not a response (yet). */
    filled: { type: Boolean, default: true },
  },
  { versionKey: false, minimize: false },
);
surveyResponseSchema.index({ surveyId: 1, respondent: 1 }, { unique: true });
surveyResponseSchema.index({ surveyId: 1, filled: 1 });

/** A CSV import: its responses count once it is `done` (set after every row is stored). */
const surveyImportSchema = new Schema(
  {
    surveyId: { type: Schema.Types.ObjectId, required: true },
    state: { type: String, enum: ['storing', 'done'], required: true },
    rows: { type: Number, required: true },
    byId: { type: Schema.Types.ObjectId, required: true },
    byName: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
surveyImportSchema.index({ surveyId: 1 });

export type SurveyDoc = WithId<Omit<InferSchemaType<typeof surveySchema>, 'title' | 'definition'>> & {
  title: Bilingual;
  definition: SurveyDefinition;
  createdAt: Date;
  updatedAt: Date;
};
export type SurveyParticipantDoc = WithId<InferSchemaType<typeof surveyParticipantSchema>>;
export type SurveyResponseDoc = Omit<InferSchemaType<typeof surveyResponseSchema>, 'answers'> & { _id: string; answers: SurveyAnswers };
export type SurveyImportDoc = WithId<InferSchemaType<typeof surveyImportSchema>>;

export function defineSurveyModels(conn: Connection) {
  return {
    Survey: conn.model('Survey', surveySchema) as Model<InferSchemaType<typeof surveySchema>>,
    SurveyCounter: conn.model('SurveyCounter', surveyCounterSchema) as Model<InferSchemaType<typeof surveyCounterSchema>>,
    SurveyParticipant: conn.model('SurveyParticipant', surveyParticipantSchema) as Model<InferSchemaType<typeof surveyParticipantSchema>>,
    SurveyResponse: conn.model('SurveyResponse', surveyResponseSchema) as Model<InferSchemaType<typeof surveyResponseSchema>>,
    SurveyImport: conn.model('SurveyImport', surveyImportSchema) as Model<InferSchemaType<typeof surveyImportSchema>>,
  };
}
