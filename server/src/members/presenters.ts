import { maskPhone, type Household, type Member, type Membership } from '@linli/shared';
import type { MembershipDoc } from './member.model.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

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

/** What a viewer may see of a member beyond the public card (rules member.viewHousehold, member.viewPhone). */
export interface MemberView {
  household: boolean;
  /** The phone number to show masked, or null. */
  phone: string | null;
}

/** The public card: whether the household is verified, never the address or the phone. */
export const publicView: MemberView = { household: false, phone: null };

/** A member as a viewer sees them. */
export function presentMember(m: MembershipDoc, organisationIds: string[], view: MemberView): Member {
  return {
    userId: m.userId.toString(),
    communityId: m.communityId.toString(),
    displayName: m.displayName,
    role: m.role,
    household: view.household ? presentHousehold(m.household) : null,
    householdVerified: m.household?.status === 'verified',
    joinedAt: m.joinedAt.toISOString(),
    organisationIds,
    phoneMasked: view.phone ? maskPhone(view.phone) : null,
    mutedUntil: activeMute(m),
  };
}

/** The public view of a member, for broadcasts to the whole community. */
export function publicMember(m: Member): Member {
  return { ...m, household: null, phoneMasked: null };
}

