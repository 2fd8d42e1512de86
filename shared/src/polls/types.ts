/**
 * Polls (网络票选): the wire types. Counting is counting.ts (the only counting code);
 * the commands are contract.ts.
 */
import type { PollKind, PollResult } from './counting.js';

/**
 * A poll's life: scheduled (opensAt still ahead), open (ballots accepted until closesAt),
 * closing (the close is being counted: seconds at most; no ballot is accepted), closed
 * (the result is frozen and stored).
 */
export const pollStates = ['scheduled', 'open', 'closing', 'closed'] as const;
export type PollState = (typeof pollStates)[number];

/** Who may vote: every member; verified residents; one ballot per verified household. */
export const pollEligibilities = ['members', 'verified', 'household'] as const;
export type PollEligibility = (typeof pollEligibilities)[number];

/** Results shown live while the poll is open, or sealed until it closes (turnout is always live). */
export const pollVisibilities = ['live', 'sealed'] as const;
export type PollVisibility = (typeof pollVisibilities)[number];

/** Public: members see who voted what (after close); secret: nothing links a voter to a choice. */
export const pollBallotKinds = ['public', 'secret'] as const;
export type PollBallotKind = (typeof pollBallotKinds)[number];

export const pollThresholds = ['majority', 'two-thirds'] as const;
export type PollThreshold = (typeof pollThresholds)[number];

/**
 * A ballot as cast and counted (counting.ts): yesno "yes" | "no" | "abstain"; single an
 * option id; multiple, ranked (most preferred first) and budget a list of option ids;
 * score { optionId: 0..5 }.
 */
export type BallotChoice = string | string[] | Record<string, number>;

/** An option: the server gives ids ("o1", "o2"...); yes/no polls have none (the choices are yes/no/abstain). */
export interface PollOption {
  id: string;
  label: string;
  /** Budget polls: what it costs, in whole units; null otherwise. */
  cost: number | null;
}

/** Ballots cast so far and voters eligible now (frozen at close). Always public and live. */
export interface PollTurnout {
  ballots: number;
  eligible: number;
}

export interface Poll {
  id: string;
  communityId: string;
  /** 1, 2, 3... per community. */
  number: number;
  title: string;
  description: string;
  kind: PollKind;
  /** Empty for yes/no. */
  options: PollOption[];
  /** multiple: fewest / most picks (null: 1 / every option). */
  min: number | null;
  max: number | null;
  /** budget: total that may be spent; null otherwise. */
  budget: number | null;
  /** yesno: pass threshold; null otherwise. */
  threshold: PollThreshold | null;
  /** Minimum turnout as a share (0..1) of eligible voters; null: no quorum. */
  quorum: number | null;
  eligibility: PollEligibility;
  visibility: PollVisibility;
  ballot: PollBallotKind;
  /** Voters may change their ballot until close. */
  allowChange: boolean;
  opensAt: string;
  closesAt: string;
  state: PollState;
  /** The deliberation (议事) it follows, and the hours that deliberation must have been open before the poll opens. */
  deliberationId: string | null;
  minDeliberationHours: number;
  /** Problem reports it decides on. */
  issueIds: string[];
  /** Options (and every setting but the description and a later closesAt) are frozen once the first ballot is cast. */
  frozen: boolean;
  turnout: PollTurnout;
  createdById: string;
  createdByName: string;
  /** Set when closed; closedEarlyByName when staff closed it before closesAt. */
  closedAt: string | null;
  closedEarlyByName: string | null;
  /** Short human summary once closed (zh-CN), e.g. "通过（赞成 62%）", "胜出：方案B"; null before. */
  outcome: string | null;
  /** Bumped by every edit: poll:update names the version it edits. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Why the caller may not vote in this poll (null: they may). */
export type PollVoteBlock =
  | 'notMember'
  | 'notVerified'
  | 'noHousehold'
  | 'notOpen'
  | 'householdVoted'
  | 'alreadyVoted';

/** The caller's own ballot in poll:get. */
export interface MyBallot {
  /** The caller is eligible (whatever the poll's state). */
  eligible: boolean;
  /** Why they cannot cast (or change) a ballot now; null when they can. */
  blocked: PollVoteBlock | null;
  /**
   * none: no ballot; cast: counted. pending (secret polls only): a cast was started but
   * not confirmed; send poll:cast again with the same ballot secret to finish it.
   */
  status: 'none' | 'pending' | 'cast';
  /** Public polls: the receipt and choice. Secret polls: null (the client keeps the receipt; see receiptOfSecret). */
  receipt: string | null;
  choice: BallotChoice | null;
  castAt: string | null;
  /** Cast for them by staff (assisted voting). */
  assisted: boolean;
  assistedByName: string | null;
  /** Household polls: another member cast the household's ballot (public polls: their name). */
  castByOther: boolean;
  castByName: string | null;
}

/** A poll page: the poll, my ballot, and the tally when it may be shown (never before close when sealed). */
export interface PollView {
  poll: Poll;
  my: MyBallot;
  /** Live tally (countPoll over the stored ballots) while open and not sealed; the frozen result once closed; else null. */
  tally: PollResult | null;
}

/** Answer of poll:cast and poll:castFor. */
export interface CastResult {
  poll: Poll;
  /** The voter's receipt: the same for a retry and for a changed ballot. Listed in poll:result after close. */
  receipt: string;
  /** The ballot replaced an earlier one (vote change). */
  changed: boolean;
}

/** Live numbers of a poll (poll:watch answer, poll:tally event). */
export interface PollLive {
  pollId: string;
  communityId: string;
  state: PollState;
  turnout: PollTurnout;
  /** null while sealed (or while closing). */
  tally: PollResult | null;
}

/** A counted ballot in the published result. Secret polls: the receipt only. */
export interface CountedReceipt {
  receipt: string;
  /** Public polls only. */
  choice?: BallotChoice;
  voterName?: string;
  assisted?: boolean;
}

/** An earlier ballot a public poll's voter replaced. */
export interface BallotChange {
  voterName: string;
  receipt: string;
  choice: BallotChoice;
  castAt: string;
  replacedAt: string;
}

/** poll:result: after close only. */
export interface PollResultView {
  poll: Poll;
  /** countPoll's result, frozen at close. */
  result: PollResult;
  /** Every counted ballot's receipt, sorted by receipt (never in vote order). */
  receipts: CountedReceipt[];
  /** Public polls with vote change: the replaced ballots. Secret polls: []. */
  history: BallotChange[];
  /** Option labels by id (yes/no: 赞成/反对/弃权) for showing the result. */
  labels: Record<string, string>;
  /** The recount file: GET this path (signed in) for the `npm run poll -- count` input. */
  exportPath: string;
}

/**
 * The recount file (GET /api/polls/:pollId/export): exactly the input of
 * `npm run poll -- count --file` (counting.ts reads kind, options, min, max, budget,
 * threshold, quorum, eligible, ballots; the other fields are for people and ignored).
 * Ballots are sorted (never in storage or vote order); no voter identities in secret polls.
 */
export interface PollCountFile {
  kind: PollKind;
  options?: string[] | { id: string; cost: number }[];
  min?: number;
  max?: number;
  budget?: number;
  threshold?: PollThreshold;
  quorum?: number;
  eligible?: number;
  ballots: BallotChoice[];
  pollId: string;
  title: string;
  labels: Record<string, string>;
  state: PollState;
  closedAt: string | null;
  /** The stored result (closed polls): a recount must print the same. */
  result: PollResult | null;
}

/** Ids of the yes/no choices (the poll's options list is empty for yes/no). */
export const yesNoOptionIds = ['yes', 'no', 'abstain'] as const;
