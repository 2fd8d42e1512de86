import type { Membership } from '../members/types.js';

export const joinRequestStatuses = ['pending', 'approved', 'rejected'] as const;
export type JoinRequestStatus = (typeof joinRequestStatuses)[number];

export interface Community {
  id: string;
  name: string;
  street: string;
  district: string;
  description: string;
  memberCount: number;
  createdAt: string;
}

/** A community the current user belongs to, with their membership. */
export interface MyCommunity {
  community: Community;
  membership: Membership;
  /** Present for staff only. */
  inviteCode: string | null;
}

/** Public card used when searching for a community to request joining. */
export interface CommunityCard {
  id: string;
  name: string;
  street: string;
  district: string;
  memberCount: number;
  /** The caller's pending request, if any. */
  myRequestStatus: JoinRequestStatus | null;
  isMember: boolean;
}

export interface JoinRequest {
  id: string;
  communityId: string;
  userId: string;
  displayName: string;
  message: string;
  status: JoinRequestStatus;
  createdAt: string;
  decidedAt: string | null;
}
