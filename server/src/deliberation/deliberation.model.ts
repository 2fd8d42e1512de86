import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { deliberationStates } from '@linli/shared';
import type { WithId } from '../lib/db.js';

const issueRefSchema = new Schema(
  {
    issueId: { type: Schema.Types.ObjectId, required: true },
    number: { type: Number, required: true },
    title: { type: String, required: true },
  },
  { _id: false },
);

const summarySchema = new Schema(
  {
    summaryFor: { type: String, required: true },
    summaryAgainst: { type: String, required: true },
    conclusion: { type: String, required: true },
    closedById: { type: Schema.Types.ObjectId, required: true },
    closedByName: { type: String, required: true },
  },
  { _id: false },
);

/** A deliberation topic (议事). Its arguments are the messages of its channel (messages/, `stance`). */
const deliberationSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    /** 1, 2, 3... per community (DeliberationCounter). */
    number: { type: Number, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    state: { type: String, enum: deliberationStates, required: true },
    proposerId: { type: Schema.Types.ObjectId, required: true },
    proposerName: { type: String, required: true },
    /** Rows in DeliberationSupport, kept by $inc (the open decision counts the rows themselves). */
    supportCount: { type: Number, default: 0 },
    supportThreshold: { type: Number, required: true },
    openedById: { type: Schema.Types.ObjectId, default: null },
    openedByName: { type: String, default: null },
    issues: { type: [issueRefSchema], default: [] },
    /** The topic's channel; its _id is derived from the topic's (see topic-channels.ts), so creating it twice collides. */
    channelId: { type: Schema.Types.ObjectId, default: null },
    summary: { type: summarySchema, default: null },
    rejectReason: { type: String, default: null },
    openedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
deliberationSchema.index({ communityId: 1, number: 1 }, { unique: true });
// The message service asks, for a message in a 'deliberation' channel, which topic it belongs to.
deliberationSchema.index({ channelId: 1 });

/** One row per (topic, supporter): its _id is derived from both, so supporting twice collides (one per person). */
const deliberationSupportSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  deliberationId: { type: Schema.Types.ObjectId, required: true },
  communityId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  at: { type: Date, required: true },
});
deliberationSupportSchema.index({ deliberationId: 1, userId: 1 }, { unique: true });
deliberationSupportSchema.index({ userId: 1, communityId: 1 });

/** The last topic number handed out in a community (_id = the community's). */
const deliberationCounterSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  seq: { type: Number, default: 0 },
});

/** A community's deliberation settings (_id = the community's); absent means the defaults. */
const deliberationSettingsSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  supportThreshold: { type: Number, required: true },
});

export type DeliberationDoc = WithId<InferSchemaType<typeof deliberationSchema>> & { createdAt: Date; updatedAt: Date };

export function defineDeliberationModels(conn: Connection) {
  return {
    Deliberation: conn.model('Deliberation', deliberationSchema) as Model<InferSchemaType<typeof deliberationSchema>>,
    DeliberationSupport: conn.model('DeliberationSupport', deliberationSupportSchema) as Model<InferSchemaType<typeof deliberationSupportSchema>>,
    DeliberationCounter: conn.model('DeliberationCounter', deliberationCounterSchema) as Model<InferSchemaType<typeof deliberationCounterSchema>>,
    DeliberationSettings: conn.model('DeliberationSettings', deliberationSettingsSchema) as Model<InferSchemaType<typeof deliberationSettingsSchema>>,
  };
}
