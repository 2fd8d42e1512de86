/** Pending join requests of one community: a cached list kept live from join-request events. */
import { useCallback } from 'react';
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { queryKeys, socketQueryFn, useSocketQuery } from '../../lib/query';
import { useCommunityEvent } from '../../lib/communityEvents';

const joinRequestsQuery = (communityId: string) =>
  queryOptions({
    queryKey: queryKeys.joinRequests(communityId),
    queryFn: socketQueryFn('community:listJoinRequests', { communityId, status: 'pending' }),
  });

export function useJoinRequests(communityId: string) {
  const queryClient = useQueryClient();
  const query = useSocketQuery(joinRequestsQuery(communityId));

  const remove = useCallback(
    (requestId: string) =>
      queryClient.setQueryData(joinRequestsQuery(communityId).queryKey, (list) => list?.filter((item) => item.id !== requestId)),
    [queryClient, communityId],
  );

  useCommunityEvent('joinRequest:created', communityId, (joinRequest) => {
    if (joinRequest.status !== 'pending') return;
    queryClient.setQueryData(joinRequestsQuery(communityId).queryKey, (list) =>
      list ? [...list.filter((item) => item.id !== joinRequest.id), joinRequest] : list,
    );
  });
  useCommunityEvent('joinRequest:decided', communityId, (joinRequest) => remove(joinRequest.id));

  return { requests: query.data ?? null, error: query.error, remove, retry: () => void query.refetch() };
}
