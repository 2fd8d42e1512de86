import { Schema, Types, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { actionItemStates, decisionOrigins, decisionStates, issueRatings } from '@linli/shared';
import type { WithId } from '../lib/db.js';

const issueRefSchema = new Schema(
  {
    issueId: { type: Schema.Types.ObjectId, required: true },
    number: { type: Number, required: true },
    title: { type: String, required: true },
  },
  { _id: false },
);

const deliberationRefSchema = new Schema(
  {
    deliberationId: { type: Schema.Types.ObjectId, required: true },
    number: { type: Number, required: true },
    title: { type: String, required: true },
  },
  { _id: false },
);

const pollRefSchema = new Schema(
  {
    pollId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true },
    outcome: { type: String, default: '' },
  },
  { _id: false },
);

/**
 * A decision (决议). Its action items are documents of their own (two owners updating
 * at once touch different documents); the fields below `state` summarise them and are
 * recomputed after every item change under a version check (decision.service.ts).
 */
const decisionSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    /** 1, 2, 3... per community (DecisionCounter). */
    number: { type: Number, required: true },
    title: { type: String, required: true },
    rationale: { type: String, default: '' },
    origin: { type: String, enum: decisionOrigins, required: true },
    outcome: { type: String, default: '' },
    /** The poll's result as frozen at close (counting.ts output), copied in. */
    pollResult: { type: Schema.Types.Mixed, default: null },
    issues: { type: [issueRefSchema], default: [] },
    deliberation: { type: deliberationRefSchema, default: null },
    poll: { type: pollRefSchema, default: null },
    recordedById: { type: Schema.Types.ObjectId, required: true },
    recordedByName: { type: String, required: true },
    state: { type: String, enum: decisionStates, default: 'in_progress' },
    progress: { type: Number, default: 0 },
    itemCount: { type: Number, default: 0 },
    doneCount: { type: Number, default: 0 },
    owners: { type: [String], default: [] },
    dueAt: { type: Date, default: null },
    overdue: { type: Boolean, default: false },
    ratingSum: { type: Number, default: 0 },
    ratingCount: { type: Number, default: 0 },
    doneAt: { type: Date, default: null },
    version: { type: Number, default: 0 },
  },
  { timestamps: true },
);
decisionSchema.index({ communityId: 1, number: 1 }, { unique: true });
decisionSchema.index({ communityId: 1, createdAt: -1 });

const ownerSchema = new Schema(
  {
    type: { type: String, enum: ['organisation', 'member'], required: true },
    id: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
  },
  { _id: false },
);

const milestoneSchema = new Schema({
  title: { type: String, required: true },
  dueAt: { type: Date, required: true },
  doneAt: { type: Date, default: null },
});

/** One action item of a decision: who does what by when, and how far it got. */
const actionItemSchema = new Schema(
  {
    decisionId: { type: Schema.Types.ObjectId, required: true },
    communityId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true },
    owner: { type: ownerSchema, required: true },
    dueAt: { type: Date, required: true },
    milestones: { type: [milestoneSchema], default: [] },
    state: { type: String, enum: actionItemStates, default: 'planned' },
    abandonReason: { type: String, default: null },
    progress: { type: Number, default: 0 },
    /** Highest escalation level claimed by a sweeper (0 none, 1 owner + supervisors, 2 admins). */
    overdueLevel: { type: Number, default: 0 },
    version: { type: Number, default: 0 },
  },
  { timestamps: true },
);
actionItemSchema.index({ decisionId: 1, createdAt: 1 });
actionItemSchema.index({ state: 1, dueAt: 1 });

/** A progress report on an item; its photos are issue photos attached to this entry's id. */
const progressEntrySchema = new Schema({
  itemId: { type: Schema.Types.ObjectId, required: true },
  decisionId: { type: Schema.Types.ObjectId, required: true },
  communityId: { type: Schema.Types.ObjectId, required: true },
  authorId: { type: Schema.Types.ObjectId, required: true },
  authorName: { type: String, required: true },
  organisationName: { type: String, default: null },
  text: { type: String, required: true },
  percent: { type: Number, required: true },
  photos: {
    type: [new Schema({ id: { type: Schema.Types.ObjectId, required: true }, width: Number, height: Number }, { _id: false })],
    default: [],
  },
  at: { type: Date, required: true },
});
progressEntrySchema.index({ decisionId: 1, at: 1 });

/** One rating per participant and decision: the unique index refuses a second one, even racing. */
const decisionRatingSchema = new Schema({
  decisionId: { type: Schema.Types.ObjectId, required: true },
  communityId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  rating: { type: String, enum: issueRatings, required: true },
  comment: { type: String, default: '' },
  at: { type: Date, required: true },
});
decisionRatingSchema.index({ decisionId: 1, userId: 1 }, { unique: true });

/** The last decision number handed out in a community (_id = the community's). */
const decisionCounterSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  seq: { type: Number, default: 0 },
});

export type DecisionDoc = WithId<InferSchemaType<typeof decisionSchema>> & { createdAt: Date; updatedAt: Date };
export type ActionItemDoc = WithId<InferSchemaType<typeof actionItemSchema>> & { createdAt: Date; updatedAt: Date };
export type ProgressEntryDoc = WithId<InferSchemaType<typeof progressEntrySchema>>;
export type DecisionRatingDoc = WithId<InferSchemaType<typeof decisionRatingSchema>>;

/** A fresh id, for a document whose id must be known before it is written (a progress entry's photos attach to it first). */
export const newId = (): Types.ObjectId => new Types.ObjectId();

export function defineDecisionModels(conn: Connection) {
  return {
    Decision: conn.model('Decision', decisionSchema) as Model<InferSchemaType<typeof decisionSchema>>,
    ActionItem: conn.model('ActionItem', actionItemSchema) as Model<InferSchemaType<typeof actionItemSchema>>,
    ProgressEntry: conn.model('ProgressEntry', progressEntrySchema) as Model<InferSchemaType<typeof progressEntrySchema>>,
    DecisionRating: conn.model('DecisionRating', decisionRatingSchema) as Model<InferSchemaType<typeof decisionRatingSchema>>,
    DecisionCounter: conn.model('DecisionCounter', decisionCounterSchema) as Model<InferSchemaType<typeof decisionCounterSchema>>,
  };
}
