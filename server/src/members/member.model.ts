import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { householdStatuses, memberRoles } from '@linli/shared';
import type { WithId } from '../lib/db.js';

/** A member's household (the households capability records and verifies it). */
const householdSchema = new Schema(
  {
    building: { type: String, required: true },
    unit: { type: String, required: true },
    room: { type: String, required: true },
    status: { type: String, enum: householdStatuses, required: true },
    verifiedAt: { type: Date, default: null },
    verifiedBy: { type: Schema.Types.ObjectId, default: null },
  },
  { _id: false },
);

const membershipSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    role: { type: String, enum: memberRoles, required: true },
    status: { type: String, enum: ['active', 'banned', 'left'], required: true },
    household: { type: householdSchema, default: null },
    /** Denormalised so member lists need no join (FerretDB has no $lookup). */
    displayName: { type: String, required: true },
    joinedAt: { type: Date, required: true },
    banReason: { type: String, default: '' },
    mutedUntil: { type: Date, default: null },
  },
  { timestamps: true },
);
// One membership per person per community.
membershipSchema.index({ communityId: 1, userId: 1 }, { unique: true });
membershipSchema.index({ userId: 1, status: 1 });
membershipSchema.index({ communityId: 1, status: 1, 'household.status': 1 });

export type MembershipDoc = WithId<InferSchemaType<typeof membershipSchema>>;

export function defineMemberModels(conn: Connection) {
  return {
    Membership: conn.model('Membership', membershipSchema) as Model<InferSchemaType<typeof membershipSchema>>,
  };
}
