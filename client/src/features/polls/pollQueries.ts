/**
 * Polls in the query cache: the queries, and the pure patches that pushes (poll:saved,
 * poll:tally, poll:closed) apply to cached lists and open polls. Keys start with
 * ['polls', communityId] so one prefix reaches every poll query of a community.
 */
import { queryOptions } from '@tanstack/react-query';
import type { EventResults, Poll, PollLive, PollResult } from '@linli/shared';
import { requestData, socketQueryFn } from '../../lib/query';

export type PollListData = EventResults['poll:list'];
export type PollDetail = EventResults['poll:get'];
export type PollResultData = EventResults['poll:result'];

/** Back-link filters of poll:list. */
export interface PollListFilter {
  deliberationId?: string;
  issueId?: string;
}

export const pollKeys = {
  all: (communityId: string) => ['polls', communityId] as const,
  lists: (communityId: string) => ['polls', communityId, 'list'] as const,
  list: (communityId: string, filter: PollListFilter) => ['polls', communityId, 'list', filter] as const,
  detail: (communityId: string, pollId: string) => ['polls', communityId, 'detail', pollId] as const,
  result: (communityId: string, pollId: string) => ['polls', communityId, 'result', pollId] as const,
  deliberations: (communityId: string) => ['polls', communityId, 'deliberations'] as const,
  issues: (communityId: string) => ['polls', communityId, 'issues'] as const,
};

/** Polls per page of the list (it loads more as you scroll). */
export const POLL_PAGE = 20;

/** The newest page of a list; the back-link lists (few polls) ask for the server's default page. */
export const pollListQuery = (communityId: string, filter: PollListFilter = {}, limit?: number) =>
  queryOptions({
    queryKey: pollKeys.list(communityId, filter),
    queryFn: socketQueryFn('poll:list', { communityId, state: 'all', ...filter, ...(limit ? { limit } : {}) }),
  });

/** The page after `last` (numbers only grow, so new polls never shift it). */
export const pollPageAfter = (communityId: string, last: Poll) => requestData('poll:list', { communityId, state: 'all', beforeNumber: last.number, limit: POLL_PAGE });

/** Joins a further page's "voted" marks onto the list. */
export const mergePollPage = (list: PollListData, page: PollListData): PollListData => ({ ...list, voted: [...new Set([...list.voted, ...page.voted])] });

export const pollQuery = (communityId: string, pollId: string) =>
  queryOptions({ queryKey: pollKeys.detail(communityId, pollId), queryFn: socketQueryFn('poll:get', { pollId }) });

export const pollResultQuery = (communityId: string, pollId: string) =>
  queryOptions({ queryKey: pollKeys.result(communityId, pollId), queryFn: socketQueryFn('poll:result', { pollId }) });

/** Deliberations a poll may follow (the form's picker, the page's link). */
export const deliberationChoicesQuery = (communityId: string) =>
  queryOptions({
    queryKey: pollKeys.deliberations(communityId),
    queryFn: async () => (await socketQueryFn('deliberation:list', { communityId, state: 'all' })()).items,
  });

/** Recent problem reports a poll may decide on (the form's picker). */
export const issueChoicesQuery = (communityId: string) =>
  queryOptions({
    queryKey: pollKeys.issues(communityId),
    queryFn: async () => (await socketQueryFn('issue:list', { communityId, status: 'all', sort: 'newest', limit: 100 })()).items,
  });

/** Whether a pushed poll belongs in a list with this back-link filter. */
function matches(poll: Poll, filter: PollListFilter): boolean {
  if (filter.deliberationId && poll.deliberationId !== filter.deliberationId) return false;
  if (filter.issueId && !poll.issueIds.includes(filter.issueId)) return false;
  return true;
}

/** A pushed poll in one cached list: replaced (unless older), added where it belongs, newest number first. */
export function patchList(list: PollListData | undefined, poll: Poll, filter: PollListFilter): PollListData | undefined {
  if (!list) return list;
  const current = list.items.find((item) => item.id === poll.id);
  if (current && current.version > poll.version) return list;
  const rest = list.items.filter((item) => item.id !== poll.id);
  if (!matches(poll, filter)) return current ? { ...list, items: rest } : list;
  return { ...list, items: [...rest, keepTurnout(poll, current)].sort((a, b) => b.number - a.number) };
}

/** Turnout moves without a version bump (tally pushes): never step it backwards. */
function keepTurnout(poll: Poll, current: Poll | undefined): Poll {
  if (!current || current.turnout.ballots <= poll.turnout.ballots || current.version !== poll.version) return poll;
  return { ...poll, turnout: current.turnout };
}

/** The open poll after a poll:saved push. */
export function patchDetail(detail: PollDetail | undefined, poll: Poll): PollDetail | undefined {
  if (!detail || detail.poll.id !== poll.id || detail.poll.version > poll.version) return detail;
  return { ...detail, poll: keepTurnout(poll, detail.poll) };
}

/** The open poll after live numbers (poll:watch answer, poll:tally push). A closed poll keeps its frozen result. */
export function applyLive(detail: PollDetail | undefined, live: PollLive): PollDetail | undefined {
  if (!detail || detail.poll.id !== live.pollId || detail.poll.state === 'closed') return detail;
  return { ...detail, poll: { ...detail.poll, state: live.state, turnout: live.turnout }, tally: live.tally };
}

/** The open poll once it closed: its frozen result. */
export function applyClosed(detail: PollDetail | undefined, poll: Poll, result: PollResult): PollDetail | undefined {
  if (!detail || detail.poll.id !== poll.id) return detail;
  return { ...detail, poll, tally: result };
}
