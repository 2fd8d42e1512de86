import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** How far a user has read in a channel; its _id derives from (user, channel) (see read.service.ts). */
const readMarkerSchema = new Schema({
  userId: { type: Schema.Types.ObjectId, required: true },
  channelId: { type: Schema.Types.ObjectId, required: true },
  communityId: { type: Schema.Types.ObjectId, required: true },
  lastReadSeq: { type: Number, default: 0 },
});
readMarkerSchema.index({ userId: 1, channelId: 1 }, { unique: true });
readMarkerSchema.index({ userId: 1, communityId: 1 });

export function defineReadMarkerModels(conn: Connection) {
  return { ReadMarker: conn.model('ReadMarker', readMarkerSchema) as Model<InferSchemaType<typeof readMarkerSchema>> };
}
