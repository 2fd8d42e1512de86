/** Households: a member records where they live, staff verify it (one household, one vote later). */
import { defineContract, type Rule } from '../contract.js';
import { isMember, isStaff } from '../actor.js';
import type { Member, Membership } from '../members/types.js';
import { household } from './schemas.js';

export interface HouseholdResults {
  'household:set': Membership;
  'household:verify': Member;
}

export const householdRules = {
  'household.record': (a) => isMember(a),
  'household.verify': (a) => isStaff(a.role),
} satisfies Record<string, Rule>;

export const householdsContract = defineContract<HouseholdResults>()({
  commands: { 'household:set': household.set, 'household:verify': household.verify },
  rules: householdRules,
});
