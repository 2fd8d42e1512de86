/**
 * Who is acting, in the community a command names: what every permission
 * rule reads. The server resolves it once per command; the client builds the
 * same shape from its own membership to decide which buttons to show.
 */
import type { MemberRole } from './members/types.js';

export interface Actor {
  userId: string;
  isPlatformAdmin: boolean;
  /** Role of the actor's active membership in the community concerned; null outside it. */
  role: MemberRole | null;
  /** Organisations of that community the actor is staff of. */
  organisationIds: readonly string[];
  /** Muted by a moderator right now. */
  muted: boolean;
  /** A moderator verified the actor's household there. */
  householdVerified: boolean;
}

/** Ranks, lowest first: a staff member acts on members ranked below them only. */
export const roleRank: Record<MemberRole, number> = { resident: 0, moderator: 1, supervisor: 2, admin: 3 };

/** Roles that count as community staff (may moderate). */
export const staffRoles: readonly MemberRole[] = ['moderator', 'supervisor', 'admin'];

export const isStaff = (role: MemberRole | null): boolean => role !== null && staffRoles.includes(role);
export const isMember = (actor: Actor): boolean => actor.role !== null;
export const isAdmin = (actor: Actor): boolean => actor.role === 'admin' || actor.isPlatformAdmin;
/** Staff acting on someone else who ranks below them. */
export const outranks = (actor: Actor, target: { userId: string; role: MemberRole }): boolean =>
  target.userId !== actor.userId && actor.role !== null && isStaff(actor.role) && roleRank[actor.role] > roleRank[target.role];

/** What someone outside the community is. */
export const outsider = (userId: string, isPlatformAdmin = false): Actor => ({
  userId,
  isPlatformAdmin,
  role: null,
  organisationIds: [],
  muted: false,
  householdVerified: false,
});
