import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import type { WithId } from '../lib/db.js';

/**
 * A published month of a community's index, frozen: _id derived from (community,
 * month), inserted once and never updated, so two nodes publishing the same month
 * store one snapshot and later edits to the data do not move it.
 */
const indexSnapshotSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    communityId: { type: Schema.Types.ObjectId, required: true },
    month: { type: String, required: true },
    /** IndexFigures as computed at publication. */
    figures: { type: Schema.Types.Mixed, required: true },
    publishedAt: { type: Date, required: true },
    publishedById: { type: Schema.Types.ObjectId, default: null },
    publishedByName: { type: String, default: null },
  },
  { versionKey: false, minimize: false },
);
indexSnapshotSchema.index({ communityId: 1, month: 1 }, { unique: true });

export type IndexSnapshotDoc = WithId<InferSchemaType<typeof indexSnapshotSchema>>;

export function defineIndexModels(conn: Connection) {
  return {
    IndexSnapshot: conn.model('IndexSnapshot', indexSnapshotSchema) as Model<InferSchemaType<typeof indexSnapshotSchema>>,
  };
}
