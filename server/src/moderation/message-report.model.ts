import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { reportStatuses } from '@linli/shared';

const reportSchema = new Schema({
  communityId: { type: Schema.Types.ObjectId, required: true },
  channelId: { type: Schema.Types.ObjectId, required: true },
  messageId: { type: Schema.Types.ObjectId, required: true },
  messageExcerpt: { type: String, default: '' },
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
reportSchema.index({ messageId: 1, reporterId: 1 }, { unique: true });
reportSchema.index({ communityId: 1, status: 1, createdAt: 1 });

export type ReportDoc = InferSchemaType<typeof reportSchema> & { _id: Types.ObjectId };

export function defineReportModels(conn: Connection) {
  return { Report: conn.model('MessageReport', reportSchema) as Model<InferSchemaType<typeof reportSchema>> };
}
