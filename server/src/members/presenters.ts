import { maskPhone, type Household, type Member, type Membership } from '@linli/shared';
import { iso } from '../lib/dates.js';
import type { MembershipDoc } from './member.model.js';

export function presentHousehold(household: MembershipDoc['household']): Household | null {
  if (!household) return null;
  return { building: household.building, unit: household.unit, room: household.room, status: household.status, verifiedAt: iso(household.verifiedAt) };
}

export function presentMembership(membership: MembershipDoc): Membership {
  return {
    communityId: membership.communityId.toString(),
    userId: membership.userId.toString(),
    role: membership.role,
    household: presentHousehold(membership.household),
    joinedAt: membership.joinedAt.toISOString(),
    mutedUntil: activeMute(membership),
  };
}

/** The end of a mute still in force, or null. */
export function activeMute(membership: MembershipDoc): string | null {
  return membership.mutedUntil && membership.mutedUntil.getTime() > Date.now() ? membership.mutedUntil.toISOString() : null;
}

/** What a viewer may see of a member beyond the public card (rules member.viewHousehold, member.viewPhone). */
export interface MemberView {
  household: boolean;
  /** The phone number to show masked, or null. */
  phone: string | null;
}

/** The public card: whether the household is verified, never the address or the phone. */
export const publicView: MemberView = { household: false, phone: null };

/** A member as a viewer sees them. */
export function presentMember(membership: MembershipDoc, organisationIds: string[], view: MemberView): Member {
  return {
    userId: membership.userId.toString(),
    communityId: membership.communityId.toString(),
    displayName: membership.displayName,
    role: membership.role,
    household: view.household ? presentHousehold(membership.household) : null,
    householdVerified: membership.household?.status === 'verified',
    joinedAt: membership.joinedAt.toISOString(),
    organisationIds,
    phoneMasked: view.phone ? maskPhone(view.phone) : null,
    mutedUntil: activeMute(membership),
  };
}

/** The public view of a member, for broadcasts to the whole community. */
export function publicMember(member: Member): Member {
  return { ...member, household: null, phoneMasked: null };
}

