import webpush from 'web-push';
import type { PushPayload } from '@linli/shared';
import type { Logger } from '../lib/logger.js';
import type { VapidKeys } from './vapid.js';

/** sent: the push service took it; gone: the subscription no longer exists (404/410, remove it); failed: anything else. */
export type PushOutcome = 'sent' | 'gone' | 'failed';

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushSender {
  send(target: PushTarget, payload: PushPayload, options?: { ttlSeconds?: number; urgency?: 'normal' | 'high' }): Promise<PushOutcome>;
}

/**
 * Web push through the `web-push` library: it signs the VAPID JWT and encrypts the payload
 * (aes128gcm, RFC 8291); the request goes out with fetch and a timeout, so a slow push
 * service never holds up the others. Endpoints and keys are never logged (the endpoint is as
 * good as a password for that device): only the push service's host and the status.
 */
export function createPushSender(deps: { vapid: VapidKeys; log: Logger; timeoutMs?: number }): PushSender {
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const vapidDetails = { subject: deps.vapid.subject, publicKey: deps.vapid.publicKey, privateKey: deps.vapid.privateKey };
  return {
    async send(target, payload, options = {}) {
      const host = safeHost(target.endpoint);
      try {
        const request = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, JSON.stringify(payload), {
          vapidDetails,
          TTL: options.ttlSeconds ?? 24 * 3600,
          urgency: options.urgency ?? 'normal',
          contentEncoding: 'aes128gcm',
        });
        // fetch sets Content-Length from the body itself.
        const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'content-length').map(([name, value]) => [name, String(value)]));
        const res = await fetch(request.endpoint, { method: 'POST', headers, body: request.body ? new Uint8Array(request.body) : null, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) return 'sent';
        if (res.status === 404 || res.status === 410) return 'gone';
        deps.log.warn({ pushService: host, status: res.status }, 'web push refused');
        return 'failed';
      } catch (err) {
        // The error may quote the endpoint: only its class and message's kind go to the log.
        deps.log.warn({ pushService: host, error: err instanceof Error ? err.name : 'unknown' }, 'web push failed');
        return 'failed';
      }
    },
  };
}

/** The push service's host (fcm.googleapis.com, updates.push.services.mozilla.com...): not secret, unlike the path. */
function safeHost(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return 'invalid';
  }
}
