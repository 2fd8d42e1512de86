/**
 * The community's group robots and their recent deliveries (admins only): two cached
 * queries, refetched when the server reports a delivery changed (hook:delivery) and
 * after this screen's own commands (which the audit log records too).
 */
import { useCallback } from 'react';
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import type { HookDeliveryState } from '@linli/shared';
import { queryKeys, socketQueryFn, useSocketQuery } from '../../lib/query';
import { useServerEvent } from '../../lib/socket';

/** Kept beside their only user; ['hooks', …] collides with no key in `queryKeys`. */
export const hooksQuery = (communityId: string) => queryOptions({ queryKey: ['hooks', communityId] as const, queryFn: socketQueryFn('hook:list', { communityId }) });
export const hookDeliveriesQuery = (communityId: string, state: HookDeliveryState | null) =>
  queryOptions({
    queryKey: ['hooks', communityId, 'deliveries', state] as const,
    queryFn: socketQueryFn('hook:deliveries', { communityId, limit: 20, ...(state ? { state } : {}) }),
  });

export function useHooks(communityId: string, state: HookDeliveryState | null) {
  const queryClient = useQueryClient();
  const hooks = useSocketQuery(hooksQuery(communityId));
  const deliveries = useSocketQuery(hookDeliveriesQuery(communityId, state));

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ['hooks', communityId] });
    void queryClient.invalidateQueries({ queryKey: queryKeys.audit(communityId) });
  }, [queryClient, communityId]);

  useServerEvent('hook:delivery', (delivery) => {
    if (delivery.communityId === communityId) void queryClient.invalidateQueries({ queryKey: ['hooks', communityId] });
  });

  return { hooks: hooks.data ?? null, deliveries: deliveries.data ?? null, error: hooks.error ?? deliveries.error, refresh };
}
