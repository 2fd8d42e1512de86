import type { Household } from '../households/types.js';

export const memberRoles = ['resident', 'moderator', 'supervisor', 'admin'] as const;
export type MemberRole = (typeof memberRoles)[number];

/** The caller's own membership of one community. */
export interface Membership {
  communityId: string;
  userId: string;
  role: MemberRole;
  household: Household | null;
  joinedAt: string;
  /** ISO time until which the member may not post, or null. */
  mutedUntil: string | null;
}

export interface Member {
  userId: string;
  communityId: string;
  displayName: string;
  role: MemberRole;
  /** The address: shown to staff and to the member themself only. */
  household: Household | null;
  /** Whether a moderator verified this member's household (public). */
  householdVerified: boolean;
  joinedAt: string;
  organisationIds: string[];
  /** Masked phone, present only when the viewer is staff. */
  phoneMasked: string | null;
  /** ISO time until which the member may not post, or null. */
  mutedUntil: string | null;
}

/** Masks a phone number for staff display: 13812345678 -> 138****5678. */
export function maskPhone(national: string): string {
  const digits = national.replace(/\D/g, '');
  if (digits.length <= 7) return digits.slice(0, 2) + '****';
  return digits.slice(0, 3) + '****' + digits.slice(-4);
}

/** Whether a mute (ISO time or null) still holds at `now`. */
export const isMutedAt = (mutedUntil: string | null, now: number = Date.now()): boolean => mutedUntil !== null && Date.parse(mutedUntil) > now;
