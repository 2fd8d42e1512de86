import type { Models } from '../models.js';
import type { CacheSync } from '../cache/sync.js';
import type { MembershipDoc } from './member.model.js';

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

  function put(membership: MembershipDoc) {
    const cid = membership.communityId.toString();
    const uid = membership.userId.toString();
    byKey.set(key(cid, uid), membership);
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

  // Reads of one user may overlap (a miss and an invalidation at once); only
  // the last one started may write, so an older read never undoes a newer one.
  const readsOf = new Map<string, number>(); // userId -> number of the latest read in flight
  let reads = 0;
  let epoch = 0; // bumped by a full reload, which supersedes every read in flight
  const startRead = (uid: string) => {
    const readNumber = ++reads;
    readsOf.set(uid, readNumber);
    return { n: readNumber, epoch };
  };
  const isLatest = (uid: string, ticket: { n: number; epoch: number }) => readsOf.get(uid) === ticket.n && ticket.epoch === epoch;
  const doneRead = (uid: string, ticket: { n: number; epoch: number }) => {
    if (readsOf.get(uid) === ticket.n) readsOf.delete(uid);
  };

  /** Re-reads one membership; returns what it read, fresher than the cache when a later read is still running. */
  async function refresh(cid: string, uid: string): Promise<MembershipDoc | null> {
    const ticket = startRead(uid);
    const stored = (await models.Membership.findOne({ communityId: cid, userId: uid }).lean()) as MembershipDoc | null;
    const active = stored?.status === 'active' ? stored : null;
    if (isLatest(uid, ticket)) {
      if (active) put(active);
      else drop(cid, uid);
    }
    doneRead(uid, ticket);
    return active;
  }

  /** Re-reads every active membership of a user; returns what it read. */
  async function loadUser(uid: string): Promise<MembershipDoc[]> {
    const ticket = startRead(uid);
    const stored = (await models.Membership.find({ userId: uid, status: 'active' }).lean()) as MembershipDoc[];
    if (isLatest(uid, ticket)) {
      for (const cid of byUser.get(uid) ?? []) drop(cid, uid);
      byUser.set(uid, new Set());
      for (const membership of stored) put(membership);
    }
    doneRead(uid, ticket);
    return stored;
  }

  /** Replaces everything with a fresh read of every active membership. */
  async function reload() {
    const mine = ++epoch;
    const all = (await models.Membership.find({ status: 'active' }).lean()) as MembershipDoc[];
    if (mine !== epoch) return all.length;
    byKey.clear();
    byUser.clear();
    byCommunity.clear();
    for (const membership of all) put(membership);
    return all.length;
  }

  sync.subscribe(async (msg) => {
    if (msg.kind === 'membership') await refresh(msg.communityId, msg.userId);
    else if (msg.kind === 'userMemberships') await loadUser(msg.userId);
  });
  sync.onReset(async () => {
    await reload();
  });

  return {
    warm: reload,

    /** The active membership, or null. A miss is checked against the database. */
    async get(communityId: string, userId: string): Promise<MembershipDoc | null> {
      const hit = byKey.get(key(communityId, userId));
      if (hit) return hit;
      return refresh(communityId, userId);
    },

    /** Every active membership of a user. */
    async ofUser(userId: string): Promise<MembershipDoc[]> {
      if (!byUser.has(userId)) {
        const read = await loadUser(userId);
        if (!byUser.has(userId)) return read;
      }
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
