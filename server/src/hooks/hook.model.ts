import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import type { WithId } from '../lib/db.js';
import { hookDeliveryStates, hookEventKinds, hookProviders } from '@linli/shared';

/**
 * A group robot of a community. The webhook address carries the robot's token, so it
 * is as secret as the signing secret: both are stored sealed (AES-256-GCM, see seal.ts)
 * and shown to admins only as hints.
 */
const hookSchema = new Schema({
  communityId: { type: Schema.Types.ObjectId, required: true },
  provider: { type: String, enum: hookProviders, required: true },
  name: { type: String, required: true },
  url: { type: String, required: true },
  urlHint: { type: String, required: true },
  /** Sealed; '' when the robot is not signed. */
  secret: { type: String, default: '' },
  secretHint: { type: String, default: null },
  channelId: { type: Schema.Types.ObjectId, default: null },
  createdBy: { type: Schema.Types.ObjectId, required: true },
  createdByName: { type: String, required: true },
  createdAt: { type: Date, required: true },
  /** Removed hooks stay (their deliveries name them) but send nothing more. */
  removedAt: { type: Date, default: null },
});
hookSchema.index({ communityId: 1, removedAt: 1 });

/**
 * The outbox: one row per (hook, event) (_id derived from both, so publishing the same
 * event twice stores one row). Every node's sweeper claims due rows by a conditional
 * update on `attempts`, so one attempt is made by one node only.
 */
const deliverySchema = new Schema({
  hookId: { type: Schema.Types.ObjectId, required: true },
  communityId: { type: Schema.Types.ObjectId, required: true },
  kind: { type: String, enum: hookEventKinds, required: true },
  title: { type: String, required: true },
  /** Lines under the title (plain text). */
  lines: { type: [String], default: [] },
  /** Absolute link back to the page. */
  link: { type: String, required: true },
  state: { type: String, enum: hookDeliveryStates, required: true },
  attempts: { type: Number, required: true, default: 0 },
  nextAttemptAt: { type: Date, required: true },
  lastError: { type: String, default: null },
  createdAt: { type: Date, required: true },
  sentAt: { type: Date, default: null },
});
deliverySchema.index({ state: 1, nextAttemptAt: 1 });
deliverySchema.index({ communityId: 1, createdAt: -1 });

export type HookDoc = WithId<InferSchemaType<typeof hookSchema>>;
export type HookDeliveryDoc = WithId<InferSchemaType<typeof deliverySchema>>;

export function defineHookModels(conn: Connection) {
  return {
    Hook: conn.model('Hook', hookSchema) as Model<InferSchemaType<typeof hookSchema>>,
    HookDelivery: conn.model('HookDelivery', deliverySchema) as Model<InferSchemaType<typeof deliverySchema>>,
  };
}
