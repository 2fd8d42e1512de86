/**
 * Deliberation (`deliberation:*`, 议事): topics proposed by residents or opened by
 * moderators, argued in their own chat channel (an argument is a message with a
 * stance: see messages/), endorsed with 👍, closed with a written summary.
 */
import { z } from 'zod';
import { clientId, id, line, requiredText, text } from '../fields.js';
import { defineContract, type Rule } from '../contract.js';
import { isMember, isStaff } from '../actor.js';
import type { Channel } from '../channels/types.js';
import { deliberationStates, type ArgumentSides, type Deliberation, type DeliberationSettings, type DeliberationState } from './types.js';

export const DELIBERATION_LIMITS = {
  title: { min: 2, max: 60 },
  description: { max: 2000 },
  /** Problem reports one topic may start from. */
  issues: 5,
  reason: { max: 500 },
  summary: { max: 2000 },
  supportThreshold: { min: 1, max: 500, default: 5 },
  page: 100,
} as const;

const topicFields = {
  communityId: id,
  title: line(DELIBERATION_LIMITS.title.min, DELIBERATION_LIMITS.title.max),
  description: text(DELIBERATION_LIMITS.description.max).default(''),
  /** Problem reports of the same community the topic starts from. */
  issueIds: z.array(id).max(DELIBERATION_LIMITS.issues).default([]),
  /** Makes a retried proposal or opening (a lost answer, a double tap) return the topic already stored. */
  clientId: clientId.optional(),
};

export const deliberation = {
  list: z.strictObject({
    communityId: id,
    state: z.union([z.literal('all'), z.enum(deliberationStates)]).default('all'),
    /** Only the topics started from this problem report (its back-link). */
    issueId: id.optional(),
    /** Only the topic whose channel this is (the chat view asks whether a channel is a topic's, and its state). */
    channelId: id.optional(),
    /** Topics numbered below this one (the next page; numbers only grow, so new topics never shift a page). */
    beforeNumber: z.int().min(1).optional(),
    limit: z.int().min(1).max(200).default(DELIBERATION_LIMITS.page),
  }),
  get: z.strictObject({ deliberationId: id }),
  /** A resident's proposal: it opens once it has enough supporters (or a moderator opens it). */
  propose: z.strictObject(topicFields),
  /** A moderator opens a topic at once. */
  open: z.strictObject(topicFields),
  /** A moderator opens a proposal now, or rejects it with a reason. */
  review: z.discriminatedUnion('action', [
    z.strictObject({ deliberationId: id, action: z.literal('open') }),
    z.strictObject({ deliberationId: id, action: z.literal('reject'), reason: requiredText(DELIBERATION_LIMITS.reason.max) }),
  ]),
  /** Supporting a proposal (one per person; on: false takes it back). */
  support: z.strictObject({ deliberationId: id, on: z.boolean() }),
  close: z.strictObject({
    deliberationId: id,
    summaryFor: requiredText(DELIBERATION_LIMITS.summary.max),
    summaryAgainst: requiredText(DELIBERATION_LIMITS.summary.max),
    conclusion: requiredText(DELIBERATION_LIMITS.summary.max),
  }),
  settings: z.strictObject({ communityId: id }),
  configure: z.strictObject({
    communityId: id,
    supportThreshold: z.int().min(DELIBERATION_LIMITS.supportThreshold.min).max(DELIBERATION_LIMITS.supportThreshold.max),
  }),
};

export interface DeliberationResults {
  /** supported: which of the items the caller supports. */
  'deliberation:list': { items: Deliberation[]; supported: string[]; settings: DeliberationSettings };
  /** channel: the topic's channel once open; sides: its arguments grouped (see arguments.ts). */
  'deliberation:get': { deliberation: Deliberation; supported: boolean; channel: Channel | null; sides: ArgumentSides };
  'deliberation:propose': Deliberation;
  'deliberation:open': Deliberation;
  'deliberation:review': Deliberation;
  'deliberation:support': { deliberation: Deliberation; supported: boolean };
  'deliberation:close': Deliberation;
  'deliberation:settings': DeliberationSettings;
  'deliberation:configure': DeliberationSettings;
}

export interface DeliberationNotifications {
  /** Proposed, supported, opened, rejected or closed: to the community. */
  'deliberation:saved': (p: Deliberation) => void;
  'deliberation:settingsSaved': (p: DeliberationSettings) => void;
}

export const deliberationRules = {
  'deliberation.view': (a) => isMember(a),
  'deliberation.propose': (a) => isMember(a) && !a.muted,
  'deliberation.support': (a) => isMember(a),
  /** Opening a topic directly, or a proposal before it has its supporters. */
  'deliberation.open': (a) => isStaff(a.role),
  'deliberation.reject': (a) => isStaff(a.role),
  'deliberation.close': (a) => isStaff(a.role),
  'deliberation.configure': (a) => isStaff(a.role),
  /**
   * Posting in a topic's channel (arguments, replies, edits): while it is open; once it
   * is closed the channel is the record, and only staff write there.
   */
  'deliberation.argue': (a, topic) => isMember(a) && !a.muted && (topic.state === 'open' || (topic.state === 'closed' && isStaff(a.role))),
  /**
   * Reacting in a topic's channel (a 👍 endorses an argument): every member while it is
   * open (a mute stops posting, not reacting, as in every channel); once it is closed the
   * endorsements are part of the record, and only staff may still react.
   */
  'deliberation.endorse': (a, topic) => isMember(a) && (topic.state === 'open' || (topic.state === 'closed' && isStaff(a.role))),
} satisfies {
  'deliberation.view': Rule;
  'deliberation.propose': Rule;
  'deliberation.support': Rule;
  'deliberation.open': Rule;
  'deliberation.reject': Rule;
  'deliberation.close': Rule;
  'deliberation.configure': Rule;
  'deliberation.argue': Rule<{ state: DeliberationState }>;
  'deliberation.endorse': Rule<{ state: DeliberationState }>;
};

export const deliberationContract = defineContract<DeliberationResults, DeliberationNotifications>()({
  commands: {
    'deliberation:list': deliberation.list,
    'deliberation:get': deliberation.get,
    'deliberation:propose': deliberation.propose,
    'deliberation:open': deliberation.open,
    'deliberation:review': deliberation.review,
    'deliberation:support': deliberation.support,
    'deliberation:close': deliberation.close,
    'deliberation:settings': deliberation.settings,
    'deliberation:configure': deliberation.configure,
  },
  rules: deliberationRules,
});
