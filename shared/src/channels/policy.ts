import type { Actor } from '../actor.js';
import type { Rule } from '../contract.js';
import { isMember, isStaff } from '../actor.js';
import type { Channel } from './types.js';

/** What the channel rules read of a channel. */
export type ChannelRef = Pick<Channel, 'kind' | 'visibility' | 'archived'>;

/** Staff see every channel (archived ones too, to restore them); others see what it is open to. */
export function canSeeChannel(a: Actor, channel: ChannelRef): boolean {
  if (!isMember(a)) return false;
  if (isStaff(a.role)) return true;
  if (channel.archived) return false;
  switch (channel.visibility.type) {
    case 'all':
      return true;
    case 'roles':
      return a.role !== null && channel.visibility.roles.includes(a.role);
    case 'organisation':
      return a.organisationIds.includes(channel.visibility.organisationId);
  }
}

/** Whether the channel takes messages from the actor (mutes aside: see message.send). */
export function canPostIn(a: Actor, channel: ChannelRef): boolean {
  if (channel.archived || !canSeeChannel(a, channel)) return false;
  // Announcements and decisions are the record: staff write them, residents read and react.
  if (channel.kind === 'announcements' || channel.kind === 'decisions') return isStaff(a.role);
  return true;
}

export const channelRules = {
  'channel.view': canSeeChannel,
  'channel.create': (a) => isStaff(a.role),
  'channel.manage': (a) => isStaff(a.role),
  'channel.post': canPostIn,
} satisfies {
  'channel.view': Rule<ChannelRef>;
  'channel.create': Rule;
  'channel.manage': Rule;
  'channel.post': Rule<ChannelRef>;
};
