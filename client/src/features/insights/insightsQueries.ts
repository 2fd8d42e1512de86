/** The needs analysis in the query cache: one query per community and period, under ['insights', communityId]. */
import { queryOptions } from '@tanstack/react-query';
import type { InsightPeriod } from '@linli/shared';
import { socketQueryFn } from '../../lib/query';

export const insightsKeys = {
  all: (communityId: string) => ['insights', communityId] as const,
  period: (communityId: string, period: InsightPeriod) => ['insights', communityId, period] as const,
};

/** The server keeps a computation a minute: asking again sooner gets the same answer. */
export const insightsQuery = (communityId: string, period: InsightPeriod) =>
  queryOptions({ queryKey: insightsKeys.period(communityId, period), queryFn: socketQueryFn('insights:get', { communityId, period }), staleTime: 60_000 });
