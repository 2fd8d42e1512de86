import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { notificationKinds } from '@linli/shared';

const notificationSchema = new Schema({
  userId: { type: Schema.Types.ObjectId, required: true },
  communityId: { type: Schema.Types.ObjectId, required: true },
  kind: { type: String, enum: notificationKinds, required: true },
  channelId: { type: Schema.Types.ObjectId, default: null },
  messageId: { type: Schema.Types.ObjectId, default: null },
  issueId: { type: Schema.Types.ObjectId, default: null },
  /** The deliberation, poll or decision a notification of those kinds is about. */
  subjectId: { type: Schema.Types.ObjectId, default: null },
  actorName: { type: String, required: true },
  excerpt: { type: String, default: '' },
  readAt: { type: Date, default: null },
  createdAt: { type: Date, required: true },
});
notificationSchema.index({ userId: 1, createdAt: -1 });
notificationSchema.index({ userId: 1, readAt: 1 });

export type NotificationDoc = InferSchemaType<typeof notificationSchema> & { _id: Types.ObjectId };

export function defineNotificationModels(conn: Connection) {
  return { Notification: conn.model('Notification', notificationSchema) as Model<InferSchemaType<typeof notificationSchema>> };
}
