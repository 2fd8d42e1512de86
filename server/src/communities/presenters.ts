import { maskPhone, staffRoles, type Community, type Household, type JoinRequest, type Member, type Membership, type MyCommunity } from '@linli/shared';
import type { CommunityDoc, JoinRequestDoc, MembershipDoc } from './community.model.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

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

export function presentHousehold(h: MembershipDoc['household']): Household | null {
  if (!h) return null;
  return { building: h.building, unit: h.unit, room: h.room, status: h.status, verifiedAt: iso(h.verifiedAt) };
}

export function presentMembership(m: MembershipDoc): Membership {
  return {
    communityId: m.communityId.toString(),
    userId: m.userId.toString(),
    role: m.role,
    household: presentHousehold(m.household),
    joinedAt: m.joinedAt.toISOString(),
    mutedUntil: activeMute(m),
  };
}

/** The end of a mute still in force, or null. */
export function activeMute(m: MembershipDoc): string | null {
  return m.mutedUntil && m.mutedUntil.getTime() > Date.now() ? m.mutedUntil.toISOString() : null;
}

/**
 * A member as a viewer sees them. Staff get the household address and a
 * masked phone; other members see only whether the household is verified.
 */
export function presentMember(m: MembershipDoc, organisationIds: string[], staffView: { phone: string | null } | null): Member {
  return {
    userId: m.userId.toString(),
    communityId: m.communityId.toString(),
    displayName: m.displayName,
    role: m.role,
    household: staffView ? presentHousehold(m.household) : null,
    householdVerified: m.household?.status === 'verified',
    joinedAt: m.joinedAt.toISOString(),
    organisationIds,
    phoneMasked: staffView?.phone ? maskPhone(staffView.phone) : null,
    mutedUntil: activeMute(m),
  };
}

/** The public view of a member, for broadcasts to the whole community. */
export function publicMember(m: Member): Member {
  return { ...m, household: null, phoneMasked: null };
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
  return { community: presentCommunity(c), membership: presentMembership(m), inviteCode: staffRoles.includes(m.role) ? c.inviteCode : null };
}
