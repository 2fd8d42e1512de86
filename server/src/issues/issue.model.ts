import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { issueRatings, issueStates, timelineKinds } from '@linli/shared';
import type { WithId } from '../lib/db.js';

/** What kinds of problems a community takes, who handles each by default, and how fast. */
const issueCategorySchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    defaultOrganisationId: { type: Schema.Types.ObjectId, default: null },
    responseHours: { type: Number, required: true },
    resolutionDays: { type: Number, required: true },
    position: { type: Number, default: 0 },
    archived: { type: Boolean, default: false },
  },
  { timestamps: true },
);
issueCategorySchema.index({ communityId: 1, name: 1 }, { unique: true });

const locationSchema = new Schema(
  {
    building: { type: String, default: '' },
    unit: { type: String, default: '' },
    text: { type: String, default: '' },
    lat: { type: Number, default: null },
    lng: { type: Number, default: null },
  },
  { _id: false },
);

const assignmentSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    organisationName: { type: String, required: true },
    lead: { type: Boolean, default: false },
  },
  { _id: false },
);

const photoRefSchema = new Schema(
  {
    id: { type: Schema.Types.ObjectId, required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
  },
  { _id: false },
);

const issueSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    /** 1, 2, 3... per community (IssueCounter). */
    number: { type: Number, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    categoryId: { type: Schema.Types.ObjectId, required: true },
    categoryName: { type: String, required: true },
    location: { type: locationSchema, required: true },
    photos: { type: [photoRefSchema], default: [] },
    /** A spoken description (server/src/voice): the clip and its measured length; null without one. */
    voice: {
      type: new Schema({ clipId: { type: Schema.Types.ObjectId, required: true }, durationMs: { type: Number, required: true } }, { _id: false }),
      default: null,
    },
    /** Null when staff filed for someone without an account. */
    reporterId: { type: Schema.Types.ObjectId, default: null },
    reporterName: { type: String, required: true },
    showName: { type: Boolean, default: true },
    /** Staff who filed it for the reporter, or null when the reporter filed it. */
    filedById: { type: Schema.Types.ObjectId, default: null },
    filedByName: { type: String, default: null },
    sourceMessageId: { type: Schema.Types.ObjectId, default: null },
    sourceChannelId: { type: Schema.Types.ObjectId, default: null },
    state: { type: String, enum: issueStates, required: true },
    assignments: { type: [assignmentSchema], default: [] },
    respondBy: { type: Date, required: true },
    resolveBy: { type: Date, default: null },
    /** When it went to resolved (auto-confirmation counts from here). */
    resolvedAt: { type: Date, default: null },
    /** Highest escalation level claimed by a sweeper (0 none, 1 supervisor, 2 admins). */
    overdueLevel: { type: Number, default: 0 },
    supportCount: { type: Number, default: 0 },
    rating: { type: String, enum: [...issueRatings, null], default: null },
    ratingComment: { type: String, default: '' },
    autoConfirmed: { type: Boolean, default: false },
    mergedIntoId: { type: Schema.Types.ObjectId, default: null },
    /** Bumped by every change: commands name the version they saw (optimistic concurrency). */
    version: { type: Number, default: 0 },
  },
  { timestamps: true },
);
issueSchema.index({ communityId: 1, number: 1 }, { unique: true });
issueSchema.index({ communityId: 1, state: 1 });

/** One line of an issue's public (or internal) timeline; the figures are computed from these. */
const issueEventSchema = new Schema({
  issueId: { type: Schema.Types.ObjectId, required: true },
  communityId: { type: Schema.Types.ObjectId, required: true },
  kind: { type: String, enum: timelineKinds, required: true },
  action: { type: String, default: null },
  from: { type: String, enum: [...issueStates, null], default: null },
  to: { type: String, enum: [...issueStates, null], default: null },
  actorId: { type: Schema.Types.ObjectId, default: null },
  actorName: { type: String, required: true },
  organisationName: { type: String, default: null },
  text: { type: String, default: '' },
  internal: { type: Boolean, default: false },
  /** The resolution deadline in force after this event. */
  resolveBy: { type: Date, default: null },
  /** Photos that came with this event (a resolution's). */
  photos: { type: [photoRefSchema], default: [] },
  /** Organisations assigned by this event (assign, reassign). */
  organisationIds: { type: [Schema.Types.ObjectId], default: [] },
  at: { type: Date, required: true },
});
issueEventSchema.index({ issueId: 1, at: 1 });
issueEventSchema.index({ communityId: 1, at: 1 });

/**
 * "我也遇到了" and following: one row per (issue, user), its _id derived from
 * both (lib/db.ts derivedId), so adding twice collides and checking is an _id lookup.
 */
const issueMarkSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  issueId: { type: Schema.Types.ObjectId, required: true },
  communityId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  at: { type: Date, required: true },
});
issueMarkSchema.index({ issueId: 1 });
issueMarkSchema.index({ userId: 1, communityId: 1 });

/** The last issue number handed out in a community (_id = the community's). */
const issueCounterSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  seq: { type: Number, default: 0 },
});

export type IssueCategoryDoc = WithId<InferSchemaType<typeof issueCategorySchema>>;
export type IssueDoc = WithId<InferSchemaType<typeof issueSchema>> & { createdAt: Date; updatedAt: Date };
export type IssueEventDoc = WithId<InferSchemaType<typeof issueEventSchema>>;

export function defineIssueModels(conn: Connection) {
  return {
    IssueCategory: conn.model('IssueCategory', issueCategorySchema) as Model<InferSchemaType<typeof issueCategorySchema>>,
    Issue: conn.model('Issue', issueSchema) as Model<InferSchemaType<typeof issueSchema>>,
    IssueEvent: conn.model('IssueEvent', issueEventSchema) as Model<InferSchemaType<typeof issueEventSchema>>,
    IssueSupport: conn.model('IssueSupport', issueMarkSchema) as Model<InferSchemaType<typeof issueMarkSchema>>,
    IssueFollow: conn.model('IssueFollow', issueMarkSchema.clone()) as Model<InferSchemaType<typeof issueMarkSchema>>,
    IssueCounter: conn.model('IssueCounter', issueCounterSchema) as Model<InferSchemaType<typeof issueCounterSchema>>,
  };
}
