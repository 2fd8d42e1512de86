/**
 * "What was last loaded": the signed-in user's server-state cache kept in localStorage, so
 * the app opened without a network (the service worker serves the shell) shows the lists
 * and pages seen last instead of spinners. Queries still refetch once the socket connects
 * (restored data is stale), and the copy is dropped when the session ends.
 */
import { dehydrate, hydrate, type QueryClient } from '@tanstack/react-query';

const keyOf = (userId: string) => `linli.lastLoaded.${userId}`;
const MAX_AGE_MS = 7 * 24 * 3600_000;
/** Beyond this the copy is not kept (localStorage holds ~5 MB per origin, shared with the outbox). */
const MAX_CHARS = 1_500_000;
const SAVE_AFTER_MS = 2000;

/** Fills a new cache with the user's last copy, when there is a recent one. */
export function restoreLastLoaded(client: QueryClient, userId: string): QueryClient {
  try {
    const raw = localStorage.getItem(keyOf(userId));
    if (!raw) return client;
    const saved = JSON.parse(raw) as { savedAt: number; state: Parameters<typeof hydrate>[1] };
    if (Date.now() - saved.savedAt > MAX_AGE_MS) localStorage.removeItem(keyOf(userId));
    else hydrate(client, saved.state);
  } catch {
    // Unreadable: start empty.
  }
  return client;
}

/** Saves the cache a moment after it changes; returns the stop function. */
export function keepLastLoaded(client: QueryClient, userId: string): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    try {
      const state = dehydrate(client, { shouldDehydrateQuery: (query) => query.state.status === 'success' });
      const text = JSON.stringify({ savedAt: Date.now(), state });
      if (text.length > MAX_CHARS) localStorage.removeItem(keyOf(userId));
      else localStorage.setItem(keyOf(userId), text);
    } catch {
      // Storage full or private mode: nothing kept.
    }
  };
  const unsubscribe = client.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && timer === undefined) timer = setTimeout(save, SAVE_AFTER_MS);
  });
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}

/** Drops the copy (the session ended: the next person on this device sees nothing of it). */
export function forgetLastLoaded(userId: string): void {
  try {
    localStorage.removeItem(keyOf(userId));
  } catch {
    // Nothing to drop.
  }
}
