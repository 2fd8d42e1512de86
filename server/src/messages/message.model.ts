import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { messageStates } from '@linli/shared';

const messageSchema = new Schema(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    channelId: { type: Schema.Types.ObjectId, required: true },
    /** Allocated from the channel's counter: a gap-tolerant, strictly increasing cursor. */
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
  },
  { timestamps: true },
);
// A retried send (same author, same client id) is stored once.
messageSchema.index({ authorId: 1, clientId: 1 }, { unique: true });
messageSchema.index({ channelId: 1, seq: 1 }, { unique: true });
messageSchema.index({ channelId: 1, parentId: 1, seq: -1 });
messageSchema.index({ channelId: 1, updatedAt: 1 });

/** One row per (message, user, emoji): toggling is insert-or-delete on a unique index. */
const reactionSchema = new Schema({
  messageId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  emoji: { type: String, required: true },
  at: { type: Date, required: true },
});
reactionSchema.index({ messageId: 1, userId: 1, emoji: 1 }, { unique: true });
reactionSchema.index({ messageId: 1, at: 1 });

const readMarkerSchema = new Schema({
  userId: { type: Schema.Types.ObjectId, required: true },
  channelId: { type: Schema.Types.ObjectId, required: true },
  communityId: { type: Schema.Types.ObjectId, required: true },
  lastReadSeq: { type: Number, default: 0 },
});
readMarkerSchema.index({ userId: 1, channelId: 1 }, { unique: true });
readMarkerSchema.index({ userId: 1, communityId: 1 });

export type MessageDoc = InferSchemaType<typeof messageSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type ReactionDoc = InferSchemaType<typeof reactionSchema>;

export function defineMessageModels(conn: Connection) {
  return {
    Message: conn.model('Message', messageSchema) as Model<InferSchemaType<typeof messageSchema>>,
    Reaction: conn.model('Reaction', reactionSchema) as Model<InferSchemaType<typeof reactionSchema>>,
    ReadMarker: conn.model('ReadMarker', readMarkerSchema) as Model<InferSchemaType<typeof readMarkerSchema>>,
  };
}
