import { LIMITS, type EventPayload } from '@linli/shared';
import type { Caller } from '../context/caller.js';
import { authorize } from '../context/access.js';
import type { Notifier } from '../realtime/notifier.js';
import type { MessageService } from '../messages/message.service.js';

/** "Someone is typing": not stored, sent to the others who see the channel. */
export function createTypingService(deps: { messages: MessageService; notify: Notifier }) {
  const lastTyping = new Map<string, number>();
  return {
    /** Throttled per user and channel; clients drop the indicator after typingTtlSeconds. */
    async typing(caller: Caller, input: EventPayload<'typing:start'>): Promise<Record<string, never>> {
      const key = `${caller.userId}:${input.channelId}`;
      const now = Date.now();
      if (now - (lastTyping.get(key) ?? 0) < (LIMITS.typingTtlSeconds * 1000) / 2) return {};
      const { channel, access } = await deps.messages.channelFor(caller, input.channelId);
      authorize(access, 'channel.post', channel);
      lastTyping.set(key, now);
      if (lastTyping.size > 10_000) for (const [typingKey, at] of lastTyping) if (now - at > 60_000) lastTyping.delete(typingKey);
      deps.notify.toChannel(channel, caller.userId, 'typing:updated', {
        communityId: channel.communityId,
        channelId: channel.id,
        userId: caller.userId,
        displayName: caller.displayName,
      });
      return {};
    },
  };
}

export type TypingService = ReturnType<typeof createTypingService>;
