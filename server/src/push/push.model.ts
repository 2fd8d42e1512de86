import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { pushKinds } from '@linli/shared';

/** One device (browser profile) of a member that allowed notifications: its push subscription. */
const pushSubscriptionSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    /** The push service URL; secret like a capability (whoever knows it, with the keys, may push). Never logged. */
    endpoint: { type: String, required: true },
    p256dh: { type: String, required: true },
    auth: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastSentAt: { type: Date, default: null },
  },
  { versionKey: false },
);
// One row per device: a device that subscribes again (or for another member after a logout) replaces its row.
pushSubscriptionSchema.index({ endpoint: 1 }, { unique: true });
pushSubscriptionSchema.index({ userId: 1 });

/** A member's choices (_id = the user's): which kinds, quiet hours. No row: the defaults. */
const pushPreferenceSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    kinds: { type: [{ type: String, enum: pushKinds }], default: [] },
    quietStart: { type: String, default: null },
    quietEnd: { type: String, default: null },
    timeZone: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

/** "Closes soon" pushes sent (_id = the poll's): inserting it is the claim, so of several nodes one sends. */
const pushPollReminderSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    sentAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type PushSubscriptionDoc = InferSchemaType<typeof pushSubscriptionSchema> & { _id: Types.ObjectId };
export type PushPreferenceDoc = InferSchemaType<typeof pushPreferenceSchema>;

export function definePushModels(conn: Connection) {
  return {
    PushSubscription: conn.model('PushSubscription', pushSubscriptionSchema) as Model<InferSchemaType<typeof pushSubscriptionSchema>>,
    PushPreference: conn.model('PushPreference', pushPreferenceSchema) as Model<InferSchemaType<typeof pushPreferenceSchema>>,
    PushPollReminder: conn.model('PushPollReminder', pushPollReminderSchema) as Model<InferSchemaType<typeof pushPollReminderSchema>>,
  };
}
