/** Members whose household awaits verification: a cached list kept live from member events. */
import { useCallback } from 'react';
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import type { Member } from '@linli/shared';
import { queryKeys, requestData, useSocketQuery } from '../../lib/query';
import { useCommunityEvent, useMemberSaved } from '../../lib/communityEvents';

const awaitsVerification = (member: Member) => member.household?.status === 'unverified';

const householdQueueQuery = (communityId: string) =>
  queryOptions({
    queryKey: queryKeys.members(communityId, 'householdPending'),
    queryFn: async () => (await requestData('member:list', { communityId, householdPending: true })).filter(awaitsVerification),
  });

export function useHouseholdQueue(communityId: string) {
  const queryClient = useQueryClient();
  const query = useSocketQuery(householdQueueQuery(communityId));

  const track = useCallback(
    (member: Member) =>
      queryClient.setQueryData(householdQueueQuery(communityId).queryKey, (list) => {
        if (!list) return list;
        const rest = list.filter((item) => item.userId !== member.userId);
        return awaitsVerification(member) ? [...rest, member] : rest;
      }),
    [queryClient, communityId],
  );

  useMemberSaved(communityId, track);
  useCommunityEvent('member:removed', communityId, (push) =>
    queryClient.setQueryData(householdQueueQuery(communityId).queryKey, (list) => list?.filter((item) => item.userId !== push.userId)),
  );

  return { pending: query.data ?? null, error: query.error, track };
}
