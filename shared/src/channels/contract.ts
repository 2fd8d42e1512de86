/** Themed channels a community plans: topic plan, owner, who may see them, order. */
import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { id, line, text } from '../fields.js';
import { defineContract } from '../contract.js';
import { memberRoles } from '../members/types.js';
import { channelKinds, type Channel } from './types.js';
import { channelRules } from './policy.js';

export const channelVisibility = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('all') }),
  z.strictObject({ type: z.literal('roles'), roles: z.array(z.enum(memberRoles)).min(1).max(4) }),
  z.strictObject({ type: z.literal('organisation'), organisationId: id }),
]);

const topicPlan = text(LIMITS.topicPlan.max).pipe(z.string().min(LIMITS.topicPlan.min));

export const channel = {
  list: z.strictObject({
    communityId: id,
    includeArchived: z.boolean().default(false),
  }),
  create: z.strictObject({
    communityId: id,
    name: line(LIMITS.channelName.min, LIMITS.channelName.max),
    kind: z.enum(channelKinds),
    /** What this channel is for and what belongs in it. */
    topicPlan,
    /** Member responsible for the channel; defaults to the creator. */
    ownerId: id.optional(),
    visibility: channelVisibility.default({ type: 'all' }),
  }),
  update: z.strictObject({
    channelId: id,
    name: line(LIMITS.channelName.min, LIMITS.channelName.max).optional(),
    topicPlan: topicPlan.optional(),
    ownerId: id.optional(),
    visibility: channelVisibility.optional(),
    position: z.int().min(0).max(10_000).optional(),
  }),
  archive: z.strictObject({
    channelId: id,
    /** true archives, false restores. */
    archived: z.boolean(),
  }),
};

export interface ChannelResults {
  'channel:list': Channel[];
  'channel:create': Channel;
  'channel:update': Channel;
  'channel:archive': Channel;
}

export interface ChannelNotifications {
  'channel:saved': (p: Channel) => void;
  /** The channel is no longer visible to the recipient (archived or narrowed). */
  'channel:withdrawn': (p: { communityId: string; channelId: string }) => void;
}

export const channelsContract = defineContract<ChannelResults, ChannelNotifications>()({
  commands: {
    'channel:list': channel.list,
    'channel:create': channel.create,
    'channel:update': channel.update,
    'channel:archive': channel.archive,
  },
  rules: channelRules,
});
