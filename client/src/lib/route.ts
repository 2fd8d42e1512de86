/** A tiny hash router: #/ is the community picker, #/c/<id>/<view> a community. */
import { useSyncExternalStore } from 'react';

export type CommunityView = 'home' | 'moderation';

export type Route =
  | { name: 'picker' }
  | {
      name: 'community';
      communityId: string;
      view: CommunityView;
      channelId: string | null;
      /** A message to bring into view (from a notification). */
      messageId?: string | null;
    };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'c' && parts[1]) {
    const view: CommunityView = parts[2] === 'moderation' ? 'moderation' : 'home';
    const channelId = view === 'home' && parts[3] ? parts[3] : null;
    const messageId = channelId && parts[4] === 'm' && parts[5] ? parts[5] : null;
    return { name: 'community', communityId: parts[1], view, channelId, messageId };
  }
  return { name: 'picker' };
}

export function routeHash(route: Route): string {
  if (route.name === 'picker') return '#/';
  const base = `#/c/${route.communityId}/${route.view}`;
  if (!route.channelId) return base;
  return route.messageId ? `${base}/${route.channelId}/m/${route.messageId}` : `${base}/${route.channelId}`;
}

export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (window.location.hash !== hash) window.location.hash = hash;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** The current route; re-renders on hash changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
