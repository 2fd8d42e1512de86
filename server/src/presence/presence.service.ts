import { LIMITS, type EventPayload, type PresenceChange, type PresenceEntry } from '@linli/shared';

const PRESENCE_BATCH_MS = 1000;
import { forbidden } from '../lib/errors.js';
import type { Caller } from './handlers.js';
import type { LinliServer, Notifier } from './notifier.js';
import { rooms } from './rooms.js';
import { authorize, loadAccess, type AccessDeps } from '../communities/access.js';
import { can } from '../policies/index.js';
import type { MessageService } from '../messages/message.service.js';

/**
 * Who is online, read from the sockets themselves through the adapter, so it
 * is right across tabs and nodes and never left stale by a crashed node.
 */
export function createPresence(deps: AccessDeps & { io: LinliServer; messages: MessageService; notify: Notifier }) {
  const { io } = deps;
  const lastTyping = new Map<string, number>();
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
    return (await deps.memberships.ofUser(userId)).map((m) => m.communityId.toString());
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
      authorize(await loadAccess(deps, caller, input.communityId), 'community.view');
      // Without Redis the other nodes cannot answer: list who is online here rather than fail.
      const sockets = await io
        .in(rooms.community(input.communityId))
        .fetchSockets()
        .catch(() => io.local.in(rooms.community(input.communityId)).fetchSockets());
      const byUser = new Map<string, PresenceEntry>();
      for (const s of sockets) byUser.set(s.data.userId, { userId: s.data.userId, displayName: s.data.displayName });
      return [...byUser.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
    },

    /** Throttled per user and channel; clients drop the indicator after typingTtlSeconds. */
    async typing(caller: Caller, input: EventPayload<'typing:start'>): Promise<Record<string, never>> {
      const key = `${caller.userId}:${input.channelId}`;
      const now = Date.now();
      if (now - (lastTyping.get(key) ?? 0) < (LIMITS.typingTtlSeconds * 1000) / 2) return {};
      const { channel, access } = await deps.messages.channelFor(caller, input.channelId);
      if (!can(access.actor, 'channel.post', { type: 'channel', kind: channel.kind, visibility: channel.visibility, archived: channel.archived, ownerId: channel.ownerId })) throw forbidden();
      lastTyping.set(key, now);
      if (lastTyping.size > 10_000) for (const [k, t] of lastTyping) if (now - t > 60_000) lastTyping.delete(k);
      deps.notify.toChannel(channel, caller.userId, 'typing:updated', {
        communityId: channel.communityId,
        channelId: channel.id,
        userId: caller.userId,
        displayName: caller.displayName,
      });
      return {};
    },
  };
}
