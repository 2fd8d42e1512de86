import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { reportStatuses } from '@linli/shared';

const messageReportSchema = new Schema({
  communityId: { type: Schema.Types.ObjectId, required: true },
  channelId: { type: Schema.Types.ObjectId, required: true },
  messageId: { type: Schema.Types.ObjectId, required: true },
  messageExcerpt: { type: String, default: '' },
  /** The reported message's recording (server/src/voice), if it had one. */
  voice: {
    type: new Schema({ clipId: { type: Schema.Types.ObjectId, required: true }, durationMs: { type: Number, required: true } }, { _id: false }),
    default: null,
  },
  messageAuthorId: { type: Schema.Types.ObjectId, required: true },
  messageAuthorName: { type: String, required: true },
  reporterId: { type: Schema.Types.ObjectId, required: true },
  reporterName: { type: String, required: true },
  reason: { type: String, required: true },
  status: { type: String, enum: reportStatuses, default: 'open' },
  resolution: { type: String, enum: ['hidden', 'dismissed', null], default: null },
  resolvedBy: { type: Schema.Types.ObjectId, default: null },
  resolvedAt: { type: Date, default: null },
  createdAt: { type: Date, required: true },
});
// One report per person per message.
messageReportSchema.index({ messageId: 1, reporterId: 1 }, { unique: true });
messageReportSchema.index({ communityId: 1, status: 1, createdAt: 1 });

export type MessageReportDoc = InferSchemaType<typeof messageReportSchema> & { _id: Types.ObjectId };

export function defineMessageReportModels(conn: Connection) {
  return { MessageReport: conn.model('MessageReport', messageReportSchema) as Model<InferSchemaType<typeof messageReportSchema>> };
}
