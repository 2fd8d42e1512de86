import type { Models } from '../models.js';
import { op } from '../lib/db.js';

/**
 * Which organisations a user is staff of: the one place that asks. Read by the
 * actor context (organisation-only channels), the socket's rooms at connect,
 * mentions (may the named member see the channel?) and member lists.
 */
export function createStaffing(models: Models) {
  const ids = (orgs: { _id: { toString(): string } }[]) => orgs.map((organisation) => organisation._id.toString());
  return {
    /** Organisations of one community the user is staff of. */
    async of(communityId: string, userId: string): Promise<string[]> {
      return ids(await models.Organisation.find({ communityId, 'staff.userId': userId }, { _id: 1 }).lean());
    },
    /** Organisations of any of these communities the user is staff of. */
    async ofUser(userId: string, communityIds: string[]): Promise<string[]> {
      if (communityIds.length === 0) return [];
      return ids(await models.Organisation.find({ communityId: op({ $in: communityIds }), 'staff.userId': userId }, { _id: 1 }).lean());
    },
    /** userId -> organisations, for everyone on a community's staff lists. */
    async byUser(communityId: string): Promise<Map<string, string[]>> {
      const orgs = await models.Organisation.find({ communityId }, { staff: 1 }).lean();
      const out = new Map<string, string[]>();
      for (const org of orgs) {
        for (const staff of org.staff) {
          const userId = staff.userId.toString();
          out.set(userId, [...(out.get(userId) ?? []), org._id.toString()]);
        }
      }
      return out;
    },
  };
}

export type Staffing = ReturnType<typeof createStaffing>;
