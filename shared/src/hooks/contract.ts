/**
 * Group robots (`hook:*`): a community (or one channel) forwards announcements,
 * problem reports, polls and decisions to a 企业微信 / 钉钉 / 飞书 group. Admins
 * only: the webhook address and its secret are the keys to someone else's group.
 */
import { z } from 'zod';
import { id, line } from '../fields.js';
import { defineContract, type Rule } from '../contract.js';
import { isAdmin } from '../actor.js';
import { hookDeliveryStates, hookProviders, type Hook, type HookDelivery } from './types.js';

export const HOOK_LIMITS = {
  name: { min: 1, max: 40 },
  url: { max: 500 },
  secret: { max: 200 },
  /** Hooks one community may hold. */
  hooks: 20,
  deliveries: 50,
} as const;

export const hook = {
  list: z.strictObject({ communityId: id }),
  create: z.strictObject({
    communityId: id,
    provider: z.enum(hookProviders),
    name: line(HOOK_LIMITS.name.min, HOOK_LIMITS.name.max),
    /** The webhook address the provider shows (its host is checked per provider). */
    url: z.string().trim().max(HOOK_LIMITS.url.max).pipe(z.url({ protocol: /^https?$/ })),
    /** DingTalk 加签 (SEC…) or Feishu 签名校验 secret; empty: the robot is not signed. Write-only. */
    secret: z.string().trim().max(HOOK_LIMITS.secret.max).regex(/^[\x21-\x7e]*$/, 'printable ASCII without spaces').default(''),
    /** null: everything in the community; a channel: only what is posted there. */
    channelId: id.nullable().default(null),
  }),
  test: z.strictObject({ communityId: id, hookId: id }),
  remove: z.strictObject({ communityId: id, hookId: id }),
  deliveries: z.strictObject({
    communityId: id,
    hookId: id.optional(),
    state: z.enum(hookDeliveryStates).optional(),
    limit: z.int().min(1).max(HOOK_LIMITS.deliveries).default(20),
  }),
};

export interface HookResults {
  'hook:list': Hook[];
  /** The hook as stored: hints only, the secret is never shown again. */
  'hook:create': Hook;
  /** Sends a test message now and answers with its delivery (sent, or pending with the provider's answer). */
  'hook:test': HookDelivery;
  'hook:remove': { hookId: string };
  /** Newest first. */
  'hook:deliveries': HookDelivery[];
}

export interface HookNotifications {
  /** To the community's staff: a delivery changed (sent, retried, gave up). */
  'hook:delivery': (p: HookDelivery & { communityId: string }) => void;
}

export const hookRules = {
  /** Adding, testing and removing group robots, and reading their deliveries: admins (like community.update). */
  'hook.manage': (a) => isAdmin(a),
} satisfies Record<string, Rule>;

export const hooksContract = defineContract<HookResults, HookNotifications>()({
  commands: {
    'hook:list': hook.list,
    'hook:create': hook.create,
    'hook:test': hook.test,
    'hook:remove': hook.remove,
    'hook:deliveries': hook.deliveries,
  },
  rules: hookRules,
});
