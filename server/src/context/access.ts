import { can, type Action, type Actor, type Resource } from '../policies/index.js';
import { forbidden, notFound } from '../lib/errors.js';
import type { Caller } from '../realtime/handlers.js';
import type { Models } from '../models.js';
import type { MembershipCache } from './membership-cache.js';

/** What access checks read: memberships from the cache, organisations from the database. */
export interface AccessDeps {
  models: Models;
  memberships: MembershipCache;
}
import type { MembershipDoc } from './community.model.js';

export interface Access {
  actor: Actor;
  membership: MembershipDoc | null;
}

/**
 * Loads what the policy needs to know about the caller in one community.
 * Outsiders (no active membership: never joined, left, banned) get NOT_FOUND,
 * the answer for an id that does not exist, so that no command tells them what
 * a community holds. Platform admins go on to the policy, which decides what
 * they may do there as operators.
 */
export async function loadAccess(deps: AccessDeps, caller: Caller, communityId: string, opts: { organisations?: boolean } = {}): Promise<Access> {
  const { models } = deps;
  const membership = await deps.memberships.get(communityId, caller.userId);
  if (!membership && !caller.isPlatformAdmin) throw notFound('Community');
  // Organisation staffing matters only for organisation-limited channels; skip the query on hot paths that say so.
  const orgs = membership && opts.organisations !== false
    ? await models.Organisation.find({ communityId, 'staff.userId': caller.userId }, { _id: 1 }).lean()
    : [];
  return {
    membership,
    actor: {
      userId: caller.userId,
      isPlatformAdmin: caller.isPlatformAdmin,
      role: membership?.role ?? null,
      organisationIds: orgs.map((o) => o._id.toString()),
    },
  };
}

/**
 * Throws unless the policy allows it: FORBIDDEN for members (they know the community),
 * NOT_FOUND for anyone outside it, like loadAccess.
 */
export function authorize(access: Access, action: Action, resource: Resource = { type: 'community' }): void {
  if (can(access.actor, action, resource)) return;
  throw access.actor.role === null && resource.type !== 'platform' ? notFound('Community') : forbidden();
}

/** loadAccess + authorize in one step, the common case. */
export async function requireAccess(deps: AccessDeps, caller: Caller, communityId: string, action: Action): Promise<Access> {
  const access = await loadAccess(deps, caller, communityId);
  authorize(access, action);
  return access;
}
