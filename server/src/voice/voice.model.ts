import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import type { WithId } from '../lib/db.js';

/**
 * A voice clip a member uploaded (POST /api/voice). Unattached until a chat message or
 * a problem report names it (by its uploader, in its community, once); unattached
 * clips are swept after a day. The bytes live in the problem-report photo storage
 * (PHOTO_STORAGE: local folder or GridFS) under `voiceKey(id)`; this row is written
 * before them and deleted after them, so bytes never outlive their row.
 */
const voiceClipSchema = new Schema({
  communityId: { type: Schema.Types.ObjectId, required: true },
  uploaderId: { type: Schema.Types.ObjectId, required: true },
  /** audio/webm or audio/ogg, read from the content; always one Opus track. */
  contentType: { type: String, required: true },
  bytes: { type: Number, required: true },
  /** Measured on the server from the Opus packets. */
  durationMs: { type: Number, required: true },
  createdAt: { type: Date, required: true },
  /** What it is attached to; null until then (only its uploader hears it and may attach it). */
  messageId: { type: Schema.Types.ObjectId, default: null },
  channelId: { type: Schema.Types.ObjectId, default: null },
  issueId: { type: Schema.Types.ObjectId, default: null },
  /** Set by the sweep before it deletes the bytes: such a clip can no longer be attached. */
  deletingAt: { type: Date, default: null },
});
voiceClipSchema.index({ messageId: 1, issueId: 1, createdAt: 1 });

export type VoiceClipDoc = WithId<InferSchemaType<typeof voiceClipSchema>>;

export function defineVoiceModels(conn: Connection) {
  return {
    VoiceClip: conn.model('VoiceClip', voiceClipSchema) as Model<InferSchemaType<typeof voiceClipSchema>>,
  };
}
