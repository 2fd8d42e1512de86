import type { Models } from '../models.js';
import type { CacheSync } from '../cache/sync.js';
import { op } from '../lib/db.js';

const MAX_COMMUNITIES = 5_000;

/**
 * Which organisations a user is staff of: the one place that asks. Read by the
 * actor context on every command (organisation-only channels), the socket's
 * rooms at connect, mentions and member lists. Kept per community in memory
 * (one read the first time a community is asked about), dropped on every
 * node when an organisation or its staff list changes (see cache/sync.ts):
 * the hot paths then make no database round trip for it.
 */
export function createStaffing(models: Models, sync: CacheSync) {
  const byCommunity = new Map<string, Map<string, string[]>>();
  // A read that started before an invalidation must not cache what it read.
  let changes = 0;
  sync.subscribe((msg) => {
    if (msg.kind !== 'staffing') return;
    changes++;
    byCommunity.delete(msg.communityId);
  });
  sync.onReset(() => {
    changes++;
    byCommunity.clear();
  });

  /** userId -> organisations, for everyone on a community's staff lists. */
  async function byUser(communityId: string): Promise<Map<string, string[]>> {
    const hit = byCommunity.get(communityId);
    if (hit) return hit;
    const before = changes;
    const organisations = await models.Organisation.find({ communityId }, { staff: 1 }).lean();
    const staffing = new Map<string, string[]>();
    for (const organisation of organisations) {
      for (const staff of organisation.staff) {
        const userId = staff.userId.toString();
        staffing.set(userId, [...(staffing.get(userId) ?? []), organisation._id.toString()]);
      }
    }
    if (before === changes) {
      if (byCommunity.size >= MAX_COMMUNITIES) byCommunity.clear();
      byCommunity.set(communityId, staffing);
    }
    return staffing;
  }

  return {
    byUser,
    /** Organisations of one community the user is staff of. */
    async of(communityId: string, userId: string): Promise<string[]> {
      return (await byUser(communityId)).get(userId) ?? [];
    },
    /** Organisations of any of these communities the user is staff of (rooms at connect: always read fresh). */
    async ofUser(userId: string, communityIds: string[]): Promise<string[]> {
      if (communityIds.length === 0) return [];
      const found = await models.Organisation.find({ communityId: op({ $in: communityIds }), 'staff.userId': userId }, { _id: 1 }).lean();
      return found.map((organisation) => organisation._id.toString());
    },
    /** Call after writing an organisation or its staff: dropped here and on every other node. */
    changed: (communityId: string) => sync.publish({ kind: 'staffing', communityId }),
  };
}

export type Staffing = ReturnType<typeof createStaffing>;
