/**
 * The community's Open311 settings (jurisdiction_id and API keys), admins only: one cached
 * query, patched by this screen's own commands (the server pushes no Open311 changes; every
 * reconnect refetches it). Each change also refreshes the audit log, which records it.
 */
import { useCallback } from 'react';
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import type { Open311Key, Open311Settings } from '@linli/shared';
import { queryKeys, socketQueryFn, useSocketQuery } from '../../lib/query';

/** Kept beside its only user; ['open311', id] collides with no key in `queryKeys`. */
export const open311Query = (communityId: string) =>
  queryOptions({ queryKey: ['open311', communityId] as const, queryFn: socketQueryFn('open311:keys', { communityId }) });

/** The key added at the top (newest first), or replaced where it stands. */
const withKey = (keys: Open311Key[], key: Open311Key): Open311Key[] =>
  keys.some((item) => item.id === key.id) ? keys.map((item) => (item.id === key.id ? key : item)) : [key, ...keys];

export function useOpen311Settings(communityId: string) {
  const queryClient = useQueryClient();
  const query = useSocketQuery(open311Query(communityId));

  const patch = useCallback(
    (update: (settings: Open311Settings) => Open311Settings) => {
      queryClient.setQueryData(open311Query(communityId).queryKey, (settings) => settings && update(settings));
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit(communityId) });
    },
    [queryClient, communityId],
  );

  const setJurisdiction = useCallback((jurisdictionId: string) => patch((settings) => ({ ...settings, jurisdictionId })), [patch]);
  const saveKey = useCallback((key: Open311Key) => patch((settings) => ({ ...settings, keys: withKey(settings.keys, key) })), [patch]);

  return { settings: query.data ?? null, error: query.error, setJurisdiction, saveKey };
}
