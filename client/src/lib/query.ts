/**
 * Server state in one TanStack Query cache per signed-in session.
 *   - Query keys live here (`queryKeys`), so patches and invalidations name the same lists.
 *   - `socketQueryFn` turns a socket request into a query function; `{ ok: false }` throws
 *     a `RequestError`, which is itself a WireError, so error lines show the same texts.
 *   - Queries wait for the first connect (`useSocketQuery`); every later (re)connect
 *     invalidates them (`useRefetchAfterReconnect`): pushes may have been missed meanwhile.
 * Live socket pushes patch the cached lists with `setQueryData` in the feature hooks.
 */
import { useEffect, useRef } from 'react';
import {
  QueryClient,
  useQuery,
  type QueryKey,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { ClientEventName, ErrorCode, EventInput, EventResults, FieldIssue, WireError } from '@linli/shared';
import { request, useConnection } from './socket';

/** A failed socket request, thrown by query functions; readable wherever a WireError is. */
export class RequestError extends Error implements WireError {
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];
  readonly retryAfterSeconds?: number;

  constructor(error: WireError) {
    super(error.message);
    this.name = 'RequestError';
    this.code = error.code;
    if (error.issues) this.issues = error.issues;
    if (error.retryAfterSeconds !== undefined) this.retryAfterSeconds = error.retryAfterSeconds;
  }
}

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: RequestError;
  }
}

/** Member lists the client keeps apart (each is its own server query). */
export type MemberFilter = 'all' | 'staff' | 'banned' | 'householdPending';

/** Every cached server list, by key. Prefixes group them: ['members', id] is every member list of a community. */
export const queryKeys = {
  myCommunities: () => ['communities', 'mine'] as const,
  discoverAll: () => ['communities', 'discover'] as const,
  discover: (query: string) => ['communities', 'discover', query] as const,
  channels: (communityId: string, includeArchived: boolean) => ['channels', communityId, { includeArchived }] as const,
  members: (communityId: string, filter: MemberFilter) => ['members', communityId, filter] as const,
  organisations: (communityId: string) => ['organisations', communityId] as const,
  presenceAll: () => ['presence'] as const,
  presence: (communityId: string) => ['presence', communityId] as const,
  joinRequests: (communityId: string) => ['joinRequests', communityId] as const,
  reports: (communityId: string) => ['reports', communityId] as const,
  audit: (communityId: string) => ['audit', communityId] as const,
  notifications: () => ['notifications'] as const,
  /** Every problem-report query of a community (lists, open issues, categories, figures). */
  issuesAll: (communityId: string) => ['issues', communityId] as const,
  issueCategories: (communityId: string, includeArchived: boolean) => ['issues', communityId, 'categories', { includeArchived }] as const,
  issueLists: (communityId: string) => ['issues', communityId, 'list'] as const,
  issueList: (communityId: string, filter: object) => ['issues', communityId, 'list', filter] as const,
  issue: (communityId: string, issueId: string) => ['issues', communityId, 'detail', issueId] as const,
  issueFigures: (communityId: string, from: string, to: string) => ['issues', communityId, 'figures', { from, to }] as const,
};

/** Sends a client command and resolves with its data; a failed ack throws a RequestError. */
export async function requestData<E extends ClientEventName>(event: E, payload: EventInput<E>): Promise<EventResults[E]> {
  const res = await request(event, payload);
  if (!res.ok) throw new RequestError(res.error);
  return res.data;
}

/** A query function that sends one client command. */
export function socketQueryFn<E extends ClientEventName>(event: E, payload: EventInput<E>): () => Promise<EventResults[E]> {
  return () => requestData(event, payload);
}

/** One cache per session; created when a user signs in and dropped (cleared) when the session ends. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A failure shows at once with Retry, as before the cache existed; only "too many
        // requests" (e.g. every list refetched at once after a reconnect) waits and tries again.
        retry: (failures, error) => error.code === 'RATE_LIMITED' && failures < 3,
        retryDelay: (_failures, error) => Math.min(30, error.retryAfterSeconds ?? 5) * 1000,
        // The socket's connection epoch decides when to refetch, not window focus or navigator.onLine.
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
}

/** True once the socket has connected: requests before that would only wait in socket.io's buffer. */
export function useConnectedOnce(): boolean {
  return useConnection().epoch > 0;
}

/** useQuery for socket requests: enabled once the socket has connected (and when `enabled` allows). */
export function useSocketQuery<TQueryFnData, TData = TQueryFnData, TQueryKey extends QueryKey = QueryKey>(
  options: UseQueryOptions<TQueryFnData, RequestError, TData, TQueryKey>,
): UseQueryResult<TData, RequestError> {
  const connected = useConnectedOnce();
  const { enabled } = options;
  return useQuery({
    ...options,
    enabled: typeof enabled === 'function' ? (query) => connected && enabled(query) : connected && enabled !== false,
  });
}

/**
 * Invalidates the cache after every reconnect, so no page keeps data from before the gap:
 * active queries refetch at once, the others when next shown. The first connect needs
 * nothing (queries wait for it).
 */
export function useRefetchAfterReconnect(client: QueryClient): void {
  const { epoch } = useConnection();
  const seen = useRef(epoch);
  useEffect(() => {
    const previous = seen.current;
    seen.current = epoch;
    if (previous > 0 && epoch !== previous) void client.invalidateQueries();
  }, [client, epoch]);
}
