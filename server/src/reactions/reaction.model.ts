import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** One row per (message, user, emoji): toggling is insert-or-delete on a unique index. */
const reactionSchema = new Schema({
  messageId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  emoji: { type: String, required: true },
  at: { type: Date, required: true },
});
reactionSchema.index({ messageId: 1, userId: 1, emoji: 1 }, { unique: true });
reactionSchema.index({ messageId: 1, at: 1 });

export type ReactionDoc = InferSchemaType<typeof reactionSchema>;

export function defineReactionModels(conn: Connection) {
  return { Reaction: conn.model('Reaction', reactionSchema) as Model<InferSchemaType<typeof reactionSchema>> };
}
