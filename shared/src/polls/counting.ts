/**
 * Counting the ballots of a poll: pure and deterministic (the same definition
 * and the same ballots, in any order, give the same result, byte for byte once
 * serialised). Used by the server's result pages and exports, and by anyone
 * offline to recount a published poll (`npm run poll -- count --file poll.json`).
 *
 * Rules that hold for every kind (shown on the result page):
 * - A ballot that breaks the poll's rules (wrong shape, unknown option, an
 *   option twice, too few or too many picks, a score out of range, over the
 *   budget) is INVALID: it is counted in `invalid` (with its reason in
 *   `invalidReasons`), ignored by the count, and does not stop the count.
 * - Invalid ballots DO count for turnout and quorum: the people turned out.
 *   `turnout` = all ballots cast / `eligible` (null when `eligible` is not given).
 * - Quorum: the poll is `valid` when ballots cast >= `quorum` x `eligible`
 *   (exactly at quorum is enough). Below quorum the poll is `valid: false`,
 *   `winners` is empty and a yes/no poll has `passed: false`; the counts are
 *   still reported.
 * - Integer arithmetic only for every comparison (thresholds, means), so no
 *   floating-point rounding decides a result.
 */
import { z } from 'zod';

export const pollKinds = ['yesno', 'single', 'multiple', 'ranked', 'score', 'budget'] as const;
export type PollKind = (typeof pollKinds)[number];

export const SCORE_MIN = 0;
export const SCORE_MAX = 5;

const optionId = z
  .string()
  .min(1, 'an option id is a non-empty string')
  .refine((id) => id !== '__proto__', 'an option id cannot be "__proto__"');
const optionIds = z
  .array(optionId)
  .min(2, 'a poll needs at least 2 options')
  .refine((ids) => new Set(ids).size === ids.length, 'option ids must be unique');

const settings = {
  /** Share (0..1) of `eligible` voters who must cast a ballot for the result to stand. */
  quorum: z.number().min(0).max(1).optional(),
  /** Number of eligible voters. */
  eligible: z.number().int().positive().optional(),
  ballots: z.array(z.unknown()),
};

const yesnoPoll = z.object({
  kind: z.literal('yesno'),
  threshold: z.enum(['majority', 'two-thirds']).default('majority'),
  ...settings,
});
const singlePoll = z.object({ kind: z.literal('single'), options: optionIds, ...settings });
const multiplePoll = z.object({
  kind: z.literal('multiple'),
  options: optionIds,
  /** Fewest picks on a ballot (default 1). */
  min: z.number().int().min(0).optional(),
  /** Most picks on a ballot (default: every option). */
  max: z.number().int().min(1).optional(),
  ...settings,
});
const rankedPoll = z.object({ kind: z.literal('ranked'), options: optionIds, ...settings });
const scorePoll = z.object({ kind: z.literal('score'), options: optionIds, ...settings });
const budgetPoll = z.object({
  kind: z.literal('budget'),
  options: z
    .array(z.object({ id: optionId, cost: z.number().int('a cost is a whole number of units').min(0) }))
    .min(2, 'a poll needs at least 2 options')
    .refine((os) => new Set(os.map((o) => o.id)).size === os.length, 'option ids must be unique'),
  /** Total that may be spent, in the same whole units as the costs. */
  budget: z.number().int('the budget is a whole number of units').positive(),
  ...settings,
});

/** A poll definition with its ballots: the input of {@link countPoll} and of the CLI file. */
export const pollSchema = z
  .discriminatedUnion('kind', [yesnoPoll, singlePoll, multiplePoll, rankedPoll, scorePoll, budgetPoll])
  .superRefine((poll, ctx) => {
    if (poll.quorum !== undefined && poll.eligible === undefined) {
      ctx.addIssue({ code: 'custom', path: ['eligible'], message: 'a quorum needs the number of eligible voters' });
    }
    if (poll.kind === 'multiple') {
      const min = poll.min ?? 1;
      const max = poll.max ?? poll.options.length;
      if (max > poll.options.length) ctx.addIssue({ code: 'custom', path: ['max'], message: `max (${max}) is more than the ${poll.options.length} options` });
      if (min > max) ctx.addIssue({ code: 'custom', path: ['min'], message: `min (${min}) is more than max (${max})` });
    }
  });

export type PollInput = z.input<typeof pollSchema>;
/** A parsed poll definition with its ballots (the wire poll is `Poll` in types.ts). */
export type PollDefinition = z.output<typeof pollSchema>;

/** Why a ballot was set aside. */
export type InvalidReason =
  | 'wrong shape'
  | 'unknown option'
  | 'duplicate option'
  | 'too few picks'
  | 'too many picks'
  | 'score out of range'
  | 'over budget';

export interface RoundTieBreak {
  /** The options tied for fewest votes in this round. */
  tied: string[];
  /** The rule that decided: see {@link countPoll} (ranked). */
  decidedBy: 'first preferences' | 'earliest differing round' | 'option order';
}

export interface PollResult {
  kind: PollKind;
  /** Quorum met (always true without a quorum). */
  valid: boolean;
  /** Ballots needed for the quorum (quorum x eligible, rounded up), null without a quorum. */
  quorumBallots: number | null;
  /** The winning option ids (yes/no: ["yes"] or ["no"]); empty below quorum or when nothing was counted. */
  winners: string[];
  /**
   * single, multiple: several options share first place (all in `winners`).
   * score: the winner was separated from the runner-up only by option order.
   * Always false for yesno, ranked and budget.
   */
  tied: boolean;
  /**
   * Votes per option, in option order. yesno: yes/no/abstain; single, multiple: votes;
   * ranked: first preferences (round 1); score: number of scores; budget: votes.
   */
  counts: Record<string, number>;
  /** Ballots cast, valid or not. */
  ballots: number;
  /** Invalid ballots (counted for turnout, not in the count). */
  invalid: number;
  /** Invalid ballots per reason. */
  invalidReasons: Partial<Record<InvalidReason, number>>;
  /** ballots / eligible, null when eligible is not given. */
  turnout: number | null;
  /** yesno: whether the motion passed. */
  passed?: boolean;
  /** yesno. */
  threshold?: 'majority' | 'two-thirds';
  /** ranked: votes per continuing option in each round. */
  rounds?: Record<string, number>[];
  /** ranked: exhausted ballots (no continuing option left on them) in each round. */
  exhaustedPerRound?: number[];
  /** ranked: the option eliminated in each round, null in the round that decided. */
  eliminated?: (string | null)[];
  /** ranked: how each elimination tie was broken, null where there was no tie. */
  tieBreaks?: (RoundTieBreak | null)[];
  /** ranked: exhausted ballots in the final round. */
  exhausted?: number;
  /** score: sum of scores per option. */
  sums?: Record<string, number>;
  /** score: mean score per option, null when nobody scored it. */
  means?: Record<string, number | null>;
  /** score: the options from first to last. */
  ranking?: string[];
  /** budget: why each option won or lost, in option order. */
  budgetReasons?: Record<string, string>;
  /** budget: the options in the order the greedy rule considered them. */
  order?: string[];
  /** budget: total cost of the winners. */
  spent?: number;
  /** budget: budget - spent. */
  remaining?: number;
}

/** A poll definition that does not parse. */
export class PollDefinitionError extends Error {
  override name = 'PollDefinitionError';
}

/** Parses a poll definition, throwing a {@link PollDefinitionError} that says what is wrong. */
export function parsePoll(input: unknown): PollDefinition {
  const parsed = pollSchema.safeParse(input);
  if (!parsed.success) throw new PollDefinitionError(`invalid poll definition:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

type Check<T> = { ok: true; value: T } | { ok: false; reason: InvalidReason };
const bad = (reason: InvalidReason): { ok: false; reason: InvalidReason } => ({ ok: false, reason });

/** A list of distinct known ids, with min..max entries. */
function checkPicks(ballot: unknown, known: ReadonlySet<string>, min: number, max: number): Check<string[]> {
  if (!Array.isArray(ballot) || !ballot.every((x): x is string => typeof x === 'string')) return bad('wrong shape');
  if (ballot.some((id) => !known.has(id))) return bad('unknown option');
  if (new Set(ballot).size !== ballot.length) return bad('duplicate option');
  if (ballot.length < min) return bad('too few picks');
  if (ballot.length > max) return bad('too many picks');
  return { ok: true, value: ballot };
}

function zeroCounts(ids: readonly string[]): Record<string, number> {
  return Object.fromEntries(ids.map((id) => [id, 0]));
}

/** Ids with the most votes (more than 0), in option order. */
function topOf(ids: readonly string[], counts: Record<string, number>): string[] {
  const best = Math.max(0, ...ids.map((id) => counts[id] ?? 0));
  return best === 0 ? [] : ids.filter((id) => counts[id] === best);
}

/**
 * Counts a poll. Throws {@link PollDefinitionError} on a bad definition; bad
 * ballots are counted as invalid.
 *
 * Valid ballots, per kind (anything else is invalid, with its reason):
 * - yesno: "yes", "no" or "abstain".
 * - single: one option id (a string).
 * - multiple: an array of distinct option ids, `min` (default 1) to `max`
 *   (default: every option) of them.
 * - ranked: an array of distinct option ids, most preferred first; at least
 *   one, and a partial ranking is fine.
 * - score: an object { id: score } with whole scores 0..5, at least one
 *   option scored; an option left out is unscored (not a 0).
 * - budget: an array of distinct option ids, at least one, whose total cost
 *   is at most the budget.
 *
 * Tie rules, per kind (the result page shows them):
 * - yesno: abstentions count for turnout, not for the threshold. "majority"
 *   passes when yes > half of (yes + no): a tie (yes = no) FAILS.
 *   "two-thirds" passes when yes >= 2/3 of (yes + no): exactly two thirds
 *   PASSES. With no yes or no vote at all the motion fails.
 * - single, multiple (approval): the most votes win; a tie for first is
 *   reported as a tie: `winners` lists every tied option (in option order)
 *   and `tied: true`. No option wins with 0 votes.
 * - ranked (instant run-off): in each round every valid ballot counts for its
 *   highest-ranked continuing option; a ballot with none left is exhausted.
 *   An option with more than half of the continuing (non-exhausted) ballots
 *   wins; otherwise the option with the fewest votes is eliminated. A tie for
 *   fewest is broken, in this order: (1) the option with fewer first
 *   preferences (round 1) is eliminated; (2) then the one with fewer votes in
 *   the EARLIEST round where the tied options' votes differ (looking forwards
 *   from round 2); (3) then the option listed LATER in `options`. One option is
 *   eliminated per round. When every ballot is exhausted there is no winner.
 * - score: options ranked by mean score (sum / number of scores; an unscored
 *   option has no mean and ranks last); equal means: more scores first, then
 *   option order. The first of the ranking wins; `tied` says the winner was
 *   separated from the next only by option order.
 * - budget (greedy participatory budgeting): options considered by votes
 *   (most first), equal votes by lower cost, then option order; each is funded
 *   while its cost fits the remaining budget, otherwise it loses and the next
 *   is tried. An option with no votes is never funded.
 */
export function countPoll(input: unknown): PollResult {
  const poll = parsePoll(input);
  const cast = poll.ballots.length;
  // Ballots needed: quorum x eligible rounded up (to 9 decimals first, so 0.3 x 10 is 3, not 3.0000000000000004).
  const quorumBallots = poll.quorum === undefined || poll.eligible === undefined ? null : Math.ceil(Number((poll.quorum * poll.eligible).toFixed(9)));
  const quorumMet = quorumBallots === null || cast >= quorumBallots;
  const turnout = poll.eligible === undefined ? null : cast / poll.eligible;

  const invalidReasons: Partial<Record<InvalidReason, number>> = {};
  let invalid = 0;
  /** The valid ballots, mapped by check; invalid ones tallied. */
  function validBallots<T>(check: (ballot: unknown) => Check<T>): T[] {
    const out: T[] = [];
    for (const ballot of poll.ballots) {
      const c = check(ballot);
      if (c.ok) out.push(c.value);
      else {
        invalid += 1;
        invalidReasons[c.reason] = (invalidReasons[c.reason] ?? 0) + 1;
      }
    }
    return out;
  }

  /** The common fields: call after validBallots, which tallies the invalid ballots. */
  const base = (): Pick<PollResult, 'kind' | 'valid' | 'quorumBallots' | 'ballots' | 'invalid' | 'invalidReasons' | 'turnout'> => ({
    kind: poll.kind,
    valid: quorumMet,
    quorumBallots,
    ballots: cast,
    invalid,
    invalidReasons: Object.fromEntries(Object.entries(invalidReasons).sort(([a], [b]) => (a < b ? -1 : 1))),
    turnout,
  });
  const unlessBelowQuorum = (winners: string[]) => (quorumMet ? winners : []);

  switch (poll.kind) {
    case 'yesno': {
      const votes = validBallots<'yes' | 'no' | 'abstain'>((b) =>
        b === 'yes' || b === 'no' || b === 'abstain' ? { ok: true, value: b } : bad('wrong shape'),
      );
      const counts = { yes: 0, no: 0, abstain: 0 };
      for (const v of votes) counts[v] += 1;
      const decided = counts.yes + counts.no;
      const meets = poll.threshold === 'majority' ? 2 * counts.yes > decided : 3 * counts.yes >= 2 * decided;
      const passed = quorumMet && decided > 0 && meets;
      return {
        ...base(),
        winners: unlessBelowQuorum([passed ? 'yes' : 'no']),
        tied: false,
        counts,
        passed,
        threshold: poll.threshold,
      };
    }

    case 'single': {
      const known = new Set(poll.options);
      const votes = validBallots<string>((b) =>
        typeof b !== 'string' ? bad('wrong shape') : known.has(b) ? { ok: true, value: b } : bad('unknown option'),
      );
      const counts = zeroCounts(poll.options);
      for (const v of votes) counts[v] = (counts[v] ?? 0) + 1;
      const top = topOf(poll.options, counts);
      return { ...base(), winners: unlessBelowQuorum(top), tied: quorumMet && top.length > 1, counts };
    }

    case 'multiple': {
      const known = new Set(poll.options);
      const min = poll.min ?? 1;
      const max = poll.max ?? poll.options.length;
      const votes = validBallots((b) => checkPicks(b, known, min, max));
      const counts = zeroCounts(poll.options);
      for (const picks of votes) for (const id of picks) counts[id] = (counts[id] ?? 0) + 1;
      const top = topOf(poll.options, counts);
      return { ...base(), winners: unlessBelowQuorum(top), tied: quorumMet && top.length > 1, counts };
    }

    case 'ranked': {
      const known = new Set(poll.options);
      const rankings = validBallots((b) => checkPicks(b, known, 1, poll.options.length));
      return { ...base(), ...countRanked(poll.options, rankings, quorumMet) };
    }

    case 'score': {
      const known = new Set(poll.options);
      const votes = validBallots<[string, number][]>((b) => {
        if (typeof b !== 'object' || b === null || Array.isArray(b)) return bad('wrong shape');
        const entries = Object.entries(b as Record<string, unknown>);
        if (entries.length === 0) return bad('too few picks');
        if (entries.some(([id]) => !known.has(id))) return bad('unknown option');
        if (entries.some(([, s]) => typeof s !== 'number')) return bad('wrong shape');
        if (entries.some(([, s]) => !Number.isInteger(s) || (s as number) < SCORE_MIN || (s as number) > SCORE_MAX)) return bad('score out of range');
        return { ok: true, value: entries as [string, number][] };
      });
      const counts = zeroCounts(poll.options);
      const sums = zeroCounts(poll.options);
      for (const entries of votes) {
        for (const [id, s] of entries) {
          counts[id] = (counts[id] ?? 0) + 1;
          sums[id] = (sums[id] ?? 0) + s;
        }
      }
      const means = Object.fromEntries(poll.options.map((id) => [id, counts[id] ? (sums[id] ?? 0) / (counts[id] ?? 1) : null]));
      const order = new Map(poll.options.map((id, i) => [id, i]));
      // Negative when a ranks before b. Means compared as fractions, exactly.
      const byMean = (a: string, b: string): number => {
        const na = counts[a] ?? 0, nb = counts[b] ?? 0;
        if (na === 0 || nb === 0) return nb - na; // unscored last
        return (sums[b] ?? 0) * na - (sums[a] ?? 0) * nb;
      };
      const cmp = (a: string, b: string): number =>
        byMean(a, b) || (counts[b] ?? 0) - (counts[a] ?? 0) || (order.get(a) ?? 0) - (order.get(b) ?? 0);
      const ranking = [...poll.options].sort(cmp);
      const [first, second] = ranking;
      const hasWinner = first !== undefined && (counts[first] ?? 0) > 0;
      const tied = quorumMet && hasWinner && second !== undefined && byMean(first, second) === 0 && counts[first] === counts[second];
      return {
        ...base(),
        winners: unlessBelowQuorum(hasWinner && first !== undefined ? [first] : []),
        tied,
        counts,
        sums,
        means,
        ranking,
      };
    }

    case 'budget': {
      const known = new Set(poll.options.map((o) => o.id));
      const cost = new Map(poll.options.map((o) => [o.id, o.cost]));
      const votes = validBallots((b) => {
        const c = checkPicks(b, known, 1, poll.options.length);
        if (!c.ok) return c;
        const total = c.value.reduce((sum, id) => sum + (cost.get(id) ?? 0), 0);
        return total > poll.budget ? bad('over budget') : c;
      });
      const ids = poll.options.map((o) => o.id);
      const counts = zeroCounts(ids);
      for (const picks of votes) for (const id of picks) counts[id] = (counts[id] ?? 0) + 1;
      const index = new Map(ids.map((id, i) => [id, i]));
      const order = [...ids].sort(
        (a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || (cost.get(a) ?? 0) - (cost.get(b) ?? 0) || (index.get(a) ?? 0) - (index.get(b) ?? 0),
      );
      let remaining = poll.budget;
      const winners: string[] = [];
      const reasons: Record<string, string> = {};
      for (const id of order) {
        const c = cost.get(id) ?? 0;
        if (!quorumMet) reasons[id] = 'lost: below quorum';
        else if ((counts[id] ?? 0) === 0) reasons[id] = 'lost: no votes';
        else if (c > remaining) reasons[id] = `lost: did not fit (cost ${c} > remaining budget ${remaining})`;
        else {
          reasons[id] = 'won';
          winners.push(id);
          remaining -= c;
        }
      }
      return {
        ...base(),
        winners,
        tied: false,
        counts,
        budgetReasons: Object.fromEntries(ids.map((id) => [id, reasons[id] ?? ''])),
        order,
        spent: poll.budget - remaining,
        remaining,
      };
    }
  }
}

/** Instant run-off over valid ballots (distinct known ids, most preferred first). */
function countRanked(
  options: readonly string[],
  ballots: readonly string[][],
  quorumMet: boolean,
): Pick<PollResult, 'winners' | 'tied' | 'counts' | 'rounds' | 'exhaustedPerRound' | 'eliminated' | 'tieBreaks' | 'exhausted'> {
  const continuing = new Set(options);
  const rounds: Record<string, number>[] = [];
  const exhaustedPerRound: number[] = [];
  const eliminated: (string | null)[] = [];
  const tieBreaks: (RoundTieBreak | null)[] = [];
  const position = new Map(options.map((id, i) => [id, i]));
  let winner: string | null = null;

  while (continuing.size > 0) {
    const live = options.filter((id) => continuing.has(id));
    const tally = zeroCounts(live);
    let exhausted = 0;
    for (const ballot of ballots) {
      const choice = ballot.find((id) => continuing.has(id));
      if (choice === undefined) exhausted += 1;
      else tally[choice] = (tally[choice] ?? 0) + 1;
    }
    rounds.push(tally);
    exhaustedPerRound.push(exhausted);
    const active = ballots.length - exhausted;
    const leader = live.find((id) => 2 * (tally[id] ?? 0) > active);
    if (active === 0 || leader !== undefined) {
      winner = leader ?? null;
      eliminated.push(null);
      tieBreaks.push(null);
      break;
    }
    // Fewest votes this round; ties broken by the documented rule.
    const fewest = Math.min(...live.map((id) => tally[id] ?? 0));
    let tied = live.filter((id) => tally[id] === fewest);
    let decidedBy: RoundTieBreak['decidedBy'] | null = null;
    const narrow = (round: Record<string, number>): boolean => {
      const low = Math.min(...tied.map((id) => round[id] ?? 0));
      const next = tied.filter((id) => (round[id] ?? 0) === low);
      const changed = next.length < tied.length;
      tied = next;
      return changed;
    };
    const all = tied;
    if (tied.length > 1) {
      if (narrow(rounds[0] ?? {})) decidedBy = 'first preferences';
      for (let r = 1; tied.length > 1 && r < rounds.length; r++) if (narrow(rounds[r] ?? {})) decidedBy = 'earliest differing round';
      if (tied.length > 1) {
        tied = [[...tied].sort((a, b) => (position.get(b) ?? 0) - (position.get(a) ?? 0))[0] ?? ''];
        decidedBy = 'option order';
      }
    }
    const out = tied[0] ?? '';
    continuing.delete(out);
    eliminated.push(out);
    tieBreaks.push(decidedBy === null ? null : { tied: all, decidedBy });
  }

  return {
    winners: quorumMet && winner !== null ? [winner] : [],
    tied: false,
    counts: rounds[0] ?? zeroCounts(options),
    rounds,
    exhaustedPerRound,
    eliminated,
    tieBreaks,
    exhausted: exhaustedPerRound.at(-1) ?? 0,
  };
}
