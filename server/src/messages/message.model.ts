import { Schema, type Types, type Connection, type InferSchemaType, type Model, type Query } from 'mongoose';
import { argumentStances, messageStates } from '@linli/shared';

const messageSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    channelId: { type: Schema.Types.ObjectId, required: true },
    /** The channel's position (see message-writer.ts): unique per channel, increasing; seqs of failed writes stay unused. */
    seq: { type: Number, required: true },
    clientId: { type: String, required: true },
    authorId: { type: Schema.Types.ObjectId, required: true },
    authorName: { type: String, required: true },
    body: { type: String, default: '' },
    mentions: { type: [Schema.Types.ObjectId], default: [] },
    parentId: { type: Schema.Types.ObjectId, default: null },
    replyCount: { type: Number, default: 0 },
    lastReplyAt: { type: Date, default: null },
    state: { type: String, enum: messageStates, default: 'visible' },
    editedAt: { type: Date, default: null },
    moderatedBy: { type: Schema.Types.ObjectId, default: null },
    moderationReason: { type: String, default: '' },
    /** A notice about a problem report (the issues capability posts these). */
    issueLink: {
      type: new Schema(
        { issueId: { type: Schema.Types.ObjectId, required: true }, number: Number, title: String, action: String, state: String },
        { _id: false },
      ),
      default: null,
    },
    /** An argument's side in a deliberation topic's channel (deliberation/topic-channels.ts); null elsewhere. */
    stance: { type: String, enum: [...argumentStances, null], default: null },
    /** A voice recording (server/src/voice): the clip claimed for this message and its measured length. */
    voice: {
      type: new Schema({ clipId: { type: Schema.Types.ObjectId, required: true }, durationMs: { type: Number, required: true } }, { _id: false }),
      default: null,
    },
    /** Bumped by every update: a copy in a message page is only replaced by a newer one. */
    rev: { type: Number, default: 0 },
  },
  { timestamps: true },
);
// Every update of a message bumps its revision, so no code path can forget it.
messageSchema.pre(['updateOne', 'updateMany', 'findOneAndUpdate'], function (this: Query<unknown, unknown>) {
  const update = (this.getUpdate() ?? {}) as Record<string, unknown> & { $inc?: Record<string, number> };
  this.setUpdate({ ...update, $inc: { ...(update.$inc ?? {}), rev: 1 } });
});
// A retried send (same author, same client id) is stored once: the _id is derived from
// both (message-writer.ts), so the _id index refuses the second insert.
// One message per seq: a node with a stale allocator is refused here and goes again.
messageSchema.index({ channelId: 1, seq: 1 }, { unique: true });
// Thread replies (MongoDB uses it; every index costs each insert on the embedded server).
messageSchema.index({ channelId: 1, parentId: 1, seq: -1 });

/**
 * A channel's head: the highest seq handed out, one document per channel (its _id is
 * the channel's). Seqs are allocated in memory (one node) or in Redis (several);
 * this document is raised every few seconds so an allocator that starts empty
 * begins above every used seq, and is the allocator itself ($inc) while Redis is
 * away (see message-writer.ts).
 */
const channelHeadSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  /** The last seq handed out (written or not). */
  seq: { type: Number, default: 0 },
  /** When the last seq was handed out. */
  at: { type: Date, default: null },
});

/**
 * The wire copy of one message (null for a seq that will never hold one), under an
 * _id derived from (channel, seq). Read by _id lists and written by _id only: the
 * lookups the embedded database answers from its _id index whatever the size of the
 * data. The messages collection stays the source of truth.
 */
const messageCopySchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    channelId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    /** The message's rev; -1 for a seq that never holds a message. */
    rev: { type: Number, required: true },
    /** The wire copy as JSON, null for a void seq. */
    j: { type: String, default: null },
  },
  { minimize: false },
);

export type MessageDoc = InferSchemaType<typeof messageSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

export function defineMessageModels(conn: Connection) {
  return {
    Message: conn.model('Message', messageSchema) as Model<InferSchemaType<typeof messageSchema>>,
    ChannelHead: conn.model('ChannelHead', channelHeadSchema) as Model<InferSchemaType<typeof channelHeadSchema>>,
    MessageCopy: conn.model('MessageCopy', messageCopySchema) as Model<InferSchemaType<typeof messageCopySchema>>,
  };
}
