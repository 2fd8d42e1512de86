/**
 * Activities in the query cache. Keys start with ['activities', communityId] so one
 * prefix reaches every activity query of a community; pushes (activity:saved,
 * activity:ideaSaved) invalidate what they touch.
 */
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Activity, ActivityView } from '@linli/shared';
import { requestData, socketQueryFn } from '../../lib/query';
import { useCommunityEvent } from '../../lib/communityEvents';
import { useServerEvent } from '../../lib/socket';

export const activityKeys = {
  all: (communityId: string) => ['activities', communityId] as const,
  list: (communityId: string) => ['activities', communityId, 'list'] as const,
  detail: (communityId: string, activityId: string) => ['activities', communityId, 'detail', activityId] as const,
  leaderboard: (communityId: string, activityId: string) => ['activities', communityId, 'leaderboard', activityId] as const,
  attendance: (communityId: string, activityId: string) => ['activities', communityId, 'attendance', activityId] as const,
};

/** Activities per page of the list (it loads more as you scroll). */
export const ACTIVITY_PAGE = 20;

export const activityListQuery = (communityId: string) =>
  queryOptions({ queryKey: activityKeys.list(communityId), queryFn: socketQueryFn('activity:list', { communityId, kind: 'all', phase: 'all', limit: ACTIVITY_PAGE }) });

/** The page after `last` in (createdAt, id) order, newest first: later activities never shift it. */
export const activityPageAfter = (communityId: string, last: Activity) =>
  requestData('activity:list', { communityId, kind: 'all', phase: 'all', before: { createdAt: last.createdAt, id: last.id }, limit: ACTIVITY_PAGE });

export const activityQuery = (communityId: string, activityId: string) =>
  queryOptions({ queryKey: activityKeys.detail(communityId, activityId), queryFn: socketQueryFn('activity:get', { activityId }) });

export const leaderboardQuery = (communityId: string, activityId: string) =>
  queryOptions({ queryKey: activityKeys.leaderboard(communityId, activityId), queryFn: socketQueryFn('activity:leaderboard', { activityId, limit: 20 }) });

export const attendanceQuery = (communityId: string, activityId: string) =>
  queryOptions({ queryKey: activityKeys.attendance(communityId, activityId), queryFn: socketQueryFn('activity:attendance', { activityId }) });

/** Puts a changed activity into the cached list and page, and refreshes what depends on it. */
export function useSaveActivity(communityId: string): (activity: Activity) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (activity: Activity) => {
      queryClient.setQueryData<{ items: Activity[] }>(activityKeys.list(communityId), (list) => {
        if (!list) return list;
        const current = list.items.find((item) => item.id === activity.id);
        if (current && current.version > activity.version) return list;
        const rest = list.items.filter((item) => item.id !== activity.id);
        return { items: [activity, ...rest].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
      });
      queryClient.setQueryData<ActivityView>(activityKeys.detail(communityId, activity.id), (view) => (view && view.activity.version <= activity.version ? { ...view, activity } : view));
      // The caller's own part (a promotion from the waiting list, a closed quiz's answers) comes with the page.
      void queryClient.invalidateQueries({ queryKey: activityKeys.detail(communityId, activity.id) });
      void queryClient.invalidateQueries({ queryKey: activityKeys.leaderboard(communityId, activity.id) });
      void queryClient.invalidateQueries({ queryKey: activityKeys.attendance(communityId, activity.id) });
    },
    [queryClient, communityId],
  );
}

/** Live pushes of the community's activities: counts, phases, ideas and supports. */
export function useActivitiesLive(communityId: string): void {
  const queryClient = useQueryClient();
  const save = useSaveActivity(communityId);
  useCommunityEvent('activity:saved', communityId, save);
  useServerEvent('activity:ideaSaved', (idea) => {
    void queryClient.invalidateQueries({ queryKey: activityKeys.detail(communityId, idea.activityId) });
  });
}
