/**
 * A ballot being filled in, per poll kind, and what the ballot screens need to know about
 * it: whether it may be cast (the same rules as shared/src/polls/counting.ts, so the UI
 * never lets a resident cast a ballot the count would set aside), and the wire shape.
 */
import { SCORE_MAX, SCORE_MIN, type Poll, type PollKind } from '@linli/shared';

export type YesNoChoice = 'yes' | 'no' | 'abstain';
export const yesNoChoices: readonly YesNoChoice[] = ['yes', 'no', 'abstain'];
export const scoreValues: readonly number[] = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);

/** An option as a ballot screen shows it. */
export interface BallotOption {
  id: string;
  label: string;
  /** Budget polls: what funding it costs, in whole units. */
  cost?: number;
}

/** What a ballot screen needs of the poll. */
export interface BallotRules {
  kind: PollKind;
  options: readonly BallotOption[];
  /** multiple: fewest picks (default 1). */
  min?: number | null;
  /** multiple: most picks (default every option). */
  max?: number | null;
  /** budget: the total that may be spent. */
  budget?: number | null;
}

export type Draft =
  | { kind: 'yesno'; choice: YesNoChoice | null }
  | { kind: 'single'; choice: string | null }
  | { kind: 'multiple'; picks: string[] }
  | { kind: 'ranked'; order: string[] }
  | { kind: 'score'; scores: Record<string, number> }
  | { kind: 'budget'; picks: string[] };

/** The ballot as counted (counting.ts): "yes"; an option id; ids; { id: score }. */
export type BallotValue = YesNoChoice | string | string[] | Record<string, number>;

export function emptyDraft(kind: PollKind): Draft {
  switch (kind) {
    case 'yesno':
      return { kind, choice: null };
    case 'single':
      return { kind, choice: null };
    case 'multiple':
      return { kind, picks: [] };
    case 'ranked':
      return { kind, order: [] };
    case 'score':
      return { kind, scores: {} };
    case 'budget':
      return { kind, picks: [] };
  }
}

export const pickLimits = (rules: BallotRules): { min: number; max: number } => ({
  min: rules.min ?? 1,
  max: rules.max ?? rules.options.length,
});

/** Total cost of the picked options. */
export function spentOf(rules: BallotRules, picks: readonly string[]): number {
  const cost = new Map(rules.options.map((option) => [option.id, option.cost ?? 0]));
  return picks.reduce((sum, id) => sum + (cost.get(id) ?? 0), 0);
}

/** Why a draft cannot be cast yet (a locale key under poll.ballot.problems), or null when it can. */
export type DraftProblem = 'choose' | 'tooFew' | 'tooMany' | 'rankOne' | 'scoreOne' | 'pickOne' | 'overBudget';

export function draftProblem(rules: BallotRules, draft: Draft): DraftProblem | null {
  switch (draft.kind) {
    case 'yesno':
    case 'single':
      return draft.choice === null ? 'choose' : null;
    case 'multiple': {
      const { min, max } = pickLimits(rules);
      if (draft.picks.length < Math.max(min, 1)) return draft.picks.length === 0 && min <= 1 ? 'choose' : 'tooFew';
      return draft.picks.length > max ? 'tooMany' : null;
    }
    case 'ranked':
      return draft.order.length === 0 ? 'rankOne' : null;
    case 'score':
      return Object.keys(draft.scores).length === 0 ? 'scoreOne' : null;
    case 'budget':
      if (draft.picks.length === 0) return 'pickOne';
      return rules.budget != null && spentOf(rules, draft.picks) > rules.budget ? 'overBudget' : null;
  }
}

/** The wire ballot of a complete draft, options in the poll's order where order does not matter. */
export function toBallot(rules: BallotRules, draft: Draft): BallotValue {
  const inOptionOrder = (ids: readonly string[]) => rules.options.map((o) => o.id).filter((id) => ids.includes(id));
  switch (draft.kind) {
    case 'yesno':
      return draft.choice ?? 'abstain';
    case 'single':
      return draft.choice ?? '';
    case 'multiple':
    case 'budget':
      return inOptionOrder(draft.picks);
    case 'ranked':
      return [...draft.order];
    case 'score':
      return Object.fromEntries(inOptionOrder(Object.keys(draft.scores)).map((id) => [id, draft.scores[id] ?? 0]));
  }
}

/** A draft filled from a ballot already cast (vote change starts from the previous choice). */
export function draftFromBallot(kind: PollKind, ballot: unknown): Draft {
  const strings = Array.isArray(ballot) ? ballot.filter((x): x is string => typeof x === 'string') : [];
  switch (kind) {
    case 'yesno':
      return { kind, choice: ballot === 'yes' || ballot === 'no' || ballot === 'abstain' ? ballot : null };
    case 'single':
      return { kind, choice: typeof ballot === 'string' ? ballot : null };
    case 'multiple':
      return { kind, picks: strings };
    case 'ranked':
      return { kind, order: strings };
    case 'budget':
      return { kind, picks: strings };
    case 'score': {
      const scores: Record<string, number> = {};
      if (ballot && typeof ballot === 'object' && !Array.isArray(ballot)) {
        for (const [id, value] of Object.entries(ballot as Record<string, unknown>)) if (typeof value === 'number') scores[id] = value;
      }
      return { kind, scores };
    }
  }
}

/** Moves one entry of a list by `by` places (ranked ballots: up is -1). */
export function moveEntry<T>(list: readonly T[], index: number, by: number): T[] {
  const target = index + by;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** What a ballot screen needs of a wire poll. */
export function rulesOf(poll: Pick<Poll, 'kind' | 'options' | 'min' | 'max' | 'budget'>): BallotRules {
  return {
    kind: poll.kind,
    options: poll.options.map((option) => (option.cost === null ? { id: option.id, label: option.label } : { id: option.id, label: option.label, cost: option.cost })),
    min: poll.min,
    max: poll.max,
    budget: poll.budget,
  };
}
