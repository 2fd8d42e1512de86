/**
 * Quiz scoring and ranking: the rule the server applies and the page states.
 *
 * - An answer scores the question's points when its chosen options are exactly the
 *   correct ones (a multiple-choice question is all or nothing), 0 otherwise.
 * - An answer that reaches the server after its deadline scores 0.
 * - Time of an answer: from the moment the server handed out the question to the
 *   answer, at most up to the deadline; an attempt's time is the sum.
 * - Ranking: more points first; equal points: less total time first; still equal: the
 *   earlier finished attempt first (the order in which the server stored the finishes).
 */

/** Points an answer earns. */
export function scoreAnswer(question: { correct: readonly number[]; points: number }, choice: readonly number[], late: boolean): number {
  if (late) return 0;
  const chosen = [...new Set(choice)].sort((a, b) => a - b);
  const correct = [...new Set(question.correct)].sort((a, b) => a - b);
  if (chosen.length !== correct.length) return 0;
  return chosen.every((option, i) => option === correct[i]) ? question.points : 0;
}

/** Milliseconds an answer took: served -> answered, capped at the deadline, never negative. */
export function answerMs(servedAt: number, answeredAt: number, deadline: number): number {
  return Math.max(0, Math.min(answeredAt, deadline) - servedAt);
}

export interface RankedAttempt {
  score: number;
  totalMs: number;
  /** 1 for the first finished attempt of the quiz, 2 for the next... */
  finishOrder: number;
}

/** Sorts finished attempts by the ranking rule (a copy); rank = index + 1 (no shared ranks). */
export function rankAttempts<T extends RankedAttempt>(attempts: readonly T[]): T[] {
  return [...attempts].sort((a, b) => b.score - a.score || a.totalMs - b.totalMs || a.finishOrder - b.finishOrder);
}

/** The prize of a rank, from the first band that holds it. */
export function prizeForRank(prizes: readonly { fromRank: number; toRank: number; name: string }[], rank: number): string | null {
  return prizes.find((band) => band.fromRank <= rank && rank <= band.toRank)?.name ?? null;
}
