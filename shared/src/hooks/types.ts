/** Group robots (群机器人): where a community forwards its news outside the app. */

/** 企业微信 group robot, 钉钉 custom robot, 飞书 / Lark custom bot. */
export const hookProviders = ['wecom', 'dingtalk', 'feishu'] as const;
export type HookProvider = (typeof hookProviders)[number];

/** What is forwarded (the issue's list), plus the admins' test message. */
export const hookEventKinds = ['announcement', 'issueFiled', 'issueResolved', 'pollOpened', 'pollClosed', 'decisionRecorded', 'decisionProgress', 'decisionDone', 'test'] as const;
export type HookEventKind = (typeof hookEventKinds)[number];

export const hookDeliveryStates = ['pending', 'sent', 'failed'] as const;
export type HookDeliveryState = (typeof hookDeliveryStates)[number];

/** A hook as admins see it: the webhook address and the secret only as hints, never in full. */
export interface Hook {
  id: string;
  communityId: string;
  provider: HookProvider;
  name: string;
  /** The host and the last characters of the token: `oapi.dingtalk.com …a1b2`. */
  urlHint: string;
  /** `SEC…9f3c` when a signing secret is stored; null without one. */
  secretHint: string | null;
  /** null: the whole community; otherwise only what happens in this channel (announcements). */
  channelId: string | null;
  createdByName: string;
  createdAt: string;
  /** Deliveries that gave up (failed) and still pending: the admin's warning light. */
  failed: number;
  pending: number;
  lastSentAt: string | null;
}

/** One message to one hook: what the outbox holds. */
export interface HookDelivery {
  id: string;
  hookId: string;
  kind: HookEventKind;
  title: string;
  state: HookDeliveryState;
  attempts: number;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  /** The provider's answer or the network error of the last failed attempt. */
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}
