import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { id, line, text } from '../fields.js';
import { joinRequestStatuses } from './types.js';

const communityFields = {
  /** Community name, e.g. 桃源社区. */
  name: line(LIMITS.communityName.min, LIMITS.communityName.max),
  /** Street (街道) the community belongs to. */
  street: line(1, LIMITS.place.max),
  /** District (区). */
  district: line(1, LIMITS.place.max),
  /** Short public description. */
  description: text(LIMITS.description.max).default(''),
};

export const community = {
  list: z.strictObject({}),
  create: z.strictObject(communityFields),
  update: z.strictObject({
    communityId: id,
    name: communityFields.name.optional(),
    street: communityFields.street.optional(),
    district: communityFields.district.optional(),
    description: text(LIMITS.description.max).optional(),
  }),
  discover: z.strictObject({
    /** Part of a name, street or district; empty lists all. */
    query: z.string().trim().max(LIMITS.place.max).default(''),
  }),
  joinByCode: z.strictObject({
    /** Invite code a moderator shared (case-insensitive). */
    inviteCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(new RegExp(`^[A-Z0-9]{${LIMITS.inviteCode.length}}$`), 'must be an invite code'),
  }),
  requestJoin: z.strictObject({
    communityId: id,
    /** Who the applicant is, e.g. building and how they live here. */
    message: text(LIMITS.joinMessage.max).default(''),
  }),
  listJoinRequests: z.strictObject({
    communityId: id,
    status: z.enum(joinRequestStatuses).default('pending'),
  }),
  decideJoinRequest: z.strictObject({
    requestId: id,
    approve: z.boolean(),
  }),
  rotateInviteCode: z.strictObject({ communityId: id }),
  leave: z.strictObject({ communityId: id }),
};
