/** Pending join requests of one community, live. */
import { useCallback, useEffect, useState } from 'react';
import type { JoinRequest, WireError } from '@linli/shared';
import { request, useConnection, useServerEvent } from '../../lib/socket';

export function useJoinRequests(communityId: string) {
  const { epoch } = useConnection();
  const [requests, setRequests] = useState<JoinRequest[] | null>(null);
  const [error, setError] = useState<WireError | null>(null);

  useEffect(() => {
    if (epoch === 0) return;
    let cancelled = false;
    void request('community:listJoinRequests', { communityId, status: 'pending' }).then((res) => {
      if (cancelled) return;
      if (res.ok) setRequests(res.data);
      setError(res.ok ? null : res.error);
    });
    return () => {
      cancelled = true;
    };
  }, [communityId, epoch]);

  const remove = useCallback(
    (requestId: string) => setRequests((prev) => prev?.filter((r) => r.id !== requestId) ?? null),
    [],
  );

  useServerEvent('joinRequest:created', (req) => {
    if (req.communityId !== communityId || req.status !== 'pending') return;
    setRequests((prev) => (prev ? [...prev.filter((r) => r.id !== req.id), req] : prev));
  });
  useServerEvent('joinRequest:decided', (req) => {
    if (req.communityId === communityId) remove(req.id);
  });

  return { requests, error, remove };
}
