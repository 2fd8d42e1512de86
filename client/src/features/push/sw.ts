/**
 * Linli's service worker (built by vite-plugin-pwa, injectManifest): the app shell precached
 * so Linli opens on a weak or absent network, every navigation answered with the shell,
 * the signed-in user remembered for offline starts, and the web push handlers.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { installPushHandlers, type ServiceWorkerScope } from './sw-push';

declare const self: ServiceWorkerScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
  skipWaiting(): Promise<void>;
  addEventListener(type: 'activate', listener: (event: Event & { waitUntil(promise: Promise<unknown>): void }) => void): void;
};

const SESSION_CACHE = 'linli-session';

// A new build takes over at once: the shell and the server speak the same contract.
void self.skipWaiting();
clientsClaim();

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
// Every page of the app is the same shell; the server's own paths are never answered from it.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/socket\.io\//, /^\/open311\//] }));
// Who is signed in: from the network when it answers, else as last known (offline start).
registerRoute(({ url }) => url.pathname === '/api/auth/me', new NetworkFirst({ cacheName: SESSION_CACHE, plugins: [new CacheableResponsePlugin({ statuses: [200] })] }));
/** Asks who is signed in and keeps the answer: the page may have signed in before this worker controlled it. */
async function rememberSession(): Promise<void> {
  try {
    const res = await fetch('/api/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (res.ok) await (await caches.open(SESSION_CACHE)).put('/api/auth/me', res);
  } catch {
    // Offline: the next answer fills it.
  }
}
self.addEventListener('activate', (event) => event.waitUntil(rememberSession()));
registerRoute(
  ({ url }) => url.pathname === '/api/auth/verify',
  async ({ request }) => {
    const res = await fetch(request);
    if (res.ok) void rememberSession();
    return res;
  },
  'POST',
);
// Signing out forgets it, and this device stops showing the member's notifications (the push
// service then answers 404/410 to the server, which drops the device).
registerRoute(
  ({ url }) => url.pathname === '/api/auth/logout',
  async ({ request }) => {
    const res = await fetch(request);
    await caches.delete(SESSION_CACHE);
    await (await self.registration.pushManager.getSubscription())?.unsubscribe().catch(() => false);
    return res;
  },
  'POST',
);

installPushHandlers(self);
