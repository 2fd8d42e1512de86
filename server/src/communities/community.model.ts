import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { joinRequestStatuses } from '@linli/shared';
import type { WithId } from '../lib/db.js';

const communitySchema = new Schema(
  {
    name: { type: String, required: true },
    street: { type: String, required: true },
    district: { type: String, required: true },
    description: { type: String, default: '' },
    /** Shared by moderators; joining with it needs no approval. */
    inviteCode: { type: String, required: true },
    memberCount: { type: Number, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);
communitySchema.index({ inviteCode: 1 }, { unique: true });
communitySchema.index({ district: 1, street: 1, name: 1 }, { unique: true });

const joinRequestSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    displayName: { type: String, required: true },
    message: { type: String, default: '' },
    status: { type: String, enum: joinRequestStatuses, required: true },
    /** When the request was (last) made; asking again after a rejection resets it. */
    requestedAt: { type: Date, required: true },
    decidedBy: { type: Schema.Types.ObjectId, default: null },
    decidedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
// One request per person per community: asking again reopens it.
joinRequestSchema.index({ communityId: 1, userId: 1 }, { unique: true });
joinRequestSchema.index({ communityId: 1, status: 1, requestedAt: 1 });

export type CommunityDoc = WithId<InferSchemaType<typeof communitySchema>>;
export type JoinRequestDoc = WithId<InferSchemaType<typeof joinRequestSchema>>;

export function defineCommunityModels(conn: Connection) {
  return {
    Community: conn.model('Community', communitySchema) as Model<InferSchemaType<typeof communitySchema>>,
    JoinRequest: conn.model('JoinRequest', joinRequestSchema) as Model<InferSchemaType<typeof joinRequestSchema>>,
  };
}
