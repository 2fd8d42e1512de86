/** Keeps every cached problem-report list and open issue of a community live from pushes. */
import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Issue, IssueCategory } from '@linli/shared';
import { queryKeys } from '../../lib/query';
import { useCommunityEvent } from '../../lib/communityEvents';
import { appendEntry, patchDetail, patchList, type IssueDetail, type IssueFilter, type IssueListData } from './issueQueries';

/** Applies an issue (a push, or an answer to one's own action) to every cached view of it. */
export function useSaveIssue(communityId: string, me: string): (issue: Issue) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (issue: Issue) => {
      for (const query of queryClient.getQueryCache().findAll({ queryKey: queryKeys.issueLists(communityId) })) {
        const filter = query.queryKey[3] as IssueFilter | undefined;
        if (!filter) continue;
        queryClient.setQueryData<IssueListData>(query.queryKey, (list) => patchList(list, issue, filter, me));
      }
      queryClient.setQueryData<IssueDetail>(queryKeys.issue(communityId, issue.id), (detail) => patchDetail(detail, issue));
    },
    [queryClient, communityId, me],
  );
}

/** Marks the caller's support of an issue in every cached list (they carry who supports what). */
export function useMarkSupported(communityId: string): (issueId: string, on: boolean) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (issueId: string, on: boolean) => {
      queryClient.setQueriesData<IssueListData>({ queryKey: queryKeys.issueLists(communityId) }, (list) =>
        list ? { ...list, supported: on ? [...new Set([...list.supported, issueId])] : list.supported.filter((id) => id !== issueId) } : list,
      );
    },
    [queryClient, communityId],
  );
}

export function useIssuesLive(communityId: string, me: string): void {
  const queryClient = useQueryClient();
  const save = useSaveIssue(communityId, me);
  useCommunityEvent('issue:saved', communityId, save);
  useCommunityEvent('issue:timeline', communityId, (pushed) => {
    const { communityId: _community, ...entry } = pushed;
    void _community;
    queryClient.setQueryData<IssueDetail>(queryKeys.issue(communityId, entry.issueId), (detail) => appendEntry(detail, entry));
  });
  useCommunityEvent('issue:categorySaved', communityId, (category: IssueCategory) => {
    for (const includeArchived of [false, true]) {
      queryClient.setQueryData<IssueCategory[]>(queryKeys.issueCategories(communityId, includeArchived), (list) => {
        if (!list) return list;
        const rest = list.filter((item) => item.id !== category.id);
        const next = category.archived && !includeArchived ? rest : [...rest, category];
        return next.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
      });
    }
  });
}
