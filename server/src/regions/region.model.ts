import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { regionTypes } from '@linli/shared';
import type { WithId } from '../lib/db.js';

/** A district (区): its streets' communities are ranked together under its index weights. */
const districtSchema = new Schema(
  {
    name: { type: String, required: true },
    /** The index weights per component; null: equal weights. */
    weights: { type: Schema.Types.Mixed, default: null },
    /** Days a deliberation must have been open before a decision (the index's "deliberation before decision"). */
    deliberationDays: { type: Number, default: 7 },
  },
  { timestamps: true, minimize: false },
);
districtSchema.index({ name: 1 }, { unique: true });

/** A street (街道) of a district. */
const streetSchema = new Schema(
  {
    districtId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
  },
  { timestamps: true },
);
streetSchema.index({ districtId: 1, name: 1 }, { unique: true });

/** A community grouped under a street by a platform admin (_id = the community's); absent: matched by name. */
const communityRegionSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    streetId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);

/** Someone oversees a street or a district: _id derived from (user, type, region), so granting twice collides. */
const oversightGrantSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  displayName: { type: String, required: true },
  regionType: { type: String, enum: regionTypes, required: true },
  regionId: { type: Schema.Types.ObjectId, required: true },
  grantedById: { type: Schema.Types.ObjectId, required: true },
  at: { type: Date, required: true },
});
oversightGrantSchema.index({ userId: 1 });

/** What platform admins did to regions (the community audit log is per community; these are not). */
const regionAuditSchema = new Schema({
  actorId: { type: Schema.Types.ObjectId, required: true },
  actorName: { type: String, required: true },
  action: { type: String, required: true },
  target: { type: String, required: true },
  details: { type: Schema.Types.Mixed, default: {} },
  at: { type: Date, required: true },
});
regionAuditSchema.index({ at: -1 });

export type DistrictDoc = WithId<InferSchemaType<typeof districtSchema>>;
export type StreetDoc = WithId<InferSchemaType<typeof streetSchema>>;
export type OversightGrantDoc = WithId<InferSchemaType<typeof oversightGrantSchema>>;

export function defineRegionModels(conn: Connection) {
  return {
    District: conn.model('District', districtSchema) as Model<InferSchemaType<typeof districtSchema>>,
    Street: conn.model('Street', streetSchema) as Model<InferSchemaType<typeof streetSchema>>,
    CommunityRegion: conn.model('CommunityRegion', communityRegionSchema) as Model<InferSchemaType<typeof communityRegionSchema>>,
    OversightGrant: conn.model('OversightGrant', oversightGrantSchema) as Model<InferSchemaType<typeof oversightGrantSchema>>,
    RegionAudit: conn.model('RegionAudit', regionAuditSchema) as Model<InferSchemaType<typeof regionAuditSchema>>,
  };
}
