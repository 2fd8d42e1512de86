/** Casting one's own ballot: the ballot secret of a secret poll, the receipt kept on the device, the cache updated. */
import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { BallotChoice, CastResult, Poll } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction, type Action } from '../../lib/useAction';
import { ballotSecret, clearPendingChoice, storePendingChoice, storeReceipt } from './ballotSecret';
import { pollKeys, type PollDetail } from './pollQueries';
import { useMarkVoted, useSavePoll } from './usePollsLive';

export interface Cast {
  action: Action;
  /** The last successful cast on this page. */
  last: CastResult | null;
  cast: (choice: BallotChoice) => Promise<CastResult | null>;
}

export function useCast(poll: Poll, userId: string): Cast {
  const queryClient = useQueryClient();
  const action = useAction();
  const save = useSavePoll(poll.communityId);
  const markVoted = useMarkVoted(poll.communityId);
  const [last, setLast] = useState<CastResult | null>(null);
  const secret = poll.ballot === 'secret';
  const { id: pollId, communityId } = poll;

  const cast = useCallback(
    async (choice: BallotChoice) => {
      // A secret ballot is remembered until confirmed: "pending" can then be finished with the same one.
      if (secret) storePendingChoice(userId, pollId, choice);
      const result = await action.run(() => request('poll:cast', secret ? { pollId, choice, ballotSecret: ballotSecret(userId, pollId) } : { pollId, choice }));
      if (!result) return null;
      if (secret) clearPendingChoice(userId, pollId);
      storeReceipt(userId, pollId, result.receipt);
      setLast(result);
      save(result.poll);
      markVoted(pollId);
      queryClient.setQueryData<PollDetail>(pollKeys.detail(communityId, pollId), (detail) =>
        detail
          ? {
              ...detail,
              my: {
                ...detail.my,
                status: 'cast',
                receipt: secret ? null : result.receipt,
                choice: secret ? null : choice,
                blocked: result.poll.allowChange ? null : 'alreadyVoted',
                assisted: false,
                assistedByName: null,
                castByOther: false,
                castByName: null,
              },
            }
          : detail,
      );
      void queryClient.invalidateQueries({ queryKey: pollKeys.detail(communityId, pollId) });
      return result;
    },
    [action, secret, userId, pollId, communityId, save, markVoted, queryClient],
  );

  return { action, last, cast };
}
