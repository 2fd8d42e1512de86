/**
 * Polls (`poll:*`, 网络票选): staff create and edit polls (every edit audited; options
 * frozen after the first ballot), members cast one ballot each (or one per household),
 * staff may cast for a verified member who cannot come online (assisted, flagged,
 * audited, the member notified), the sweeper closes a poll at closesAt exactly once and
 * freezes countPoll's result. Counting is counting.ts; wire types are types.ts.
 */
import { z } from 'zod';
import { clientId, id, line, text } from '../fields.js';
import { defineContract, type Rule } from '../contract.js';
import { isMember, isStaff, type Actor } from '../actor.js';
import { pollKinds, SCORE_MAX, SCORE_MIN, type PollResult } from './counting.js';
import {
  pollBallotKinds,
  pollEligibilities,
  pollStates,
  pollThresholds,
  pollVisibilities,
  type CastResult,
  type Poll,
  type PollBallotKind,
  type PollEligibility,
  type PollLive,
  type PollResultView,
  type PollView,
} from './types.js';

export const POLL_LIMITS = {
  title: { min: 2, max: 80 },
  description: { max: 4000 },
  options: { min: 2, max: 20 },
  optionLabel: { min: 1, max: 80 },
  /** Whole units of a budget option's cost and of the budget. */
  cost: { max: 1_000_000_000 },
  /** Problem reports one poll may decide on. */
  issues: 5,
  /** Hours a linked deliberation must have been open before the poll opens. */
  minDeliberationHours: { max: 24 * 90 },
  /** Longest a poll may stay open. */
  maxOpenDays: 366,
  page: 100,
  reason: { max: 500 },
} as const;

/**
 * A secret poll's ballot secret: 128 random bits made by the client (base64url, 22
 * characters), kept on the device for retries and vote change. See README "Secret ballots".
 */
export const ballotSecret = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be 128 random bits in base64url (22 characters)');

const optionIdField = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be an option id');
/** A ballot as counted (counting.ts); checked against the poll's rules by the server (VALIDATION_FAILED when the count would set it aside). */
export const ballotChoice = z.union([
  optionIdField,
  z.array(optionIdField).min(1).max(POLL_LIMITS.options.max),
  z.record(optionIdField, z.int().min(SCORE_MIN).max(SCORE_MAX)),
]);

/** An option as staff write it; `id` names an existing option when editing (omitted: a new one). */
const optionInput = z.strictObject({
  id: optionIdField.optional(),
  label: line(POLL_LIMITS.optionLabel.min, POLL_LIMITS.optionLabel.max),
  /** Budget polls: required, whole units. */
  cost: z.int().min(0).max(POLL_LIMITS.cost.max).optional(),
});

/** Every setting of a poll; poll:create requires some, poll:update takes any subset. */
const settingFields = {
  title: line(POLL_LIMITS.title.min, POLL_LIMITS.title.max),
  description: text(POLL_LIMITS.description.max),
  /** Not for yes/no (its choices are yes / no / abstain); 2..20 otherwise. */
  options: z.array(optionInput).max(POLL_LIMITS.options.max),
  /** multiple: fewest / most picks (null: 1 / every option). */
  min: z.int().min(0).max(POLL_LIMITS.options.max).nullable(),
  max: z.int().min(1).max(POLL_LIMITS.options.max).nullable(),
  /** budget: required. */
  budget: z.int().min(1).max(POLL_LIMITS.cost.max).nullable(),
  /** yesno: default majority. */
  threshold: z.enum(pollThresholds).nullable(),
  /** Share of eligible voters (0..1); null: none. */
  quorum: z.number().min(0).max(1).nullable(),
  eligibility: z.enum(pollEligibilities),
  visibility: z.enum(pollVisibilities),
  ballot: z.enum(pollBallotKinds),
  allowChange: z.boolean(),
  /** Default: now. */
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  /** The deliberation it follows (same community, open or closed). */
  deliberationId: id.nullable(),
  /** The poll cannot open before the deliberation's openedAt + these hours. */
  minDeliberationHours: z.int().min(0).max(POLL_LIMITS.minDeliberationHours.max),
  issueIds: z.array(id).max(POLL_LIMITS.issues),
};

export const poll = {
  list: z.strictObject({
    communityId: id,
    /** active: scheduled, open or closing. */
    state: z.union([z.enum(['all', 'active']), z.enum(pollStates)]).default('all'),
    /** Back-links: the polls that follow this deliberation / decide on this problem report. */
    deliberationId: id.optional(),
    issueId: id.optional(),
    /** Polls numbered below this one (the next page; numbers only grow, so new polls never shift a page). */
    beforeNumber: z.int().min(1).optional(),
    limit: z.int().min(1).max(200).default(POLL_LIMITS.page),
  }),
  get: z.strictObject({ pollId: id }),
  create: z.strictObject({
    communityId: id,
    kind: z.enum(pollKinds),
    title: settingFields.title,
    description: settingFields.description.default(''),
    options: settingFields.options.default([]),
    min: settingFields.min.default(null),
    max: settingFields.max.default(null),
    budget: settingFields.budget.default(null),
    threshold: settingFields.threshold.default(null),
    quorum: settingFields.quorum.default(null),
    eligibility: settingFields.eligibility.default('members'),
    visibility: settingFields.visibility.default('live'),
    ballot: settingFields.ballot.default('public'),
    allowChange: settingFields.allowChange.default(true),
    opensAt: settingFields.opensAt.optional(),
    closesAt: settingFields.closesAt,
    deliberationId: settingFields.deliberationId.default(null),
    minDeliberationHours: settingFields.minDeliberationHours.default(0),
    issueIds: settingFields.issueIds.default([]),
    /** Makes a retried create (a lost answer, a double tap) return the poll already stored. */
    clientId: clientId.optional(),
  }),
  /**
   * Any subset of the settings. Before the first ballot everything may change; after it
   * only the description and a LATER closesAt (CONFLICT otherwise, nothing changed).
   * `version` must be the poll's current version (CONFLICT with the current poll otherwise).
   */
  update: z.strictObject({
    pollId: id,
    version: z.int().min(0),
    ...Object.fromEntries(Object.entries(settingFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof settingFields]: z.ZodOptional<(typeof settingFields)[K]>;
    },
  }),
  /**
   * Casting (and, when allowed, changing) the caller's ballot. Secret polls need
   * `ballotSecret` (the same one for a retry or a change). A retry answers the same receipt.
   */
  cast: z.strictObject({ pollId: id, choice: ballotChoice, ballotSecret: ballotSecret.optional() }),
  /** Assisted voting: staff cast for a named verified member who cannot come online. */
  castFor: z.strictObject({ pollId: id, userId: id, choice: ballotChoice, ballotSecret: ballotSecret.optional() }),
  /** Staff close an open poll before closesAt (counted and frozen at once; audited). */
  close: z.strictObject({ pollId: id, reason: text(POLL_LIMITS.reason.max).pipe(z.string().min(1, 'must give a reason')) }),
  /** Joins the poll's live room: poll:tally events (counts only when not sealed; turnout always). */
  watch: z.strictObject({ pollId: id }),
  unwatch: z.strictObject({ pollId: id }),
  /** After close: the frozen result and every counted receipt. */
  result: z.strictObject({ pollId: id }),
};

export interface PollResults {
  /** voted: ids of the listed polls the caller (or their household) has a ballot in. */
  'poll:list': { items: Poll[]; voted: string[] };
  'poll:get': PollView;
  'poll:create': Poll;
  'poll:update': Poll;
  'poll:cast': CastResult;
  'poll:castFor': CastResult;
  'poll:close': Poll;
  'poll:watch': PollLive;
  'poll:unwatch': { pollId: string };
  'poll:result': PollResultView;
}

export interface PollNotifications {
  /** Created, edited, opened, turnout changed state, or closed: to the community (never counts). */
  'poll:saved': (p: Poll) => void;
  /** To the poll's watchers, at most a few times a second: turnout, and the tally unless sealed. */
  'poll:tally': (p: PollLive) => void;
  /** To the community once the result is frozen. */
  'poll:closed': (p: { poll: Poll; result: PollResult }) => void;
}

/** Whether the actor's membership lets them vote under this eligibility (a household poll also needs a recorded household). */
export const eligibleFor = (a: Actor, eligibility: PollEligibility): boolean => isMember(a) && (eligibility === 'members' || a.householdVerified);

export const pollRules = {
  'poll.view': (a) => isMember(a),
  /** Create, edit, close early. */
  'poll.manage': (a) => isStaff(a.role),
  /** Casting one's own ballot (moderators vote like everyone else: one ballot). */
  'poll.vote': (a, p) => eligibleFor(a, p.eligibility),
  /** Assisted voting for someone else. */
  'poll.castFor': (a) => isStaff(a.role),
  /** Who voted what (after close): members, in public polls only. */
  'poll.seeVoters': (a, p) => isMember(a) && p.ballot === 'public',
} satisfies {
  'poll.view': Rule;
  'poll.manage': Rule;
  'poll.vote': Rule<{ eligibility: PollEligibility }>;
  'poll.castFor': Rule;
  'poll.seeVoters': Rule<{ ballot: PollBallotKind }>;
};

export const pollContract = defineContract<PollResults, PollNotifications>()({
  commands: {
    'poll:list': poll.list,
    'poll:get': poll.get,
    'poll:create': poll.create,
    'poll:update': poll.update,
    'poll:cast': poll.cast,
    'poll:castFor': poll.castFor,
    'poll:close': poll.close,
    'poll:watch': poll.watch,
    'poll:unwatch': poll.unwatch,
    'poll:result': poll.result,
  },
  rules: pollRules,
});
