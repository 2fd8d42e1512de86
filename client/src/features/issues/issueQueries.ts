/**
 * Problem reports in the query cache: the queries, the list filters, and the
 * pure patches that live pushes apply to cached lists and open issues.
 */
import { queryOptions } from '@tanstack/react-query';
import {
  closedIssueStates,
  openIssueStates,
  type EventInput,
  type EventResults,
  type Issue,
  type IssueState,
  type IssueTimelineEntry,
} from '@linli/shared';
import { queryKeys, requestData, socketQueryFn } from '../../lib/query';

export type IssueStatusFilter = 'open' | 'closed' | 'all' | IssueState;
export type IssueSort = 'newest' | 'support' | 'deadline';

/** What a list shows: the `issue:list` payload without the community and paging. */
export interface IssueFilter {
  status: IssueStatusFilter;
  categoryId?: string;
  organisationId?: string;
  mine?: boolean;
  supported?: boolean;
  overdue?: boolean;
  sort: IssueSort;
}

export type IssueListData = EventResults['issue:list'];
export type IssueDetail = EventResults['issue:get'];

export const PAGE_SIZE = 30;

export function listPayload(communityId: string, filter: IssueFilter, extra: { beforeNumber?: number; limit?: number } = {}): EventInput<'issue:list'> {
  const payload: EventInput<'issue:list'> = { communityId, status: filter.status, sort: filter.sort, limit: extra.limit ?? PAGE_SIZE };
  if (filter.categoryId) payload.categoryId = filter.categoryId;
  if (filter.organisationId) payload.organisationId = filter.organisationId;
  if (filter.mine) payload.mine = true;
  if (filter.supported) payload.supported = true;
  if (filter.overdue) payload.overdue = true;
  if (extra.beforeNumber !== undefined) payload.beforeNumber = extra.beforeNumber;
  return payload;
}

export const issueListQuery = (communityId: string, filter: IssueFilter) =>
  queryOptions({
    queryKey: queryKeys.issueList(communityId, filter),
    queryFn: socketQueryFn('issue:list', listPayload(communityId, filter)),
  });

export const issueQuery = (communityId: string, issueId: string) =>
  queryOptions({ queryKey: queryKeys.issue(communityId, issueId), queryFn: socketQueryFn('issue:get', { issueId }) });

export const categoriesQuery = (communityId: string, includeArchived: boolean) =>
  queryOptions({
    queryKey: queryKeys.issueCategories(communityId, includeArchived),
    queryFn: socketQueryFn('issue:categories', { communityId, includeArchived }),
  });

export const figuresQuery = (communityId: string, from: string, to: string) =>
  queryOptions({ queryKey: queryKeys.issueFigures(communityId, from, to), queryFn: () => requestData('issue:figures', { communityId, from, to }) });

const closedOrResolved: readonly IssueState[] = [...closedIssueStates, 'resolved'];

/** Whether an issue belongs in a list with this filter, as the server would decide. */
export function matchesFilter(issue: Issue, filter: IssueFilter, me: string, supported: readonly string[]): boolean {
  if (filter.status === 'open' && !openIssueStates.includes(issue.state)) return false;
  if (filter.status === 'closed' && !closedOrResolved.includes(issue.state)) return false;
  if (filter.status !== 'open' && filter.status !== 'closed' && filter.status !== 'all' && issue.state !== filter.status) return false;
  if (filter.categoryId && issue.categoryId !== filter.categoryId) return false;
  if (filter.organisationId && !issue.assignments.some((assignment) => assignment.organisationId === filter.organisationId)) return false;
  if (filter.mine && issue.reporterId !== me) return false;
  if (filter.supported && !supported.includes(issue.id)) return false;
  if (filter.overdue && issue.overdueLevel < 1) return false;
  return true;
}

/** The server's order for a sort (MongoDB puts a missing resolveBy first when ascending). */
export function compareIssues(sort: IssueSort): (a: Issue, b: Issue) => number {
  if (sort === 'support') return (a, b) => b.supportCount - a.supportCount || b.number - a.number;
  if (sort === 'deadline')
    return (a, b) => (a.resolveBy ?? '').localeCompare(b.resolveBy ?? '') || a.respondBy.localeCompare(b.respondBy) || a.number - b.number;
  return (a, b) => b.number - a.number;
}

/**
 * A pushed issue applied to one cached list: replaced where it is, added where it now
 * belongs, dropped where it no longer does. An older version never replaces a newer one.
 * A new issue past the loaded page (newest sort, older than the last one) is left to "load more".
 */
export function patchList(list: IssueListData | undefined, issue: Issue, filter: IssueFilter, me: string): IssueListData | undefined {
  if (!list) return list;
  const index = list.items.findIndex((item) => item.id === issue.id);
  if (index !== -1 && list.items[index]!.version > issue.version) return list;
  const belongs = matchesFilter(issue, filter, me, list.supported);
  const rest = list.items.filter((item) => item.id !== issue.id);
  if (!belongs) return index === -1 ? list : { ...list, items: rest };
  const last = list.items.at(-1);
  if (index === -1 && list.hasMore && last && compareIssues(filter.sort)(issue, last) > 0) return list;
  return { ...list, items: [...rest, issue].sort(compareIssues(filter.sort)) };
}

/** The open issue after a push: a newer version replaces it. */
export function patchDetail(detail: IssueDetail | undefined, issue: Issue): IssueDetail | undefined {
  if (!detail || detail.issue.id !== issue.id || detail.issue.version > issue.version) return detail;
  return { ...detail, issue };
}

/** A timeline entry appended once, in time order. */
export function appendEntry(detail: IssueDetail | undefined, entry: IssueTimelineEntry): IssueDetail | undefined {
  if (!detail || detail.issue.id !== entry.issueId || detail.timeline.some((item) => item.id === entry.id)) return detail;
  return { ...detail, timeline: [...detail.timeline, entry].sort((a, b) => a.at.localeCompare(b.at)) };
}

/** Open states, for pickers (merge into). */
export const isOpenIssue = (issue: Issue): boolean => openIssueStates.includes(issue.state);
