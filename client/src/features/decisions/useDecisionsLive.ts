/** Keeps every cached decision list, open decision and the overdue board of a community live from pushes. */
import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ActionItem, Decision, ProgressEntry } from '@linli/shared';
import { useCommunityEvent } from '../../lib/communityEvents';
import { appendEntry, decisionKeys, patchDecision, patchItem, patchList, type DecisionDetail, type DecisionListData, type DecisionListFilter } from './decisionQueries';

/** Applies a decision (a push, or the answer to one's own action) to every cached view of it. */
export function useSaveDecision(communityId: string): (decision: Decision) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (decision: Decision) => {
      for (const query of queryClient.getQueryCache().findAll({ queryKey: decisionKeys.lists(communityId) })) {
        const filter = query.queryKey[3] as DecisionListFilter | undefined;
        if (filter) queryClient.setQueryData<DecisionListData>(query.queryKey, (list) => patchList(list, decision, filter));
      }
      queryClient.setQueryData<DecisionDetail>(decisionKeys.detail(communityId, decision.id), (detail) => patchDecision(detail, decision));
    },
    [queryClient, communityId],
  );
}

/** Applies an action item (and a progress entry with it) to the open decision; the overdue board reloads. */
export function useSaveItem(communityId: string): (item: ActionItem, entry?: ProgressEntry) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (item: ActionItem, entry?: ProgressEntry) => {
      queryClient.setQueryData<DecisionDetail>(decisionKeys.detail(communityId, item.decisionId), (detail) => {
        const withItem = patchItem(detail, item);
        return entry ? appendEntry(withItem, entry) : withItem;
      });
      void queryClient.invalidateQueries({ queryKey: decisionKeys.overdue(communityId) });
    },
    [queryClient, communityId],
  );
}

export function useDecisionsLive(communityId: string): void {
  const saveDecision = useSaveDecision(communityId);
  const saveItem = useSaveItem(communityId);
  useCommunityEvent('decision:saved', communityId, saveDecision);
  useCommunityEvent('decision:itemSaved', communityId, (item) => saveItem(item));
  useCommunityEvent('decision:progress', communityId, (pushed) => saveItem(pushed.item, pushed.entry));
}
