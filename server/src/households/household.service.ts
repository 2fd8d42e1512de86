import { type EventPayload, type Member, type Membership } from '@linli/shared';
import { conflict } from '../lib/errors.js';
import type { Caller } from '../context/caller.js';
import { requireAccess, type AccessDeps } from '../context/access.js';
import type { AuditService } from '../audit/audit.service.js';
import type { MembershipOps } from '../members/memberships.js';
import type { MembershipDoc } from '../members/member.model.js';
import { presentMembership } from '../members/presenters.js';

/**
 * Households live on the membership (building, unit, room, verification):
 * the member records theirs, staff verify it. One vote per household later reads it.
 */
export function createHouseholdService(deps: AccessDeps & { audit: AuditService; members: MembershipOps }) {
  const { models, members } = deps;
  return {
    async set(caller: Caller, input: EventPayload<'household:set'>): Promise<Membership> {
      const access = await requireAccess(deps, caller, input.communityId, 'household.record');
      const { building, unit, room } = input;
      const own = access.membership!;
      await models.Membership.updateOne({ _id: own._id }, { $set: { household: { building, unit, room, status: 'unverified', verifiedAt: null, verifiedBy: null } } });
      await members.changed(own);
      return presentMembership((await models.Membership.findOne({ _id: own._id }).lean()) as MembershipDoc);
    },

    async verify(caller: Caller, input: EventPayload<'household:verify'>): Promise<Member> {
      await requireAccess(deps, caller, input.communityId, 'household.verify');
      const target = await members.activeMember(input.communityId, input.userId);
      if (!target.household) throw conflict('This member has not recorded a household');
      await models.Membership.updateOne(
        { _id: target._id },
        { $set: { 'household.status': input.approve ? 'verified' : 'rejected', 'household.verifiedAt': new Date(), 'household.verifiedBy': caller.userId } },
      );
      const { building, unit, room } = target.household;
      await deps.audit.record(input.communityId, caller, input.approve ? 'household.verify' : 'household.reject', { type: 'user', id: input.userId }, {
        name: target.displayName,
        household: `${building}-${unit}-${room}`,
      });
      return members.changed(target);
    },
  };
}

export type HouseholdService = ReturnType<typeof createHouseholdService>;
