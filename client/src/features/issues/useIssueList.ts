/** One filtered list of problem reports: the cached first page, "load more", kept live by useIssuesLive. */
import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { RequestError, requestData, useSocketQuery } from '../../lib/query';
import { useErrorText } from '../../lib/errors';
import { issueListQuery, listPayload, PAGE_SIZE, type IssueFilter, type IssueListData } from './issueQueries';

/** issue:list accepts at most this many in one page. */
const MAX_LIMIT = 200;

export function useIssueList(communityId: string, filter: IssueFilter, enabled = true) {
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const query = useSocketQuery({ ...issueListQuery(communityId, filter), enabled });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const key = issueListQuery(communityId, filter).queryKey;

  const loadMore = useCallback(async () => {
    const current = queryClient.getQueryData<IssueListData>(key);
    if (!current || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      // Newest first pages by number; the other orders are not by number, so ask for a longer first page.
      const last = current.items.at(-1);
      const page =
        filter.sort === 'newest' && last
          ? await requestData('issue:list', listPayload(communityId, filter, { beforeNumber: last.number }))
          : await requestData('issue:list', listPayload(communityId, filter, { limit: Math.min(MAX_LIMIT, current.items.length + PAGE_SIZE) }));
      queryClient.setQueryData<IssueListData>(key, (list) => {
        if (!list) return list;
        const seen = new Set(list.items.map((item) => item.id));
        const items = filter.sort === 'newest' ? [...list.items, ...page.items.filter((item) => !seen.has(item.id))] : page.items;
        return {
          items,
          hasMore: page.hasMore && items.length < MAX_LIMIT,
          supported: [...new Set([...list.supported, ...page.supported])],
          following: [...new Set([...list.following, ...page.following])],
        };
      });
    } catch (err) {
      setMoreError(err instanceof RequestError ? errorText(err) : String(err));
    } finally {
      setLoadingMore(false);
    }
  }, [queryClient, key, loadingMore, filter, communityId, errorText]);

  return { data: query.data ?? null, error: query.error, loadMore, loadingMore, moreError, refetch: query.refetch };
}
