/** Who is online in a community. */
import { z } from 'zod';
import { id } from '../fields.js';
import { defineContract } from '../contract.js';

export interface PresenceEntry {
  userId: string;
  displayName: string;
}

export interface PresenceChange extends PresenceEntry {
  online: boolean;
}

export const presence = { list: z.strictObject({ communityId: id }) };

export interface PresenceNotifications {
  /** Who came online or went offline, batched per community (about once a second). */
  'presence:changed': (p: { communityId: string; changes: PresenceChange[] }) => void;
}

export const presenceContract = defineContract<{ 'presence:list': PresenceEntry[] }, PresenceNotifications>()({
  commands: { 'presence:list': presence.list },
});
