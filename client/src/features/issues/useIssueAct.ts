/** Sends one lifecycle action; a stale version shows "someone else changed this" and the issue as it now stands. */
import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { EventInput, Issue } from '@linli/shared';
import { queryKeys } from '../../lib/query';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import type { IssueDetail } from './issueQueries';
import { useSaveIssue } from './useIssuesLive';

export function useIssueAct(communityId: string, me: string) {
  const queryClient = useQueryClient();
  const save = useSaveIssue(communityId, me);
  const action = useAction();
  const [conflict, setConflict] = useState(false);

  const act = useCallback(
    async (payload: EventInput<'issue:act'>): Promise<Issue | null> => {
      setConflict(false);
      const issue = await action.run(async () => {
        const res = await request('issue:act', payload);
        if (!res.ok && res.error.code === 'CONFLICT' && res.error.current) {
          const current = res.error.current as Issue;
          save(current);
          setConflict(true);
          // The timeline moved too: read it again.
          void queryClient.invalidateQueries({ queryKey: queryKeys.issue(communityId, current.id) });
          queryClient.setQueryData<IssueDetail>(queryKeys.issue(communityId, current.id), (detail) => (detail ? { ...detail, issue: current } : detail));
        }
        return res;
      });
      if (issue) save(issue);
      return issue;
    },
    [action, save, queryClient, communityId],
  );

  return { act, pending: action.pending, error: conflict ? null : action.error, conflict, clear: () => (setConflict(false), action.clearError()) };
}
