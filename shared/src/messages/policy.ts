import type { Rule } from '../contract.js';
import { isStaff } from '../actor.js';
import { canPostIn, type ChannelRef } from '../channels/policy.js';

/** What the message rules read of a message. */
export interface MessageRef {
  authorId: string;
  channel: ChannelRef;
}

export const messageRules = {
  /** Post where the channel takes the actor's messages, unless a moderator muted them. */
  'message.send': (a, channel) => canPostIn(a, channel) && !a.muted,
  /** Only the author edits, under the same conditions as posting. */
  'message.edit': (a, m) => m.authorId === a.userId && canPostIn(a, m.channel) && !a.muted,
  /** The author takes back their own message; staff remove anyone's. */
  'message.delete': (a, m) => m.authorId === a.userId || isStaff(a.role),
} satisfies {
  'message.send': Rule<ChannelRef>;
  'message.edit': Rule<MessageRef>;
  'message.delete': Rule<MessageRef>;
};
