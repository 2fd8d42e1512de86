import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { pollBallotKinds, pollEligibilities, pollKinds, pollStates, pollThresholds, pollVisibilities } from '@linli/shared';
import type { WithId } from '../lib/db.js';

const optionSchema = new Schema(
  {
    id: { type: String, required: true },
    label: { type: String, required: true },
    cost: { type: Number, default: null },
  },
  { _id: false },
);

/** A poll (网络票选). Counts are never stored here: only the frozen result, in PollResult, after close. */
const pollSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    /** 1, 2, 3... per community (PollCounter). */
    number: { type: Number, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    kind: { type: String, enum: pollKinds, required: true },
    options: { type: [optionSchema], default: [] },
    /** The next option id number ("o<n>"), so an id once given is never given again. */
    nextOption: { type: Number, default: 1 },
    min: { type: Number, default: null },
    max: { type: Number, default: null },
    budget: { type: Number, default: null },
    threshold: { type: String, enum: [...pollThresholds, null], default: null },
    quorum: { type: Number, default: null },
    eligibility: { type: String, enum: pollEligibilities, required: true },
    visibility: { type: String, enum: pollVisibilities, required: true },
    ballot: { type: String, enum: pollBallotKinds, required: true },
    allowChange: { type: Boolean, required: true },
    opensAt: { type: Date, required: true },
    closesAt: { type: Date, required: true },
    state: { type: String, enum: pollStates, required: true },
    deliberationId: { type: Schema.Types.ObjectId, default: null },
    minDeliberationHours: { type: Number, default: 0 },
    issueIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Set (once) by the first ballot: the settings but the description and a later closesAt stop changing. */
    frozen: { type: Boolean, default: false },
    /** Ballots last counted (turnout; exact on get/watch, which count the rows). */
    ballotCount: { type: Number, default: 0 },
    createdById: { type: Schema.Types.ObjectId, required: true },
    createdByName: { type: String, required: true },
    closedAt: { type: Date, default: null },
    closedEarlyById: { type: Schema.Types.ObjectId, default: null },
    closedEarlyByName: { type: String, default: null },
    closeReason: { type: String, default: null },
    outcome: { type: String, default: null },
    /** Eligible voters counted at close (the quorum's base). */
    eligibleAtClose: { type: Number, default: null },
    version: { type: Number, default: 0 },
  },
  { timestamps: true },
);
pollSchema.index({ communityId: 1, number: 1 }, { unique: true });
pollSchema.index({ state: 1 });

/** The last poll number handed out in a community (_id = the community's). */
const pollCounterSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  seq: { type: Number, default: 0 },
});

/**
 * A public poll's ballot: _id derived from (poll, voterKey) and a unique index on
 * the pair, so one voter (or household) holds one row whatever races. voterKey is
 * "u:<userId>" or "h:<household>".
 */
const pollBallotSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    pollId: { type: Schema.Types.ObjectId, required: true },
    voterKey: { type: String, required: true },
    voterId: { type: Schema.Types.ObjectId, required: true },
    voterName: { type: String, required: true },
    choice: { type: Schema.Types.Mixed, required: true },
    receipt: { type: String, required: true },
    /** Random per write: the frozen result lists the tokens it counted (a write racing the close checks it). */
    token: { type: String, required: true },
    assistedById: { type: Schema.Types.ObjectId, default: null },
    assistedByName: { type: String, default: null },
    castAt: { type: Date, required: true },
    version: { type: Number, default: 0 },
  },
  { versionKey: false },
);
pollBallotSchema.index({ pollId: 1, voterKey: 1 }, { unique: true });

/** A public poll's replaced ballots (vote change keeps the history). */
const pollBallotChangeSchema = new Schema(
  {
    pollId: { type: Schema.Types.ObjectId, required: true },
    ballotId: { type: Schema.Types.ObjectId, required: true },
    /** The ballot version this row was (unique with ballotId: one row per replaced version). */
    version: { type: Number, required: true },
    voterName: { type: String, required: true },
    receipt: { type: String, required: true },
    choice: { type: Schema.Types.Mixed, required: true },
    castAt: { type: Date, required: true },
    replacedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
pollBallotChangeSchema.index({ ballotId: 1, version: 1 }, { unique: true });
pollBallotChangeSchema.index({ pollId: 1 });

/**
 * A secret poll's voter: who took part, never what they chose. _id derived from
 * (poll, voterKey) (no creation time), no timestamps; commit = H(voter-tag, s)
 * binds the record to the client's ballot secret s.
 */
const pollVoterSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    pollId: { type: Schema.Types.ObjectId, required: true },
    voterKey: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    commit: { type: String, required: true },
    /** pending: the ballot may or may not be in a slot (the client retries with s); cast: confirmed. */
    state: { type: String, enum: ['pending', 'cast'], required: true },
    assistedById: { type: Schema.Types.ObjectId, default: null },
  },
  { versionKey: false },
);
pollVoterSchema.index({ pollId: 1, voterKey: 1 }, { unique: true });

/**
 * A secret poll's anonymous ballot slot: created empty in shuffled batches with
 * random string ids and no timestamps, filled by a conditional update. key is
 * H(ballot-tag, s) once filled (a random placeholder while empty): unique per poll,
 * so one s fills one slot at most.
 */
const pollSlotSchema = new Schema(
  {
    _id: { type: String, required: true },
    pollId: { type: Schema.Types.ObjectId, required: true },
    filled: { type: Boolean, required: true },
    key: { type: String, required: true },
    choice: { type: Schema.Types.Mixed, default: null },
    receipt: { type: String, default: null },
    token: { type: String, required: true },
  },
  { versionKey: false },
);
pollSlotSchema.index({ pollId: 1, key: 1 }, { unique: true });
pollSlotSchema.index({ pollId: 1, filled: 1 });

/**
 * The frozen result of a closed poll (_id = the poll's): inserted once, so two
 * nodes closing at once store one. counted: the ballot tokens counted (a ballot
 * racing the close checks itself against it); receipts and ballots sorted.
 */
const pollResultSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    result: { type: Schema.Types.Mixed, required: true },
    eligible: { type: Number, required: true },
    counted: { type: [String], default: [] },
    /** Public: { receipt, choice (canonical JSON), voterName, assisted }; secret: { receipt }. */
    receipts: { type: [Schema.Types.Mixed], default: [] },
    /** Each ballot as canonical JSON, sorted (the embedded database stores no arrays in arrays). */
    ballots: { type: [String], default: [] },
    closedAt: { type: Date, required: true },
  },
  // minimize: false keeps empty objects (a result's invalidReasons: {}), so the stored result is countPoll's, byte for byte.
  { versionKey: false, minimize: false },
);

/**
 * A public poll's current choices for its live tally, in one document read by _id
 * (_id = the poll's): { c: { <hash of voter key>: choice } }. The embedded database
 * reads the whole ballots collection for any query by poll, so the live tally (a few
 * times a second) reads this instead; the close counts the ballots themselves.
 * Written after each stored ballot; merged from the ballots now and then, so a write
 * lost to a crash shows again (poll.service.ts publicChoices).
 */
const pollLiveChoicesSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    c: { type: Schema.Types.Mixed, default: {} },
    mergedAt: { type: Date, default: null },
  },
  { versionKey: false, minimize: false },
);

/** An option as stored. */
export interface PollOptionRow {
  id: string;
  label: string;
  cost: number | null;
}
export type PollDoc = WithId<Omit<InferSchemaType<typeof pollSchema>, 'options' | 'issueIds' | 'deliberationId'>> & {
  options: PollOptionRow[];
  issueIds: Types.ObjectId[];
  deliberationId: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
};
export type PollBallotDoc = WithId<InferSchemaType<typeof pollBallotSchema>>;
export type PollBallotChangeDoc = WithId<InferSchemaType<typeof pollBallotChangeSchema>>;
export type PollVoterDoc = WithId<InferSchemaType<typeof pollVoterSchema>>;
export type PollSlotDoc = InferSchemaType<typeof pollSlotSchema> & { _id: string };
export type PollResultDoc = WithId<InferSchemaType<typeof pollResultSchema>>;
export type PollLiveChoicesDoc = WithId<InferSchemaType<typeof pollLiveChoicesSchema>>;

export function definePollModels(conn: Connection) {
  return {
    Poll: conn.model('Poll', pollSchema) as Model<InferSchemaType<typeof pollSchema>>,
    PollCounter: conn.model('PollCounter', pollCounterSchema) as Model<InferSchemaType<typeof pollCounterSchema>>,
    PollBallot: conn.model('PollBallot', pollBallotSchema) as Model<InferSchemaType<typeof pollBallotSchema>>,
    PollBallotChange: conn.model('PollBallotChange', pollBallotChangeSchema) as Model<InferSchemaType<typeof pollBallotChangeSchema>>,
    PollVoter: conn.model('PollVoter', pollVoterSchema) as Model<InferSchemaType<typeof pollVoterSchema>>,
    PollSlot: conn.model('PollSlot', pollSlotSchema) as Model<InferSchemaType<typeof pollSlotSchema>>,
    PollResult: conn.model('PollResult', pollResultSchema) as Model<InferSchemaType<typeof pollResultSchema>>,
    PollLiveChoices: conn.model('PollLiveChoices', pollLiveChoicesSchema) as Model<InferSchemaType<typeof pollLiveChoicesSchema>>,
  };
}
