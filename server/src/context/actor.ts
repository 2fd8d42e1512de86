import { outsider, type Actor } from '@linli/shared';
import type { MembershipCache } from '../members/membership-cache.js';
import type { MembershipDoc } from '../members/member.model.js';
import type { Staffing } from '../organisations/staffing.js';
import type { Caller } from './caller.js';

/** The caller as the rules see them in one community, with the membership it came from. */
export interface ActorContext {
  actor: Actor;
  /** The caller's active membership there, or null. */
  membership: MembershipDoc | null;
}

/** The shared Actor of a membership (or of an outsider when null). */
export function actorOf(userId: string, isPlatformAdmin: boolean, membership: MembershipDoc | null, organisationIds: readonly string[], now = Date.now()): Actor {
  if (!membership) return outsider(userId, isPlatformAdmin);
  return {
    userId,
    isPlatformAdmin,
    role: membership.role,
    organisationIds,
    muted: !!membership.mutedUntil && membership.mutedUntil.getTime() > now,
    householdVerified: membership.household?.status === 'verified',
  };
}

/**
 * Resolves who the caller is in a community: membership and role, mute,
 * verified household, organisations they are staff of. Once per command: the
 * gateway builds a fresh Caller for every command, and what is resolved for it
 * is kept with it until the command ends.
 */
export function createActorResolver(deps: { memberships: MembershipCache; staffing: Staffing }) {
  const resolved = new WeakMap<Caller, Map<string, Promise<ActorContext>>>();

  async function resolve(caller: Caller, communityId: string): Promise<ActorContext> {
    const membership = await deps.memberships.get(communityId, caller.userId);
    const organisationIds = membership ? await deps.staffing.of(communityId, caller.userId) : [];
    return { membership, actor: actorOf(caller.userId, caller.isPlatformAdmin, membership, organisationIds) };
  }

  return {
    in(caller: Caller, communityId: string): Promise<ActorContext> {
      let byCommunity = resolved.get(caller);
      if (!byCommunity) resolved.set(caller, (byCommunity = new Map()));
      let context = byCommunity.get(communityId);
      if (!context) {
        context = resolve(caller, communityId);
        byCommunity.set(communityId, context);
        // A failed read is not remembered: the next ask tries again.
        context.catch(() => byCommunity.delete(communityId));
      }
      return context;
    },
  };
}

export type ActorResolver = ReturnType<typeof createActorResolver>;
