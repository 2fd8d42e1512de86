import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { organisationKinds } from '@linli/shared';

const staffSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    displayName: { type: String, required: true },
    title: { type: String, default: '' },
  },
  { _id: false },
);

const organisationSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    kind: { type: String, enum: organisationKinds, required: true },
    description: { type: String, default: '' },
    staff: { type: [staffSchema], default: [] },
  },
  { timestamps: true },
);
organisationSchema.index({ communityId: 1, name: 1 }, { unique: true });
organisationSchema.index({ communityId: 1, 'staff.userId': 1 });

export type OrganisationDoc = InferSchemaType<typeof organisationSchema> & { _id: Types.ObjectId };

export function defineOrganisationModels(conn: Connection) {
  return {
    Organisation: conn.model('Organisation', organisationSchema) as Model<InferSchemaType<typeof organisationSchema>>,
  };
}
