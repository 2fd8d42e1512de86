import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { activityKinds, questionKinds, signupStatuses } from '@linli/shared';
import type { WithId } from '../lib/db.js';

const questionSchema = new Schema(
  {
    text: { type: String, required: true },
    kind: { type: String, enum: questionKinds, required: true },
    options: { type: [String], required: true },
    /** Never sent to a resident before their attempt finished or the quiz closed. */
    correct: { type: [Number], required: true },
    points: { type: Number, required: true },
    seconds: { type: Number, required: true },
  },
  { _id: false },
);

const prizeSchema = new Schema({ fromRank: Number, toRank: Number, name: String }, { _id: false });

/**
 * One activity: a call for ideas, a quiz or an offline event. Kind-specific fields
 * stay null for the other kinds. `finishSeq` and `queueSeq` hand out quiz finish order
 * and waiting-list order with one atomic $inc each.
 */
const activitySchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: activityKinds, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    createdById: { type: Schema.Types.ObjectId, required: true },
    createdByName: { type: String, required: true },
    cancelledAt: { type: Date, default: null },
    cancelReason: { type: String, default: null },
    /** Calls and quizzes: the window. */
    opensAt: { type: Date, default: null },
    closesAt: { type: Date, default: null },
    // Calls
    pollId: { type: Schema.Types.ObjectId, default: null },
    // Quizzes
    timing: { type: String, default: null },
    seconds: { type: Number, default: null },
    questions: { type: [questionSchema], default: [] },
    prizes: { type: [prizeSchema], default: [] },
    finishSeq: { type: Number, default: 0 },
    resultsPublishedAt: { type: Date, default: null },
    // Events
    place: { type: String, default: null },
    startsAt: { type: Date, default: null },
    endsAt: { type: Date, default: null },
    capacity: { type: Number, default: null },
    queueSeq: { type: Number, default: 0 },
    version: { type: Number, default: 0 },
  },
  { timestamps: true },
);
activitySchema.index({ communityId: 1, createdAt: -1 });

/** An idea proposed in a call. */
const ideaSchema = new Schema({
  activityId: { type: Schema.Types.ObjectId, required: true },
  communityId: { type: Schema.Types.ObjectId, required: true },
  authorId: { type: Schema.Types.ObjectId, required: true },
  authorName: { type: String, required: true },
  title: { type: String, required: true },
  description: { type: String, default: '' },
  shortlisted: { type: Boolean, default: false },
  /** Set the first time it is shortlisted (its author is told once). */
  shortlistedAt: { type: Date, default: null },
  createdAt: { type: Date, required: true },
});
ideaSchema.index({ activityId: 1, createdAt: 1 });
ideaSchema.index({ communityId: 1, createdAt: 1 });

/** One support per person and idea (_id derived from both; the unique index says so too). */
const ideaSupportSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  ideaId: { type: Schema.Types.ObjectId, required: true },
  activityId: { type: Schema.Types.ObjectId, required: true },
  communityId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
});
ideaSupportSchema.index({ ideaId: 1, userId: 1 }, { unique: true });
ideaSupportSchema.index({ activityId: 1 });

const answerSchema = new Schema(
  {
    index: { type: Number, required: true },
    choice: { type: [Number], default: [] },
    servedAt: { type: Date, required: true },
    at: { type: Date, required: true },
    late: { type: Boolean, required: true },
    points: { type: Number, required: true },
    ms: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * A resident's one attempt at a quiz (unique per quiz and user). The server hands out
 * one question at a time: `current` and `servedAt` say which and since when; an answer
 * is stored by a conditional update on `current`, so a double submit is stored once.
 */
const quizAttemptSchema = new Schema({
  activityId: { type: Schema.Types.ObjectId, required: true },
  communityId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  displayName: { type: String, required: true },
  startedAt: { type: Date, required: true },
  current: { type: Number, default: 0 },
  servedAt: { type: Date, required: true },
  answers: { type: [answerSchema], default: [] },
  finishedAt: { type: Date, default: null },
  score: { type: Number, default: null },
  totalMs: { type: Number, default: null },
  /** 1 for the quiz's first finished attempt (Activity.finishSeq). */
  finishOrder: { type: Number, default: null },
  prizeName: { type: String, default: null },
  prizeGivenAt: { type: Date, default: null },
  prizeGivenById: { type: Schema.Types.ObjectId, default: null },
  prizeGivenByName: { type: String, default: null },
});
quizAttemptSchema.index({ activityId: 1, userId: 1 }, { unique: true });
quizAttemptSchema.index({ communityId: 1, finishedAt: 1 });

/** A sign-up for an event (_id derived from event and user): confirmed holds a seat, waiting is in queue order. */
const eventSignupSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  activityId: { type: Schema.Types.ObjectId, required: true },
  communityId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  displayName: { type: String, required: true },
  status: { type: String, enum: signupStatuses, required: true },
  /** Waiting-list order: Activity.queueSeq at (re)joining. */
  queueNo: { type: Number, required: true },
  /** Six digits, unique within the event: shown on the resident's phone, entered at the door. */
  code: { type: String, required: true },
  /** The sign-up's answer has been given (a later promotion is then notified). */
  answered: { type: Boolean, default: false },
  signedUpAt: { type: Date, required: true },
  checkedInAt: { type: Date, default: null },
  checkedInById: { type: Schema.Types.ObjectId, default: null },
  checkedInByName: { type: String, default: null },
});
eventSignupSchema.index({ activityId: 1, code: 1 }, { unique: true });
eventSignupSchema.index({ activityId: 1, status: 1, queueNo: 1 });
eventSignupSchema.index({ communityId: 1, checkedInAt: 1 });

/**
 * A seat of an event, 0..capacity-1 (_id derived from event and number). `holder` is
 * the sign-up holding it, or `free:<n>` when free: unique per event, so a sign-up can
 * never hold two seats and a seat is claimed by one conditional update.
 */
const eventSeatSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  activityId: { type: Schema.Types.ObjectId, required: true },
  n: { type: Number, required: true },
  holder: { type: String, required: true },
  free: { type: Boolean, required: true },
});
eventSeatSchema.index({ activityId: 1, holder: 1 }, { unique: true });
eventSeatSchema.index({ activityId: 1, n: 1 });

export type ActivityDoc = WithId<InferSchemaType<typeof activitySchema>> & { createdAt: Date; updatedAt: Date };
export type IdeaDoc = WithId<InferSchemaType<typeof ideaSchema>>;
export type QuizAttemptDoc = WithId<InferSchemaType<typeof quizAttemptSchema>>;
export type EventSignupDoc = WithId<InferSchemaType<typeof eventSignupSchema>>;
export type EventSeatDoc = WithId<InferSchemaType<typeof eventSeatSchema>>;

export function defineActivityModels(conn: Connection) {
  return {
    Activity: conn.model('Activity', activitySchema) as Model<InferSchemaType<typeof activitySchema>>,
    ActivityIdea: conn.model('ActivityIdea', ideaSchema) as Model<InferSchemaType<typeof ideaSchema>>,
    IdeaSupport: conn.model('IdeaSupport', ideaSupportSchema) as Model<InferSchemaType<typeof ideaSupportSchema>>,
    QuizAttempt: conn.model('QuizAttempt', quizAttemptSchema) as Model<InferSchemaType<typeof quizAttemptSchema>>,
    EventSignup: conn.model('EventSignup', eventSignupSchema) as Model<InferSchemaType<typeof eventSignupSchema>>,
    EventSeat: conn.model('EventSeat', eventSeatSchema) as Model<InferSchemaType<typeof eventSeatSchema>>,
  };
}
