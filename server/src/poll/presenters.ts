import { countPoll, type BallotChoice, type Poll, type PollInput, type PollResult } from '@linli/shared';
import { iso } from '../lib/dates.js';
import type { MembershipDoc } from '../members/member.model.js';
import type { PollDoc } from './poll.model.js';

/** Labels of the yes/no choices (the result page and the outcome line). */
export const YES_NO_LABELS: Record<string, string> = { yes: '赞成', no: '反对', abstain: '弃权' };

export function presentPoll(doc: PollDoc, turnout: { ballots: number; eligible: number }): Poll {
  return {
    id: doc._id.toString(),
    communityId: doc.communityId.toString(),
    number: doc.number,
    title: doc.title,
    description: doc.description ?? '',
    kind: doc.kind,
    options: (doc.options ?? []).map((o) => ({ id: o.id, label: o.label, cost: o.cost ?? null })),
    min: doc.min ?? null,
    max: doc.max ?? null,
    budget: doc.budget ?? null,
    threshold: doc.threshold ?? null,
    quorum: doc.quorum ?? null,
    eligibility: doc.eligibility,
    visibility: doc.visibility,
    ballot: doc.ballot,
    allowChange: doc.allowChange,
    opensAt: doc.opensAt.toISOString(),
    closesAt: doc.closesAt.toISOString(),
    state: doc.state,
    deliberationId: doc.deliberationId?.toString() ?? null,
    minDeliberationHours: doc.minDeliberationHours ?? 0,
    issueIds: (doc.issueIds ?? []).map((id) => id.toString()),
    frozen: !!doc.frozen,
    turnout,
    createdById: doc.createdById.toString(),
    createdByName: doc.createdByName,
    closedAt: iso(doc.closedAt),
    closedEarlyByName: doc.closedEarlyByName ?? null,
    outcome: doc.state === 'closed' ? (doc.outcome ?? null) : null,
    version: doc.version ?? 0,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** Option labels by id (yes/no: 赞成 / 反对 / 弃权). */
export function labelsOf(doc: Pick<PollDoc, 'kind' | 'options'>): Record<string, string> {
  if (doc.kind === 'yesno') return { ...YES_NO_LABELS };
  return Object.fromEntries((doc.options ?? []).map((o) => [o.id, o.label]));
}

/** A household's key: building, unit and room as recorded, trimmed, spaces dropped, case folded. */
export function householdKey(household: { building: string; unit: string; room: string }): string {
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  return `${norm(household.building)}|${norm(household.unit)}|${norm(household.room)}`;
}

/** Voters eligible under a setting among these active memberships (moderators count once, like everyone). */
export function eligibleAmong(memberships: readonly MembershipDoc[], eligibility: PollDoc['eligibility']): number {
  if (eligibility === 'members') return memberships.length;
  const verified = memberships.filter((m) => m.household?.status === 'verified');
  if (eligibility === 'verified') return verified.length;
  return new Set(verified.map((m) => householdKey(m.household!))).size;
}

/**
 * The counting input (counting.ts) of a poll and its ballots: `npm run poll -- count`
 * reads the same. eligible 0 (nobody eligible) leaves out eligible and quorum.
 */
export function definitionOf(doc: Pick<PollDoc, 'kind' | 'options' | 'min' | 'max' | 'budget' | 'threshold' | 'quorum'>, eligible: number, ballots: unknown[]): PollInput {
  const common = {
    ballots,
    ...(eligible > 0 ? { eligible } : {}),
    ...(eligible > 0 && doc.quorum != null ? { quorum: doc.quorum } : {}),
  };
  const ids = (doc.options ?? []).map((o) => o.id);
  switch (doc.kind) {
    case 'yesno':
      return { kind: 'yesno', threshold: doc.threshold ?? 'majority', ...common };
    case 'multiple':
      return { kind: 'multiple', options: ids, ...(doc.min != null ? { min: doc.min } : {}), ...(doc.max != null ? { max: doc.max } : {}), ...common };
    case 'budget':
      return { kind: 'budget', options: (doc.options ?? []).map((o) => ({ id: o.id, cost: o.cost ?? 0 })), budget: doc.budget ?? 1, ...common };
    case 'single':
    case 'ranked':
    case 'score':
      return { kind: doc.kind, options: ids, ...common };
  }
}

/** A ballot's canonical text: the same choice always gives the same string (sorting, comparing). */
export function choiceKey(choice: unknown): string {
  if (choice && typeof choice === 'object' && !Array.isArray(choice)) {
    return JSON.stringify(Object.fromEntries(Object.entries(choice as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  }
  return JSON.stringify(choice);
}

/** Ballots in a canonical order (never storage or vote order). */
export const sortedChoices = (choices: readonly BallotChoice[]): BallotChoice[] =>
  choices
    .map((choice) => [choiceKey(choice), choice] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, choice]) => choice);

/** countPoll over the ballots, as the result page shows it. */
export const tallyOf = (doc: PollDoc, eligible: number, choices: unknown[]): PollResult => countPoll(definitionOf(doc, Math.max(eligible, choices.length), choices));

const percent = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;

/** The short human summary of a closed poll (zh-CN): "通过（赞成 62%）", "胜出：方案B". */
export function outcomeOf(doc: Pick<PollDoc, 'kind' | 'options' | 'budget'>, result: PollResult): string {
  const labels = labelsOf(doc);
  const names = (ids: string[]) => ids.map((id) => labels[id] ?? id).join('、');
  if (!result.valid) return `无效（未达最低投票率：${result.ballots} 票，需 ${result.quorumBallots ?? 0} 票）`;
  switch (result.kind) {
    case 'yesno': {
      const yes = result.counts.yes ?? 0;
      const decided = yes + (result.counts.no ?? 0);
      if (decided === 0) return '未通过（无赞成或反对票）';
      return `${result.passed ? '通过' : '未通过'}（赞成 ${percent(yes, decided)}）`;
    }
    case 'single':
    case 'multiple':
      if (result.winners.length === 0) return '无结果（无有效票）';
      return result.tied ? `并列第一：${names(result.winners)}` : `胜出：${names(result.winners)}`;
    case 'ranked':
      if (result.winners.length === 0) return '无结果（选票均已用尽）';
      return `胜出：${names(result.winners)}（第 ${result.rounds?.length ?? 1} 轮）`;
    case 'score': {
      const [winner] = result.winners;
      if (winner === undefined) return '无结果（无评分）';
      const mean = result.means?.[winner];
      return `胜出：${names([winner])}${mean == null ? '' : `（平均 ${mean.toFixed(1)} 分）`}`;
    }
    case 'budget':
      if (result.winners.length === 0) return '无项目入选';
      return `入选：${names(result.winners)}（${result.spent ?? 0} / ${doc.budget ?? 0}）`;
  }
}
