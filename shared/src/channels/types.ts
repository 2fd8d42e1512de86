import type { MemberRole } from '../members/types.js';

export const channelKinds = ['chat', 'issues', 'deliberation', 'voting', 'decisions', 'announcements'] as const;
export type ChannelKind = (typeof channelKinds)[number];

export type ChannelVisibility =
  | { type: 'all' }
  | { type: 'roles'; roles: MemberRole[] }
  | { type: 'organisation'; organisationId: string };

export interface Channel {
  id: string;
  communityId: string;
  name: string;
  kind: ChannelKind;
  /** What the channel is for: the topic plan residents see first. */
  topicPlan: string;
  ownerId: string;
  ownerName: string;
  visibility: ChannelVisibility;
  archived: boolean;
  position: number;
  createdAt: string;
  updatedAt: string;
}
