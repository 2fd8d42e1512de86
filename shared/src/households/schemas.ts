import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { id, line } from '../fields.js';

const householdPart = line(LIMITS.householdPart.min, LIMITS.householdPart.max);

export const household = {
  set: z.strictObject({
    communityId: id,
    /** Building (楼栋), e.g. "3栋". */
    building: householdPart,
    /** Unit (单元), e.g. "2单元". */
    unit: householdPart,
    /** Room (房号), e.g. "1201". */
    room: householdPart,
  }),
  verify: z.strictObject({
    communityId: id,
    userId: id,
    approve: z.boolean(),
  }),
};
