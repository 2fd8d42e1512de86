import { LIMITS, type EventPayload, type Message } from '@linli/shared';
import { conflict, isDuplicateKey } from '../lib/errors.js';
import type { Models } from '../models.js';
import type { Caller } from '../context/caller.js';
import type { MessageService } from '../messages/message.service.js';
import type { TopicChannels } from '../deliberation/topic-channels.js';

/** Emoji reactions: one row per (message, user, emoji); a second click takes it back. */
export function createReactionService(deps: { models: Models; messages: MessageService; topicChannels: TopicChannels }) {
  const { models, messages } = deps;
  return {
    async react(caller: Caller, input: EventPayload<'message:react'>): Promise<Message> {
      const message = await messages.loadMessage(input.messageId);
      const { channel, access } = await messages.channelFor(caller, message.channelId.toString());
      // A deliberation topic's channel: endorsing needs the topic open (or staff), checked on the stored topic.
      await deps.topicChannels.checkReaction(channel, access.actor);
      if (message.state !== 'visible') throw conflict('That message was removed');
      const key = { messageId: message._id, userId: caller.userId, emoji: input.emoji };
      const removed = await models.Reaction.deleteOne(key);
      if (removed.deletedCount === 0) {
        const kinds = await models.Reaction.distinct('emoji', { messageId: message._id });
        if (!kinds.includes(input.emoji) && kinds.length >= LIMITS.reactionsPerMessage) throw conflict('Too many different reactions on this message');
        await models.Reaction.create({ ...key, at: new Date() }).catch((err: unknown) => {
          if (!isDuplicateKey(err)) throw err; // a double click: already there
        });
      }
      // Touch the message so catch-up by updatedSince carries reaction changes too.
      await models.Message.updateOne({ _id: message._id }, { $set: { updatedAt: new Date() } });
      return messages.publishUpdate(channel, input.messageId);
    },
  };
}

export type ReactionService = ReturnType<typeof createReactionService>;
