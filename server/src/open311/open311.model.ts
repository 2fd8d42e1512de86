import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import type { WithId } from '../lib/db.js';

/** A community on Open311: its jurisdiction_id (_id = the community's). No row: not on Open311. */
const jurisdictionSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    jurisdictionId: { type: String, required: true },
  },
  { timestamps: true },
);
jurisdictionSchema.index({ jurisdictionId: 1 }, { unique: true });

/** An API key that may file requests into one community; only the SHA-256 of the key is kept. */
const keySchema = new Schema({
  communityId: { type: Schema.Types.ObjectId, required: true },
  label: { type: String, required: true },
  /** sha256(key) in hex. */
  hash: { type: String, required: true },
  createdBy: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
  lastUsedAt: { type: Date, default: null },
  revokedAt: { type: Date, default: null },
});
keySchema.index({ hash: 1 }, { unique: true });
keySchema.index({ communityId: 1, createdAt: -1 });

/** GeoReport v2 tokens: one per POST, answering with the request it created (_id = the token). */
const tokenSchema = new Schema({
  _id: { type: String, required: true },
  communityId: { type: Schema.Types.ObjectId, required: true },
  issueId: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
});

export type Open311JurisdictionDoc = WithId<InferSchemaType<typeof jurisdictionSchema>>;
export type Open311KeyDoc = WithId<InferSchemaType<typeof keySchema>>;
export type Open311TokenDoc = InferSchemaType<typeof tokenSchema> & { _id: string };

export function defineOpen311Models(conn: Connection) {
  return {
    Open311Jurisdiction: conn.model('Open311Jurisdiction', jurisdictionSchema) as Model<InferSchemaType<typeof jurisdictionSchema>>,
    Open311Key: conn.model('Open311Key', keySchema) as Model<InferSchemaType<typeof keySchema>>,
    Open311Token: conn.model('Open311Token', tokenSchema) as Model<InferSchemaType<typeof tokenSchema>>,
  };
}
