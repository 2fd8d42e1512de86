import { isStaff, type Community, type CommunityCard, type JoinRequest, type JoinRequestStatus, type MyCommunity } from '@linli/shared';
import type { CommunityDoc, JoinRequestDoc } from './community.model.js';
import type { MembershipDoc } from '../members/member.model.js';
import { iso } from '../lib/dates.js';
import { presentMembership } from '../members/presenters.js';

export function presentCommunity(community: CommunityDoc): Community {
  return {
    id: community._id.toString(),
    name: community.name,
    street: community.street,
    district: community.district,
    description: community.description ?? '',
    memberCount: community.memberCount ?? 0,
    createdAt: iso((community as { createdAt?: Date }).createdAt) ?? new Date(0).toISOString(),
  };
}

/** The public card of a community, for someone looking for one to join. */
export function presentCommunityCard(community: CommunityDoc, isMember: boolean, myRequestStatus: JoinRequestStatus | null): CommunityCard {
  const { id, name, street, district, memberCount } = presentCommunity(community);
  return { id, name, street, district, memberCount, isMember, myRequestStatus };
}

export function presentJoinRequest(request: JoinRequestDoc): JoinRequest {
  return {
    id: request._id.toString(),
    communityId: request.communityId.toString(),
    userId: request.userId.toString(),
    displayName: request.displayName,
    message: request.message ?? '',
    status: request.status,
    createdAt: request.requestedAt.toISOString(),
    decidedAt: iso(request.decidedAt),
  };
}

/** A community as its member sees it; staff also get the invite code. */
export function presentMyCommunity(community: CommunityDoc, membership: MembershipDoc): MyCommunity {
  return { community: presentCommunity(community), membership: presentMembership(membership), inviteCode: isStaff(membership.role) ? community.inviteCode : null };
}
