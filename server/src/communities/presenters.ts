import { isStaff, type Community, type JoinRequest, type MyCommunity } from '@linli/shared';
import type { CommunityDoc, JoinRequestDoc } from './community.model.js';
import type { MembershipDoc } from '../members/member.model.js';
import { presentMembership } from '../members/presenters.js';

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function presentCommunity(c: CommunityDoc): Community {
  return {
    id: c._id.toString(),
    name: c.name,
    street: c.street,
    district: c.district,
    description: c.description ?? '',
    memberCount: c.memberCount ?? 0,
    createdAt: iso((c as { createdAt?: Date }).createdAt) ?? new Date(0).toISOString(),
  };
}

export function presentJoinRequest(r: JoinRequestDoc): JoinRequest {
  return {
    id: r._id.toString(),
    communityId: r.communityId.toString(),
    userId: r.userId.toString(),
    displayName: r.displayName,
    message: r.message ?? '',
    status: r.status,
    createdAt: r.requestedAt.toISOString(),
    decidedAt: iso(r.decidedAt),
  };
}

/** A community as its member sees it; staff also get the invite code. */
export function presentMyCommunity(c: CommunityDoc, m: MembershipDoc): MyCommunity {
  return { community: presentCommunity(c), membership: presentMembership(m), inviteCode: isStaff(m.role) ? c.inviteCode : null };
}
