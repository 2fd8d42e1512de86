import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import type { WithId } from '../lib/db.js';

/** A user's SMS notices: their own choice, and the communities whose staff registered them SMS-only. _id: the user's id. */
const smsPreferenceSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    notices: { type: Boolean, default: false },
    smsOnlyIn: { type: [Schema.Types.ObjectId], default: [] },
  },
  { timestamps: true },
);
smsPreferenceSchema.index({ notices: 1 });
smsPreferenceSchema.index({ smsOnlyIn: 1 });

/** A community's SMS settings. _id: the community's id. */
const smsCommunitySchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    /** Whom SMS-only residents call to vote with a worker's help. */
    assistContact: { type: String, default: '' },
  },
  { timestamps: true },
);

/** The last state a reporter was told of by SMS, per problem report: each state change is told once, on whichever node. */
const smsIssueStateSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  state: { type: String, required: true },
});

/**
 * One notice per row (no phone number): what was sent, to whom, and what the provider
 * answered. A poll-opening notice has a derived _id (poll, user), so it is claimed once.
 */
const smsNoticeSchema = new Schema({
  userId: { type: Schema.Types.ObjectId, required: true },
  communityId: { type: Schema.Types.ObjectId, required: true },
  template: { type: String, enum: ['issueState', 'pollOpen'], required: true },
  subjectId: { type: Schema.Types.ObjectId, required: true },
  /** issueState: the state told. */
  state: { type: String, default: null },
  status: { type: String, enum: ['sending', 'sent', 'limited', 'failed'], required: true },
  driver: { type: String, required: true },
  requestId: { type: String, default: null },
  error: { type: String, default: null },
  at: { type: Date, required: true },
});
smsNoticeSchema.index({ userId: 1, at: -1 });
smsNoticeSchema.index({ subjectId: 1 });

export type SmsPreferenceDoc = WithId<InferSchemaType<typeof smsPreferenceSchema>>;
export type SmsNoticeDoc = WithId<InferSchemaType<typeof smsNoticeSchema>>;

export function defineSmsModels(conn: Connection) {
  return {
    SmsPreference: conn.model('SmsPreference', smsPreferenceSchema) as Model<InferSchemaType<typeof smsPreferenceSchema>>,
    SmsCommunity: conn.model('SmsCommunity', smsCommunitySchema) as Model<InferSchemaType<typeof smsCommunitySchema>>,
    SmsIssueState: conn.model('SmsIssueState', smsIssueStateSchema) as Model<InferSchemaType<typeof smsIssueStateSchema>>,
    SmsNotice: conn.model('SmsNotice', smsNoticeSchema) as Model<InferSchemaType<typeof smsNoticeSchema>>,
  };
}
