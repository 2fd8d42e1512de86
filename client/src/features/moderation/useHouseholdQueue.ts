/** Members whose household awaits verification, live. */
import { useCallback, useEffect, useState } from 'react';
import type { Member, WireError } from '@linli/shared';
import { request, useConnection, useServerEvent } from '../../lib/socket';

const awaitsVerification = (m: Member) => m.household?.status === 'unverified';

export function useHouseholdQueue(communityId: string) {
  const { epoch } = useConnection();
  const [pending, setPending] = useState<Member[] | null>(null);
  const [error, setError] = useState<WireError | null>(null);

  useEffect(() => {
    if (epoch === 0) return;
    let cancelled = false;
    void request('member:list', { communityId, householdPending: true }).then((res) => {
      if (cancelled) return;
      if (res.ok) setPending(res.data.filter(awaitsVerification));
      setError(res.ok ? null : res.error);
    });
    return () => {
      cancelled = true;
    };
  }, [communityId, epoch]);

  const track = useCallback((member: Member) => {
    setPending((prev) => {
      if (!prev) return prev;
      const rest = prev.filter((m) => m.userId !== member.userId);
      return awaitsVerification(member) ? [...rest, member] : rest;
    });
  }, []);

  useServerEvent('member:updated', (m) => {
    if (m.communityId === communityId) track(m);
  });
  useServerEvent('member:joined', (m) => {
    if (m.communityId === communityId) track(m);
  });
  useServerEvent('member:removed', (p) => {
    if (p.communityId === communityId) setPending((prev) => prev?.filter((m) => m.userId !== p.userId) ?? null);
  });

  return { pending, error, track };
}
