import { can, type Action, type ResourceOf } from '@linli/shared';
import { forbidden, notFound } from '../lib/errors.js';
import type { Models } from '../models.js';
import type { MembershipCache } from '../members/membership-cache.js';
import type { ActorContext, ActorResolver } from './actor.js';
import type { Caller } from './caller.js';

/** What services that check access are given. */
export interface AccessDeps {
  models: Models;
  memberships: MembershipCache;
  actors: ActorResolver;
}

export type Access = ActorContext;

type ResourceArgs<Name extends Action> = [ResourceOf<Name>] extends [void] ? [] : [resource: ResourceOf<Name>];

/**
 * The caller's actor context in one community. Outsiders (no active
 * membership: never joined, left, banned) get NOT_FOUND, the answer for an id
 * that does not exist, so that no command tells them what a community holds.
 * Platform admins go on to the rules, which decide what they may do there as operators.
 */
export async function loadAccess(deps: Pick<AccessDeps, 'actors'>, caller: Caller, communityId: string): Promise<Access> {
  const access = await deps.actors.in(caller, communityId);
  if (!access.membership && !caller.isPlatformAdmin) throw notFound('Community');
  return access;
}

/**
 * Throws unless the rule allows it: FORBIDDEN for members (they know the community),
 * NOT_FOUND for anyone outside it, like loadAccess.
 */
export function authorize<Name extends Action>(access: Access, action: Name, ...resource: ResourceArgs<Name>): void {
  if (can(access.actor, action, ...resource)) return;
  throw access.actor.role === null ? notFound('Community') : forbidden();
}

/** loadAccess + authorize in one step, the common case. */
export async function requireAccess<Name extends Action>(deps: Pick<AccessDeps, 'actors'>, caller: Caller, communityId: string, action: Name, ...resource: ResourceArgs<Name>): Promise<Access> {
  const access = await loadAccess(deps, caller, communityId);
  authorize(access, action, ...resource);
  return access;
}
