/** Members of a community: the list, roles, bans. */
import { defineContract } from '../contract.js';
import type { MyCommunity } from '../communities/types.js';
import type { Member } from './types.js';
import { member } from './schemas.js';
import { memberRules } from './policy.js';

export interface MemberResults {
  'member:list': Member[];
  'member:setRole': Member;
  'member:ban': { userId: string };
  /** The ban is lifted: the user is no member, and may join or ask to join again. */
  'member:unban': { communityId: string; userId: string };
}

export interface MemberNotifications {
  /** The recipient's own membership changed (role, household, joined). */
  'membership:changed': (p: MyCommunity) => void;
  /** The recipient lost access to a community (banned, left). */
  'membership:revoked': (p: { communityId: string; reason: 'banned' | 'left' }) => void;
  'member:joined': (p: Member) => void;
  'member:updated': (p: Member) => void;
  'member:removed': (p: { communityId: string; userId: string }) => void;
  /** To staff: a ban was lifted (the banned list drops the user). */
  'member:unbanned': (p: { communityId: string; userId: string }) => void;
}

export const membersContract = defineContract<MemberResults, MemberNotifications>()({
  commands: {
    'member:list': member.list,
    'member:setRole': member.setRole,
    'member:ban': member.ban,
    'member:unban': member.unban,
  },
  rules: memberRules,
});
