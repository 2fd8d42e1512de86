/** The user's notifications: the newest page and the unread count, cached and kept live. */
import { useCallback } from 'react';
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import type { AppNotification } from '@linli/shared';
import { queryKeys, requestData, socketQueryFn } from '../../lib/query';
import { usePagedList, type PagedList } from '../../lib/usePagedList';
import { request, useServerEvent } from '../../lib/socket';

const PAGE = 30;

const notificationsQuery = queryOptions({
  queryKey: queryKeys.notifications(),
  queryFn: socketQueryFn('notification:list', { limit: PAGE }),
});

export interface Notifications {
  items: AppNotification[];
  unread: number;
  reload: () => void;
  /** Older notifications, page by page (a (time, id) cursor: new ones never shift a page). */
  more: Pick<PagedList<unknown>, 'hasMore' | 'loadingMore' | 'moreError' | 'loadMore'>;
  /** Marks the given notifications read, or all of them. */
  markRead: (ids?: string[]) => Promise<void>;
}

export function useNotifications(): Notifications {
  const queryClient = useQueryClient();
  const list = usePagedList({
    query: notificationsQuery,
    pageSize: PAGE,
    fetchPage: (last: AppNotification) => requestData('notification:list', { before: last.createdAt, beforeId: last.id, limit: PAGE }),
    merge: (current, page) => ({ ...current, unread: page.unread }),
  });
  const { data, refetch } = list;
  const key = notificationsQuery.queryKey;

  useServerEvent('notification:created', (pushed) => {
    const { unread, ...item } = pushed;
    queryClient.setQueryData(key, (current) => ({
      ...current,
      items: [item, ...(current?.items ?? []).filter((other) => other.id !== item.id)],
      unread,
    }));
  });

  const markRead = useCallback(
    async (ids?: string[]) => {
      const res = await request('notification:markRead', ids ? { ids } : {});
      if (!res.ok) return;
      const now = new Date().toISOString();
      queryClient.setQueryData(key, (current) => ({
        ...current,
        items: (current?.items ?? []).map((notification) =>
          !notification.readAt && (!ids || ids.includes(notification.id)) ? { ...notification, readAt: now } : notification,
        ),
        unread: res.data.unread,
      }));
    },
    [queryClient, key],
  );

  const reload = useCallback(() => refetch(), [refetch]);

  const { hasMore, loadingMore, moreError, loadMore } = list;
  return { items: data?.items ?? [], unread: data?.unread ?? 0, reload, markRead, more: { hasMore, loadingMore, moreError, loadMore } };
}
