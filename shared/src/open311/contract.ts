/**
 * Open311 (`open311:*`): the admin side of the GeoReport v2 endpoint served under
 * /open311/v2/ (server/src/open311/routes.ts): the community's jurisdiction_id and
 * the API keys that Open311 clients file problem reports with.
 */
import { z } from 'zod';
import { id, line } from '../fields.js';
import { defineContract, type Rule } from '../contract.js';
import { isAdmin } from '../actor.js';
import type { Open311Key, Open311Settings } from './types.js';

export const OPEN311_LIMITS = {
  jurisdictionId: { min: 2, max: 40 },
  keyLabel: { min: 1, max: 40 },
  /** Keys one community may hold (revoked ones included). */
  keys: 50,
} as const;

/** Lower-case letters, digits and inner hyphens: `taoyuan`, `nanshan-taoyuan`. */
export const jurisdictionIdField = z
  .string()
  .trim()
  .min(OPEN311_LIMITS.jurisdictionId.min)
  .max(OPEN311_LIMITS.jurisdictionId.max)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'lower-case letters, digits and inner hyphens only');

export const open311 = {
  keys: z.strictObject({ communityId: id }),
  createKey: z.strictObject({ communityId: id, label: line(OPEN311_LIMITS.keyLabel.min, OPEN311_LIMITS.keyLabel.max) }),
  revokeKey: z.strictObject({ communityId: id, keyId: id }),
  setJurisdiction: z.strictObject({ communityId: id, jurisdictionId: jurisdictionIdField }),
};

export interface Open311Results {
  /** The jurisdiction_id and every key (revoked ones too), newest first. */
  'open311:keys': Open311Settings;
  /** `key` is shown this once: only its SHA-256 is stored. */
  'open311:createKey': { key: string; info: Open311Key };
  'open311:revokeKey': Open311Key;
  'open311:setJurisdiction': { communityId: string; jurisdictionId: string };
}

export const open311Rules = {
  /** Jurisdiction id and API keys: what the community exposes to outside apps is the admins' call (like community.update). */
  'open311.manage': (a) => isAdmin(a),
} satisfies Record<string, Rule>;

export const open311Contract = defineContract<Open311Results>()({
  commands: {
    'open311:keys': open311.keys,
    'open311:createKey': open311.createKey,
    'open311:revokeKey': open311.revokeKey,
    'open311:setJurisdiction': open311.setJurisdiction,
  },
  rules: open311Rules,
});
