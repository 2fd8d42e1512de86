import type { Rule } from '../contract.js';
import { isMember, isStaff, outranks } from '../actor.js';
import type { MemberRole } from './types.js';

/** A member someone acts on. */
export interface MemberRef {
  userId: string;
  role: MemberRole;
}

export const memberRules = {
  'member.list': (a) => isMember(a),
  /** Phone digits (masked) are for staff. */
  'member.viewPhone': (a) => isStaff(a.role),
  /** A household address is for staff and for the member themself. */
  'member.viewHousehold': (a, r) => isMember(a) && (isStaff(a.role) || r.userId === a.userId),
  /** Admins (and the platform's, to appoint a community's first admin) manage roles. */
  'member.manageRoles': (a) => a.isPlatformAdmin || a.role === 'admin',
  /** ... anyone's role but their own. */
  'member.setRole': (a, r) => r.userId !== a.userId && (a.isPlatformAdmin || a.role === 'admin'),
  'member.ban': (a, r) => outranks(a, r),
  /** Lifting a ban takes the rank that could have imposed it (the role the member held). */
  'member.unban': (a, r) => outranks(a, r),
} satisfies {
  'member.list': Rule;
  'member.viewPhone': Rule;
  'member.viewHousehold': Rule<{ userId: string }>;
  'member.manageRoles': Rule;
  'member.setRole': Rule<{ userId: string; from: MemberRole; to: MemberRole }>;
  'member.ban': Rule<MemberRef>;
  'member.unban': Rule<MemberRef>;
};
