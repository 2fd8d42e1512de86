/** Who is typing where: entries expire on their own; the user's own typing is announced, throttled. */
import { LIMITS } from '@linli/shared';
import { request, type ServerPayload } from '../../../lib/socket';
import type { StoreCore } from './core';
import type { TypingEntry } from './types';

export interface Typing {
  /** Someone else started typing (a push). */
  received(push: ServerPayload<'typing:updated'>): void;
  /** Their message arrived: they stopped typing. */
  drop(channelId: string, userId: string): void;
  /** Tells others the user is typing, at most every 2 seconds per channel. */
  notify(channelId: string): void;
  dispose(): void;
}

export function createTyping(core: StoreCore): Typing {
  let pruneTimer: ReturnType<typeof setTimeout> | undefined;
  let lastSent = 0;
  let lastChannel: string | null = null;

  function prune(): void {
    const now = Date.now();
    const typing: Record<string, TypingEntry[]> = {};
    let next = Infinity;
    let changed = false;
    for (const [channelId, list] of Object.entries(core.get().typing)) {
      const alive = list.filter((entry) => entry.until > now);
      if (alive.length !== list.length) changed = true;
      if (alive.length > 0) typing[channelId] = alive;
      for (const entry of alive) next = Math.min(next, entry.until);
    }
    if (changed) core.set({ typing });
    clearTimeout(pruneTimer);
    if (next !== Infinity) pruneTimer = setTimeout(prune, next - now + 50);
  }

  return {
    received(push) {
      if (push.userId === core.userId) return;
      const until = Date.now() + LIMITS.typingTtlSeconds * 1000;
      const typing = core.get().typing;
      const list = (typing[push.channelId] ?? []).filter((entry) => entry.userId !== push.userId);
      core.set({ typing: { ...typing, [push.channelId]: [...list, { userId: push.userId, displayName: push.displayName, until }] } });
      prune();
    },
    drop(channelId, userId) {
      const typing = core.get().typing;
      const list = typing[channelId];
      if (!list?.some((entry) => entry.userId === userId)) return;
      core.set({ typing: { ...typing, [channelId]: list.filter((entry) => entry.userId !== userId) } });
    },
    notify(channelId) {
      const now = Date.now();
      if (lastChannel === channelId && now - lastSent < 2000) return;
      lastSent = now;
      lastChannel = channelId;
      void request('typing:start', { channelId });
    },
    dispose() {
      clearTimeout(pruneTimer);
    },
  };
}
