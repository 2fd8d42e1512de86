import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { channelKinds, memberRoles } from '@linli/shared';

const visibilitySchema = new Schema(
  {
    type: { type: String, enum: ['all', 'roles', 'organisation'], required: true },
    roles: { type: [String], enum: memberRoles, default: undefined },
    organisationId: { type: Schema.Types.ObjectId, default: undefined },
  },
  { _id: false },
);

const channelSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    kind: { type: String, enum: channelKinds, required: true },
    topicPlan: { type: String, required: true },
    ownerId: { type: Schema.Types.ObjectId, required: true },
    ownerName: { type: String, required: true },
    visibility: { type: visibilitySchema, required: true },
    archived: { type: Boolean, default: false },
    position: { type: Number, default: 0 },
  },
  { timestamps: true },
);
channelSchema.index({ communityId: 1, name: 1 }, { unique: true });
channelSchema.index({ communityId: 1, archived: 1, position: 1 });

export type ChannelDoc = InferSchemaType<typeof channelSchema> & { _id: Types.ObjectId };

export function defineChannelModels(conn: Connection) {
  return {
    Channel: conn.model('Channel', channelSchema) as Model<InferSchemaType<typeof channelSchema>>,
  };
}
