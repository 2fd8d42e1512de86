/** My communities: one cached list, kept live from membership notifications. */
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import type { MyCommunity, WireError } from '@linli/shared';
import { queryKeys, socketQueryFn, useSocketQuery } from '../../lib/query';
import { useServerEvent } from '../../lib/socket';
import { useSession } from '../auth/session';

export interface RevokedNotice {
  name: string;
  reason: 'banned' | 'left';
}

export interface MyCommunities {
  /** null until the first load answers. */
  list: MyCommunity[] | null;
  error: WireError | null;
  revoked: RevokedNotice | null;
  upsert: (mine: MyCommunity) => void;
  patch: (communityId: string, change: (mine: MyCommunity) => MyCommunity) => void;
  reload: () => void;
}

const myCommunitiesQuery = queryOptions({
  queryKey: queryKeys.myCommunities(),
  queryFn: socketQueryFn('community:list', {}),
});

function upsertInto(list: MyCommunity[] | undefined, mine: MyCommunity): MyCommunity[] {
  const rest = (list ?? []).filter((item) => item.community.id !== mine.community.id);
  const index = (list ?? []).findIndex((item) => item.community.id === mine.community.id);
  if (index === -1) return [...rest, mine];
  rest.splice(index, 0, mine);
  return rest;
}

const RevokedContext = createContext<RevokedNotice | null | undefined>(undefined);

/** Keeps the cached list live for the whole session and remembers the last community the user lost. */
export function MyCommunitiesLive({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { user } = useSession();
  const [revoked, setRevoked] = useState<RevokedNotice | null>(null);
  const key = myCommunitiesQuery.queryKey;
  const update = (change: (list: MyCommunity[] | undefined) => MyCommunity[] | undefined) =>
    queryClient.setQueryData(key, change);

  useServerEvent('membership:changed', (mine) => update((list) => upsertInto(list, mine)));
  // A mute arrives as a member update; keep my own membership's mute in step with it.
  useServerEvent('member:updated', (member) => {
    if (member.userId !== user.id) return;
    update((list) =>
      list?.map((item) =>
        item.community.id === member.communityId && item.membership.mutedUntil !== member.mutedUntil
          ? { ...item, membership: { ...item.membership, mutedUntil: member.mutedUntil } }
          : item,
      ),
    );
  });
  useServerEvent('membership:revoked', ({ communityId, reason }) => {
    const gone = queryClient.getQueryData(key)?.find((item) => item.community.id === communityId);
    if (gone) setRevoked({ name: gone.community.name, reason });
    update((list) => list?.filter((item) => item.community.id !== communityId));
  });
  useServerEvent('community:updated', (community) =>
    update((list) => list?.map((item) => (item.community.id === community.id ? { ...item, community } : item))),
  );

  return <RevokedContext.Provider value={revoked}>{children}</RevokedContext.Provider>;
}

/** My communities, loaded on connect and again after every reconnect. */
export function useMyCommunities(): MyCommunities {
  const revoked = useContext(RevokedContext);
  if (revoked === undefined) throw new Error('useMyCommunities outside MyCommunitiesLive');
  const queryClient = useQueryClient();
  const query = useSocketQuery(myCommunitiesQuery);
  const key = myCommunitiesQuery.queryKey;

  const upsert = useCallback(
    (mine: MyCommunity) => queryClient.setQueryData(key, (list) => upsertInto(list, mine)),
    [queryClient, key],
  );
  const patch = useCallback(
    (communityId: string, change: (mine: MyCommunity) => MyCommunity) =>
      queryClient.setQueryData(key, (list) => list?.map((item) => (item.community.id === communityId ? change(item) : item))),
    [queryClient, key],
  );
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);

  return { list: query.data ?? null, error: query.error, revoked, upsert, patch, reload };
}
