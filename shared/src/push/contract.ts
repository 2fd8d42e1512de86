/**
 * Web push (`push:*`): a member allows notifications on a device (its browser's push
 * subscription), chooses which kinds and quiet hours. Every command is about the caller's
 * own devices and settings: no community, no rules beyond being signed in.
 */
import { z } from 'zod';
import { defineContract } from '../contract.js';
import { pushKinds, type PushSettings } from './types.js';

const base64url = (min: number, max: number) => z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url').min(min).max(max);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
/** An IANA time zone the runtime knows. */
const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be a known time zone');

export const push = {
  vapidKey: z.strictObject({}),
  subscribe: z.strictObject({
    /** The push service URL the browser's PushSubscription names. */
    endpoint: z.url({ protocol: /^https?$/ }).max(2000),
    keys: z.strictObject({
      /** The browser's P-256 public key (65 bytes, base64url). */
      p256dh: base64url(80, 100),
      /** The 16-byte auth secret (base64url). */
      auth: base64url(20, 30),
    }),
  }),
  unsubscribe: z.strictObject({ endpoint: z.url({ protocol: /^https?$/ }).max(2000) }),
  preferences: z.strictObject({}),
  setPreferences: z.strictObject({
    kinds: z.array(z.enum(pushKinds)).max(pushKinds.length).transform((kinds) => [...new Set(kinds)]),
    quietHours: z
      .strictObject({ start: clockTime, end: clockTime })
      .refine((quiet) => quiet.start !== quiet.end, 'start and end must differ')
      .nullable(),
    timeZone,
  }),
};

export interface PushResults {
  /** The server's VAPID public key (base64url), for PushManager.subscribe's applicationServerKey. */
  'push:vapidKey': { publicKey: string };
  'push:subscribe': PushSettings;
  'push:unsubscribe': PushSettings;
  'push:preferences': PushSettings;
  'push:setPreferences': PushSettings;
}

export const pushContract = defineContract<PushResults>()({
  commands: {
    'push:vapidKey': push.vapidKey,
    'push:subscribe': push.subscribe,
    'push:unsubscribe': push.unsubscribe,
    'push:preferences': push.preferences,
    'push:setPreferences': push.setPreferences,
  },
});
