import mongoose, { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import type { WithId } from '../../lib/db.js';

/**
 * A photo a resident uploaded for a problem report. Uploaded before the issue is
 * filed (issueId null), then attached by the issues service; unattached photos are
 * swept after a day. The bytes live in the PhotoStorage (storage.ts) under
 * `photoKeys(id)`; this row is written before them and deleted after them, so bytes
 * never outlive their row.
 */
const issuePhotoSchema = new Schema({
  communityId: { type: Schema.Types.ObjectId, required: true },
  uploaderId: { type: Schema.Types.ObjectId, required: true },
  /** Null until the issue is filed: only the uploader sees it and may attach it. */
  issueId: { type: Schema.Types.ObjectId, default: null },
  /** Of the stored (re-encoded, rotated) image. */
  width: { type: Number, required: true },
  height: { type: Number, required: true },
  /** Stored bytes of the image and of its thumbnail. */
  bytes: { type: Number, required: true },
  thumbBytes: { type: Number, required: true },
  contentType: { type: String, required: true },
  createdAt: { type: Date, required: true },
  /** Set by the sweep before it deletes the bytes: such a photo can no longer be attached. */
  deletingAt: { type: Date, default: null },
});
// photosOf(issueId) and the sweep of unattached ones (MongoDB uses it; the embedded server scans for anything but _id).
issuePhotoSchema.index({ issueId: 1, createdAt: 1 });

export type IssuePhotoDoc = WithId<InferSchemaType<typeof issuePhotoSchema>>;

export function definePhotoModels(conn: Connection) {
  return {
    IssuePhoto: conn.model('IssuePhoto', issuePhotoSchema) as Model<InferSchemaType<typeof issuePhotoSchema>>,
  };
}

/** The GridFS bucket photo bytes go to with PHOTO_STORAGE=gridfs (collections issuePhotos.files / .chunks). */
export function openPhotoBucket(conn: Connection, bucketName = 'issuePhotos'): mongoose.mongo.GridFSBucket {
  if (!conn.db) throw new Error('openPhotoBucket: the connection is not open');
  return new mongoose.mongo.GridFSBucket(conn.db, { bucketName });
}
