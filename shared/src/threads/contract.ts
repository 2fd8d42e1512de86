/** Threads: replies to one message, kept out of the channel's main timeline. */
import { z } from 'zod';
import { id } from '../fields.js';
import { defineContract } from '../contract.js';
import type { Message } from '../messages/types.js';

export const thread = { get: z.strictObject({ messageId: id }) };

export const threadsContract = defineContract<{ 'message:thread': { parent: Message; replies: Message[] } }>()({
  commands: { 'message:thread': thread.get },
});
