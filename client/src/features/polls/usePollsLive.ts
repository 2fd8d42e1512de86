/** Keeps the cached poll lists and open polls of a community live from pushes; joins an open poll's watch room. */
import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Poll, PollLive } from '@linli/shared';
import { useCommunityEvent } from '../../lib/communityEvents';
import { requestData } from '../../lib/query';
import { request, useConnection, useServerEvent } from '../../lib/socket';
import { applyClosed, applyLive, patchDetail, patchList, pollKeys, type PollDetail, type PollListData, type PollListFilter } from './pollQueries';

/** Applies a poll (a push, or the answer to one's own action) to every cached view of it. */
export function useSavePoll(communityId: string): (poll: Poll) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (poll: Poll) => {
      for (const query of queryClient.getQueryCache().findAll({ queryKey: pollKeys.lists(communityId) })) {
        const filter = (query.queryKey[3] ?? {}) as PollListFilter;
        queryClient.setQueryData<PollListData>(query.queryKey, (list) => patchList(list, poll, filter));
      }
      queryClient.setQueryData<PollDetail>(pollKeys.detail(communityId, poll.id), (detail) => patchDetail(detail, poll));
    },
    [queryClient, communityId],
  );
}

/** Marks a poll as voted in by the caller in every cached list. */
export function useMarkVoted(communityId: string): (pollId: string) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (pollId: string) =>
      queryClient.setQueriesData<PollListData>({ queryKey: pollKeys.lists(communityId) }, (list) =>
        list && !list.voted.includes(pollId) ? { ...list, voted: [...list.voted, pollId] } : list,
      ),
    [queryClient, communityId],
  );
}

export function usePollsLive(communityId: string): void {
  const queryClient = useQueryClient();
  const save = useSavePoll(communityId);
  useCommunityEvent('poll:saved', communityId, save);
  useServerEvent('poll:closed', ({ poll, result }) => {
    if (poll.communityId !== communityId) return;
    save(poll);
    queryClient.setQueryData<PollDetail>(pollKeys.detail(communityId, poll.id), (detail) => applyClosed(detail, poll, result));
    void queryClient.invalidateQueries({ queryKey: pollKeys.result(communityId, poll.id) });
  });
  useCommunityEvent('poll:tally', communityId, (live: PollLive) => {
    queryClient.setQueryData<PollDetail>(pollKeys.detail(communityId, live.pollId), (detail) => applyLive(detail, live));
  });
}

/**
 * While a poll page is open: in the poll's watch room (joined again after every reconnect,
 * since a new socket starts with no rooms). Its answer carries the numbers at that moment.
 */
export function usePollWatch(communityId: string, pollId: string, enabled: boolean): { failed: boolean } {
  const queryClient = useQueryClient();
  const { epoch } = useConnection();
  const [failedAt, setFailedAt] = useState<number | null>(null);
  useEffect(() => {
    if (!enabled || epoch === 0) return;
    let left = false;
    void requestData('poll:watch', { pollId })
      .then((live) => {
        if (left) return;
        setFailedAt(null);
        queryClient.setQueryData<PollDetail>(pollKeys.detail(communityId, pollId), (detail) => applyLive(detail, live));
      })
      .catch(() => {
        // The page still follows poll:saved; the next reconnect tries again.
        if (!left) setFailedAt(epoch);
      });
    return () => {
      left = true;
      void request('poll:unwatch', { pollId });
    };
  }, [queryClient, communityId, pollId, enabled, epoch]);
  return { failed: enabled && failedAt === epoch };
}
