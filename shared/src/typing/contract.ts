/** "Someone is typing" in a channel: not stored, sent to those who see the channel. */
import { z } from 'zod';
import { id } from '../fields.js';
import { defineContract } from '../contract.js';

export const typing = { start: z.strictObject({ channelId: id }) };

export interface TypingNotifications {
  'typing:updated': (p: { communityId: string; channelId: string; userId: string; displayName: string }) => void;
}

export const typingContract = defineContract<{ 'typing:start': Record<string, never> }, TypingNotifications>()({
  commands: { 'typing:start': typing.start },
});
