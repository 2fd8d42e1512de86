/**
 * The service worker's web push handlers: show what the server sent ({title, body, url, tag}),
 * and on a tap open the page it is about — in a Linli window already open (focused, then
 * navigated there) or a new one. Typed without the WebWorker lib (the client compiles with DOM).
 */
import type { PushPayload } from '@linli/shared';

interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface PushEventLike extends ExtendableEventLike {
  data: { json(): unknown; text(): string } | null;
}
interface NotificationEventLike extends ExtendableEventLike {
  notification: { data: unknown; close(): void };
}
interface WindowClientLike {
  url: string;
  focus(): Promise<unknown>;
  navigate(url: string): Promise<unknown>;
}

/** The parts of ServiceWorkerGlobalScope the handlers use. */
export interface ServiceWorkerScope {
  location: { origin: string };
  registration: ServiceWorkerRegistration;
  clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
  addEventListener(type: 'push', listener: (event: PushEventLike) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationEventLike) => void): void;
}

const fallback: PushPayload = { title: '邻里', body: '', url: '/', tag: 'linli' };

/** What a push carries, defensively: anything unreadable shows a plain notice that opens the app. */
export function payloadOf(data: PushEventLike['data']): PushPayload {
  if (!data) return fallback;
  try {
    const raw = data.json() as Partial<PushPayload>;
    return {
      title: typeof raw.title === 'string' && raw.title ? raw.title : fallback.title,
      body: typeof raw.body === 'string' ? raw.body : '',
      url: typeof raw.url === 'string' ? raw.url : '/',
      tag: typeof raw.tag === 'string' && raw.tag ? raw.tag : fallback.tag,
    };
  } catch {
    return { ...fallback, body: data.text() };
  }
}

/** The absolute URL to open: only paths of this origin (a push never sends the user elsewhere). */
export function targetUrl(origin: string, url: unknown): string {
  if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//')) return `${origin}/`;
  const resolved = new URL(url, origin);
  return resolved.origin === origin ? resolved.href : `${origin}/`;
}

export function installPushHandlers(scope: ServiceWorkerScope): void {
  scope.addEventListener('push', (event) => {
    const payload = payloadOf(event.data);
    event.waitUntil(
      scope.registration.showNotification(payload.title, {
        body: payload.body,
        tag: payload.tag,
        data: { url: payload.url },
        icon: '/icons/icon-192.png',
        badge: '/icons/badge-96.png',
        lang: 'zh-CN',
      }),
    );
  });

  scope.addEventListener('notificationclick', (event) => {
    event.notification.close();
    const url = targetUrl(scope.location.origin, (event.notification.data as { url?: unknown } | null)?.url);
    event.waitUntil(
      (async () => {
        const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
        const open = windows.find((client) => client.url.startsWith(scope.location.origin));
        if (open) {
          await open.focus();
          // navigate() works for windows this worker controls; otherwise a new window.
          const moved = await open.navigate(url).catch(() => null);
          if (moved) return;
        }
        await scope.clients.openWindow(url);
      })(),
    );
  });
}
