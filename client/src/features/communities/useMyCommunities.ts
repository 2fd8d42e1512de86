/** My communities, kept live from membership notifications. */
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { MyCommunity, WireError } from '@linli/shared';
import { request, useConnection, useServerEvent } from '../../lib/socket';
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

function upsertInto(list: MyCommunity[] | null, mine: MyCommunity): MyCommunity[] {
  const rest = (list ?? []).filter((c) => c.community.id !== mine.community.id);
  const index = (list ?? []).findIndex((c) => c.community.id === mine.community.id);
  if (index === -1) return [...rest, mine];
  rest.splice(index, 0, mine);
  return rest;
}

/** Loads on every (re)connect so nothing missed while offline stays stale. */
export function useMyCommunitiesStore(): MyCommunities {
  const { epoch } = useConnection();
  const [list, setList] = useState<MyCommunity[] | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [revoked, setRevoked] = useState<RevokedNotice | null>(null);
  const [attempt, setAttempt] = useState(0);
  const { user } = useSession();

  useEffect(() => {
    if (epoch === 0) return;
    let cancelled = false;
    void request('community:list', {}).then((res) => {
      if (cancelled) return;
      if (res.ok) {
        setList(res.data);
        setError(null);
      } else {
        setError(res.error);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [epoch, attempt]);

  useServerEvent('membership:changed', (mine) => setList((prev) => upsertInto(prev, mine)));
  // A mute arrives as a member update; keep my own membership's mute in step with it.
  useServerEvent('member:updated', (member) => {
    if (member.userId !== user.id) return;
    setList(
      (prev) =>
        prev?.map((c) =>
          c.community.id === member.communityId && c.membership.mutedUntil !== member.mutedUntil
            ? { ...c, membership: { ...c.membership, mutedUntil: member.mutedUntil } }
            : c,
        ) ?? prev,
    );
  });
  useServerEvent('membership:revoked', ({ communityId, reason }) => {
    const gone = list?.find((c) => c.community.id === communityId);
    if (gone) setRevoked({ name: gone.community.name, reason });
    setList((prev) => prev?.filter((c) => c.community.id !== communityId) ?? prev);
  });
  useServerEvent('community:updated', (community) =>
    setList((prev) => prev?.map((c) => (c.community.id === community.id ? { ...c, community } : c)) ?? prev),
  );

  const upsert = useCallback((mine: MyCommunity) => setList((prev) => upsertInto(prev, mine)), []);
  const patch = useCallback(
    (communityId: string, change: (mine: MyCommunity) => MyCommunity) =>
      setList((prev) => prev?.map((c) => (c.community.id === communityId ? change(c) : c)) ?? prev),
    [],
  );
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  return { list, error, revoked, upsert, patch, reload };
}

export const MyCommunitiesContext = createContext<MyCommunities | null>(null);

export function useMyCommunities(): MyCommunities {
  const value = useContext(MyCommunitiesContext);
  if (!value) throw new Error('useMyCommunities outside its provider');
  return value;
}
