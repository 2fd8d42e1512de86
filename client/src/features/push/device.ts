/**
 * This device's push subscription: what the browser offers (service worker, PushManager,
 * Notification), and turning pushes on and off here. The server keeps one row per device.
 */
import type { Ack, PushSettings } from '@linli/shared';
import { request } from '../../lib/socket';

/** Why this browser cannot take pushes, or null when it can. */
export type PushBlock = 'ios' | 'unsupported' | null;

export function pushBlock(): PushBlock {
  const ios = /iPad|iPhone|iPod/.test(navigator.userAgent) || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
  const standalone = window.matchMedia?.('(display-mode: standalone)').matches || (navigator as Navigator & { standalone?: boolean }).standalone === true;
  const capable = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  // iOS has web push only for apps added to the home screen (16.4+).
  if (ios && !standalone) return 'ios';
  return capable ? null : 'unsupported';
}

/** The service worker's registration, or null when none comes (development without a build, a blocked worker). */
async function registration(timeoutMs = 10_000): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) return null;
  const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
  return Promise.race([navigator.serviceWorker.ready, late]);
}

/** This device's current subscription, if pushes are on here. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (pushBlock()) return null;
  const reg = await navigator.serviceWorker.getRegistration();
  return (await reg?.pushManager.getSubscription()) ?? null;
}

const fromBase64url = (value: string): Uint8Array<ArrayBuffer> => {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
};

const sameKey = (a: ArrayBuffer | null, b: Uint8Array) => !!a && a.byteLength === b.byteLength && new Uint8Array(a).every((byte, i) => byte === b[i]);

/** Tells the server about a subscription (again: a device signed in as someone else now is theirs). */
export function register(subscription: PushSubscription): Promise<Ack<PushSettings>> {
  const json = subscription.toJSON();
  return request('push:subscribe', { endpoint: json.endpoint ?? subscription.endpoint, keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' } });
}

/** Asks for permission, subscribes with the server's VAPID key and registers the device. */
export async function enablePush(): Promise<Ack<PushSettings> | { ok: false; error: { code: 'INTERNAL'; message: string }; permission?: NotificationPermission }> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return { ok: false, error: { code: 'INTERNAL', message: permission }, permission };
  const reg = await registration();
  if (!reg) return { ok: false, error: { code: 'INTERNAL', message: 'no service worker' } };
  const key = await request('push:vapidKey', {});
  if (!key.ok) return key;
  const applicationServerKey = fromBase64url(key.data.publicKey);
  let subscription = await reg.pushManager.getSubscription();
  // Made with another server key (keys rotated): push services would refuse our pushes to it.
  if (subscription && !sameKey(subscription.options.applicationServerKey, applicationServerKey)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  try {
    subscription ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
  } catch (err) {
    return { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
  }
  return register(subscription);
}

/** Unsubscribes this device here and on the server. */
export async function disablePush(): Promise<Ack<PushSettings>> {
  const subscription = await currentSubscription();
  if (!subscription) return request('push:preferences', {});
  const endpoint = subscription.endpoint;
  await subscription.unsubscribe().catch(() => false);
  return request('push:unsubscribe', { endpoint });
}
