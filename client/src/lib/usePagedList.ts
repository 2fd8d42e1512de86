/**
 * A cached list that grows page by page as the reader scrolls.
 *   - The first page is an ordinary socket query (its data `{ items, ... }`), so the
 *     features' live pushes keep patching it with setQueryData as before.
 *   - `loadMore` asks for the page after the last item held (a cursor the server orders
 *     totally, so items added meanwhile are neither skipped nor repeated) and appends it.
 *   - After a reconnect useRefetchAfterReconnect invalidates the query: it refetches the
 *     first page and drops the pages appended to it, so nothing from before the gap stays.
 */
import { useCallback, useState } from 'react';
import { useQueryClient, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { RequestError, useSocketQuery } from './query';
import { useErrorText } from './errors';

interface Paged<Item> {
  items: Item[];
  /** Set by loadMore: false once a short page came back. */
  more?: boolean;
}

interface Options<TData extends Paged<Item>, Item, TKey extends QueryKey> {
  query: UseQueryOptions<TData, RequestError, TData, TKey>;
  enabled?: boolean;
  /** The page size the first page and every later page ask for. */
  pageSize: number;
  /** The page after `last`. */
  fetchPage: (last: Item) => Promise<TData>;
  /** Joins a page onto the list (the items by default, deduplicated by id). */
  merge?: (list: TData, page: TData) => TData;
}

export interface PagedList<TData> {
  data: TData | undefined;
  error: RequestError | null;
  refetch: () => void;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string | null;
  loadMore: () => void;
}

const idOf = (item: unknown): unknown => (item && typeof item === 'object' && 'id' in item ? (item as { id: unknown }).id : item);

export function usePagedList<TData extends Paged<Item>, Item, TKey extends QueryKey = QueryKey>({
  query: options,
  enabled = true,
  pageSize,
  fetchPage,
  merge,
}: Options<TData, Item, TKey>): PagedList<TData> {
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const query = useSocketQuery({ ...options, enabled: enabled && options.enabled !== false });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const key = options.queryKey;
  const data = query.data;
  const hasMore = !!data && (data.more ?? data.items.length >= pageSize);

  const loadMore = useCallback(() => {
    const current = queryClient.getQueryData<TData>(key);
    const last = current?.items.at(-1);
    if (!current || last === undefined || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    fetchPage(last)
      .then((page) => {
        queryClient.setQueryData<TData>(key, (list) => {
          if (!list) return list;
          const joined = merge ? merge(list, page) : list;
          const seen = new Set(list.items.map(idOf));
          const items = [...list.items, ...page.items.filter((item) => !seen.has(idOf(item)))];
          return { ...joined, items, more: page.items.length >= pageSize };
        });
      })
      .catch((err: unknown) => setMoreError(err instanceof RequestError ? errorText(err) : String(err)))
      .finally(() => setLoadingMore(false));
  }, [queryClient, key, loadingMore, fetchPage, merge, pageSize, errorText]);

  return { data, error: query.error, refetch: () => void query.refetch(), hasMore, loadingMore, moreError, loadMore };
}
