import { LIMITS, type EventPayload } from '@linli/shared';
import type { Models } from '../models.js';
import type { Caller } from '../context/caller.js';
import type { MessageService } from '../messages/message.service.js';
import type { MessageDoc } from '../messages/message.model.js';

/** Threads: a message's replies (sent with message:send and a parentId), oldest first. */
export function createThreadService(deps: { models: Models; messages: MessageService }) {
  const { models, messages } = deps;
  return {
    async thread(caller: Caller, input: EventPayload<'message:thread'>) {
      const asked = await messages.loadMessage(input.messageId);
      await messages.channelFor(caller, asked.channelId.toString());
      const root = asked.parentId ? await messages.loadMessage(asked.parentId.toString()) : asked;
      const replies = (await models.Message.find({ channelId: root.channelId, parentId: root._id }).sort({ seq: 1 }).limit(LIMITS.message.syncMax).lean()) as MessageDoc[];
      const [parent, ...rest] = await messages.withReactions([root, ...replies]);
      return { parent: parent!, replies: rest };
    },
  };
}

export type ThreadService = ReturnType<typeof createThreadService>;
