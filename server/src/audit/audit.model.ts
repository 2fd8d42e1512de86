import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** Append-only record of staff actions, readable by moderators and supervisors. */
const auditSchema = new Schema({
  communityId: { type: Schema.Types.ObjectId, required: true },
  actorId: { type: Schema.Types.ObjectId, required: true },
  actorName: { type: String, required: true },
  action: { type: String, required: true },
  targetType: { type: String, required: true },
  targetId: { type: String, required: true },
  details: { type: Schema.Types.Mixed, default: {} },
  at: { type: Date, required: true },
});
auditSchema.index({ communityId: 1, at: -1 });

export function defineAuditModels(conn: Connection) {
  return { Audit: conn.model('AuditEntry', auditSchema) as Model<InferSchemaType<typeof auditSchema>> };
}
