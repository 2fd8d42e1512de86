import type { ArgumentStance, Message } from '../messages/types.js';

/**
 * A topic's life: proposed by a resident (waiting for supporters or a moderator),
 * open (its channel takes arguments), closed (a moderator summarised both sides;
 * the channel is read-only for residents), or rejected (a moderator said why).
 */
export const deliberationStates = ['proposed', 'open', 'closed', 'rejected'] as const;
export type DeliberationState = (typeof deliberationStates)[number];

/** The emoji reaction that endorses an argument (the chat's reactions, so toggling and live updates come for free). */
export const ENDORSEMENT_EMOJI = '👍';

/** A problem report a topic started from (copied when linked; the report page asks deliberation:list for the way back). */
export interface DeliberationIssueRef {
  issueId: string;
  number: number;
  title: string;
}

/** A moderator's written close: what each side said and what the community concluded. */
export interface DeliberationSummary {
  summaryFor: string;
  summaryAgainst: string;
  conclusion: string;
  closedById: string;
  closedByName: string;
}

export interface Deliberation {
  id: string;
  communityId: string;
  /** 1, 2, 3... per community. */
  number: number;
  title: string;
  description: string;
  state: DeliberationState;
  proposerId: string;
  proposerName: string;
  /** Supporters of the proposal (the proposer counts as the first). */
  supportCount: number;
  /** Supporters that open it: the community's setting when it was proposed. */
  supportThreshold: number;
  /** The moderator who opened it; null while proposed and when its supporters opened it. */
  openedById: string | null;
  openedByName: string | null;
  issues: DeliberationIssueRef[];
  /** The topic's chat channel (kind 'deliberation'), once open. */
  channelId: string | null;
  /** Set when closed. */
  summary: DeliberationSummary | null;
  /** Why a moderator rejected the proposal. */
  rejectReason: string | null;
  openedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A community's deliberation settings (staff change them). */
export interface DeliberationSettings {
  communityId: string;
  /** Supporters a resident's proposal needs to open by itself. */
  supportThreshold: number;
}

/** One argument on its side: the message and its endorsements (👍 from anyone but its author). */
export interface ArgumentEntry {
  message: Message;
  endorsements: number;
}

/** A topic's arguments by side, strongest first, with the count of each side. */
export interface ArgumentSides {
  for: ArgumentEntry[];
  against: ArgumentEntry[];
  neutral: ArgumentEntry[];
  counts: Record<ArgumentStance, number>;
}
