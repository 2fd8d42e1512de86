/**
 * Decisions in the query cache: the keys (all under ['decisions', communityId]), the
 * queries, and the pure patches live pushes apply.
 */
import { queryOptions } from '@tanstack/react-query';
import type { ActionItem, Decision, EventInput, EventResults, ProgressEntry } from '@linli/shared';
import { requestData, socketQueryFn } from '../../lib/query';

export type DecisionListFilter = Omit<EventInput<'decision:list'>, 'communityId' | 'limit'>;
export type DecisionListData = EventResults['decision:list'];
export type DecisionDetail = EventResults['decision:get'];

export const decisionKeys = {
  all: (communityId: string) => ['decisions', communityId] as const,
  lists: (communityId: string) => ['decisions', communityId, 'list'] as const,
  list: (communityId: string, filter: DecisionListFilter) => ['decisions', communityId, 'list', filter] as const,
  detail: (communityId: string, decisionId: string) => ['decisions', communityId, 'detail', decisionId] as const,
  overdue: (communityId: string) => ['decisions', communityId, 'overdue'] as const,
};

/** Decisions per page of the board (it loads more as you scroll). */
export const DECISION_PAGE = 20;

/** The newest page of a list; the back-link lists (few decisions) ask for the server's default page. */
export const decisionListQuery = (communityId: string, filter: DecisionListFilter, limit?: number) =>
  queryOptions({ queryKey: decisionKeys.list(communityId, filter), queryFn: socketQueryFn('decision:list', { communityId, ...filter, ...(limit ? { limit } : {}) }) });

/** The page after `last` (numbers only grow, so new decisions never shift it). */
export const decisionPageAfter = (communityId: string, filter: DecisionListFilter, last: Decision) =>
  requestData('decision:list', { communityId, ...filter, beforeNumber: last.number, limit: DECISION_PAGE });

export const decisionQuery = (communityId: string, decisionId: string) =>
  queryOptions({ queryKey: decisionKeys.detail(communityId, decisionId), queryFn: socketQueryFn('decision:get', { decisionId }) });

export const overdueItemsQuery = (communityId: string) =>
  queryOptions({ queryKey: decisionKeys.overdue(communityId), queryFn: socketQueryFn('decision:overdue', { communityId }) });

/** Whether a decision belongs in a list with this filter, as the server decides. */
export function matchesFilter(decision: Decision, filter: DecisionListFilter): boolean {
  if (filter.state && filter.state !== 'all' && decision.state !== filter.state) return false;
  if (filter.issueId && !decision.issues.some((ref) => ref.issueId === filter.issueId)) return false;
  if (filter.deliberationId && decision.deliberation?.deliberationId !== filter.deliberationId) return false;
  if (filter.pollId && decision.poll?.pollId !== filter.pollId) return false;
  return true;
}

/** A pushed decision in one cached list: replaced, added (newest first) or dropped; an older version never wins. */
export function patchList(list: DecisionListData | undefined, decision: Decision, filter: DecisionListFilter): DecisionListData | undefined {
  if (!list) return list;
  const old = list.items.find((item) => item.id === decision.id);
  if (old && old.version > decision.version) return list;
  const rest = list.items.filter((item) => item.id !== decision.id);
  if (!matchesFilter(decision, filter)) return old ? { items: rest } : list;
  return { items: [...rest, decision].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
}

export function patchDecision(detail: DecisionDetail | undefined, decision: Decision): DecisionDetail | undefined {
  if (!detail || detail.decision.id !== decision.id || detail.decision.version > decision.version) return detail;
  return { ...detail, decision };
}

export function patchItem(detail: DecisionDetail | undefined, item: ActionItem): DecisionDetail | undefined {
  if (!detail || detail.decision.id !== item.decisionId) return detail;
  const old = detail.items.find((candidate) => candidate.id === item.id);
  if (old && old.version > item.version) return detail;
  const items = old ? detail.items.map((candidate) => (candidate.id === item.id ? item : candidate)) : [...detail.items, item];
  return { ...detail, items };
}

export function appendEntry(detail: DecisionDetail | undefined, entry: ProgressEntry): DecisionDetail | undefined {
  if (!detail || detail.decision.id !== entry.decisionId || detail.progress.some((item) => item.id === entry.id)) return detail;
  return { ...detail, progress: [...detail.progress, entry].sort((a, b) => a.at.localeCompare(b.at)) };
}
