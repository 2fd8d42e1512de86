import type { EventPayload, PresenceChange, PresenceEntry } from '@linli/shared';
import type { Caller } from '../context/caller.js';
import { requireAccess, type AccessDeps } from '../context/access.js';
import type { LinliServer } from '../realtime/notifier.js';
import { rooms } from '../realtime/rooms.js';

const PRESENCE_BATCH_MS = 1000;

/**
 * Who is online, read from the sockets themselves through the adapter, so it
 * is right across tabs and nodes and never left stale by a crashed node.
 */
export function createPresence(deps: AccessDeps & { io: LinliServer }) {
  const { io } = deps;
  // Arrivals and departures are batched per community: announcing each one to
  // everyone at once would cost members² frames when a whole community connects.
  const pending = new Map<string, Map<string, PresenceChange>>();
  let flushTimer: NodeJS.Timeout | null = null;
  const flush = () => {
    flushTimer = null;
    for (const [communityId, changes] of pending) {
      io.to(rooms.community(communityId)).emit('presence:changed', { communityId, changes: [...changes.values()] });
    }
    pending.clear();
  };
  const announce = (communityId: string, change: PresenceChange) => {
    if (!pending.has(communityId)) pending.set(communityId, new Map());
    pending.get(communityId)!.set(change.userId, change);
    flushTimer ??= setTimeout(flush, PRESENCE_BATCH_MS);
  };

  async function isOnline(userId: string): Promise<boolean> {
    return (await io.in(rooms.user(userId)).fetchSockets()).length > 0;
  }

  async function communitiesOf(userId: string): Promise<string[]> {
    return (await deps.memberships.ofUser(userId)).map((membership) => membership.communityId.toString());
  }

  return {
    /** After a socket joined its rooms: announce the user if this is their first socket. */
    async connected(userId: string, displayName: string) {
      const sockets = await io.in(rooms.user(userId)).fetchSockets();
      if (sockets.length !== 1) return;
      for (const communityId of await communitiesOf(userId)) announce(communityId, { userId, displayName, online: true });
    },

    /** After a socket left: announce the user offline when it was their last one. */
    async disconnected(userId: string, displayName: string) {
      if (await isOnline(userId)) return;
      for (const communityId of await communitiesOf(userId)) announce(communityId, { userId, displayName, online: false });
    },

    async list(caller: Caller, input: EventPayload<'presence:list'>): Promise<PresenceEntry[]> {
      await requireAccess(deps, caller, input.communityId, 'community.view');
      // Without Redis the other nodes cannot answer: list who is online here rather than fail.
      const sockets = await io
        .in(rooms.community(input.communityId))
        .fetchSockets()
        .catch(() => io.local.in(rooms.community(input.communityId)).fetchSockets());
      const byUser = new Map<string, PresenceEntry>();
      for (const socket of sockets) byUser.set(socket.data.userId, { userId: socket.data.userId, displayName: socket.data.displayName });
      return [...byUser.values()].sort((left, right) => left.displayName.localeCompare(right.displayName, 'zh-CN'));
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
