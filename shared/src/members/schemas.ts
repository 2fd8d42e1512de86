import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { id, text } from '../fields.js';
import { memberRoles } from './types.js';

export const member = {
  list: z.strictObject({
    communityId: id,
    /** Filter by display name. */
    query: z.string().trim().max(LIMITS.displayName.max).default(''),
    /** Only members whose household awaits verification. */
    householdPending: z.boolean().default(false),
    /** Staff only: banned members (to lift a ban) instead of active ones. */
    banned: z.boolean().default(false),
    /** Only members holding one of these roles, e.g. the staff, whom clients badge wherever a name appears. */
    roles: z.array(z.enum(memberRoles)).min(1).max(memberRoles.length).optional(),
  }),
  setRole: z.strictObject({
    communityId: id,
    userId: id,
    role: z.enum(memberRoles),
  }),
  ban: z.strictObject({
    communityId: id,
    userId: id,
    /** Why; kept for the record. */
    reason: text(300).default(''),
  }),
  unban: z.strictObject({
    communityId: id,
    userId: id,
    /** Why the ban is lifted; kept for the record. */
    reason: text(300).default(''),
  }),
};
