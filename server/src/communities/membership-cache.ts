import type { Models } from '../models.js';
import type { CacheSync } from '../cache/sync.js';
import type { MembershipDoc } from './community.model.js';

const key = (communityId: string, userId: string) => `${communityId}:${userId}`;

/**
 * Active memberships held in memory per node, for the checks every command
 * makes (see cache/sync.ts for why). Warmed at boot, refreshed from the
 * database after every membership write, on this node and on the others.
 */
export function createMembershipCache(models: Models, sync: CacheSync) {
  const byKey = new Map<string, MembershipDoc>();
  const byUser = new Map<string, Set<string>>(); // userId -> communityIds (known users only)
  const byCommunity = new Map<string, Set<string>>(); // communityId -> userIds

  function put(m: MembershipDoc) {
    const cid = m.communityId.toString();
    const uid = m.userId.toString();
    byKey.set(key(cid, uid), m);
    if (!byUser.has(uid)) byUser.set(uid, new Set());
    byUser.get(uid)!.add(cid);
    if (!byCommunity.has(cid)) byCommunity.set(cid, new Set());
    byCommunity.get(cid)!.add(uid);
  }

  function drop(cid: string, uid: string) {
    byKey.delete(key(cid, uid));
    byUser.get(uid)?.delete(cid);
    byCommunity.get(cid)?.delete(uid);
  }

  async function refresh(cid: string, uid: string) {
    const m = (await models.Membership.findOne({ communityId: cid, userId: uid }).lean()) as MembershipDoc | null;
    if (m?.status === 'active') put(m);
    else drop(cid, uid);
  }

  async function loadUser(uid: string) {
    for (const cid of byUser.get(uid) ?? []) drop(cid, uid);
    const ms = (await models.Membership.find({ userId: uid, status: 'active' }).lean()) as MembershipDoc[];
    byUser.set(uid, new Set());
    for (const m of ms) put(m);
  }

  sync.subscribe(async (msg) => {
    if (msg.kind === 'membership') await refresh(msg.communityId, msg.userId);
    else if (msg.kind === 'userMemberships') await loadUser(msg.userId);
  });

  return {
    async warm() {
      const all = (await models.Membership.find({ status: 'active' }).lean()) as MembershipDoc[];
      for (const m of all) put(m);
      return all.length;
    },

    /** The active membership, or null. A miss is checked against the database. */
    async get(communityId: string, userId: string): Promise<MembershipDoc | null> {
      const hit = byKey.get(key(communityId, userId));
      if (hit) return hit;
      await refresh(communityId, userId);
      return byKey.get(key(communityId, userId)) ?? null;
    },

    /** Every active membership of a user. */
    async ofUser(userId: string): Promise<MembershipDoc[]> {
      if (!byUser.has(userId)) await loadUser(userId);
      return [...(byUser.get(userId) ?? [])].flatMap((cid) => byKey.get(key(cid, userId)) ?? []);
    },

    /** Active memberships of a community (members named in mentions, for instance). */
    ofCommunity(communityId: string): MembershipDoc[] {
      return [...(byCommunity.get(communityId) ?? [])].flatMap((uid) => byKey.get(key(communityId, uid)) ?? []);
    },

    /** Call after writing a membership: re-reads it here and on every other node. */
    changed: (communityId: string, userId: string) => sync.publish({ kind: 'membership', communityId, userId }),
  };
}

export type MembershipCache = ReturnType<typeof createMembershipCache>;
