/** Emoji reactions on messages (toggle). */
import { z } from 'zod';
import { id } from '../fields.js';
import { defineContract } from '../contract.js';
import type { Message } from '../messages/types.js';

/** One emoji (or a short emoji sequence), no text. */
export const emoji = z
  .string()
  .min(1)
  .max(16)
  .regex(/^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\u200d|\ufe0f)+$/u, 'must be an emoji');

export const reaction = { react: z.strictObject({ messageId: id, emoji }) };

export const reactionsContract = defineContract<{ 'message:react': Message }>()({
  commands: { 'message:react': reaction.react },
});
