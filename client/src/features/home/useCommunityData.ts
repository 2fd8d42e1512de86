/** Channels, members and organisations of one community, kept live from notifications. */
import { useCallback, useEffect, useState } from 'react';
import type { Channel, Member, Organisation, WireError } from '@linli/shared';
import { request, useConnection, useServerEvent } from '../../lib/socket';

export interface CommunityData {
  /** Each list is null until loaded. */
  channels: Channel[] | null;
  members: Member[] | null;
  organisations: Organisation[] | null;
  error: WireError | null;
  reload: () => void;
  saveChannel: (channel: Channel) => void;
  saveMember: (member: Member) => void;
  removeMember: (userId: string) => void;
  saveOrganisation: (organisation: Organisation) => void;
  removeOrganisation: (organisationId: string) => void;
}

/** Channels in the order moderators arranged them. */
export function byPosition(a: Channel, b: Channel): number {
  return a.position - b.position || a.createdAt.localeCompare(b.createdAt);
}

function upsertBy<T>(list: T[] | null, item: T, same: (x: T) => boolean): T[] | null {
  if (list === null) return null; // the pending load will include it
  const index = list.findIndex(same);
  if (index === -1) return [...list, item];
  const next = list.slice();
  next[index] = item;
  return next;
}

/** Staff also load archived channels so they can restore them. */
export function useCommunityData(communityId: string, isStaff: boolean): CommunityData {
  const { epoch } = useConnection();
  const [channels, setChannels] = useState<Channel[] | null>(null);
  const [members, setMembers] = useState<Member[] | null>(null);
  const [organisations, setOrganisations] = useState<Organisation[] | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (epoch === 0) return;
    let cancelled = false;
    void Promise.all([
      request('channel:list', { communityId, includeArchived: isStaff }),
      request('member:list', { communityId }),
      request('organisation:list', { communityId }),
    ]).then(([c, m, o]) => {
      if (cancelled) return;
      if (c.ok) setChannels(c.data.slice().sort(byPosition));
      if (m.ok) setMembers(m.data);
      if (o.ok) setOrganisations(o.data);
      const failed = [c, m, o].find((r) => !r.ok);
      setError(failed && !failed.ok ? failed.error : null);
    });
    return () => {
      cancelled = true;
    };
  }, [communityId, isStaff, epoch, attempt]);

  const saveChannel = useCallback(
    (channel: Channel) => {
      setChannels((prev) => {
        const hidden = channel.archived && !isStaff;
        const next = hidden
          ? (prev?.filter((c) => c.id !== channel.id) ?? null)
          : upsertBy(prev, channel, (c) => c.id === channel.id);
        return next ? next.slice().sort(byPosition) : next;
      });
    },
    [isStaff],
  );
  const saveMember = useCallback(
    (member: Member) => setMembers((prev) => upsertBy(prev, member, (m) => m.userId === member.userId)),
    [],
  );
  const removeMember = useCallback(
    (userId: string) => setMembers((prev) => prev?.filter((m) => m.userId !== userId) ?? null),
    [],
  );
  const saveOrganisation = useCallback(
    (organisation: Organisation) =>
      setOrganisations((prev) => upsertBy(prev, organisation, (o) => o.id === organisation.id)),
    [],
  );
  const removeOrganisation = useCallback(
    (organisationId: string) => setOrganisations((prev) => prev?.filter((o) => o.id !== organisationId) ?? null),
    [],
  );

  useServerEvent('channel:saved', (channel) => {
    if (channel.communityId === communityId) saveChannel(channel);
  });
  useServerEvent('channel:withdrawn', (p) => {
    if (p.communityId === communityId) setChannels((prev) => prev?.filter((c) => c.id !== p.channelId) ?? null);
  });
  useServerEvent('member:joined', (member) => {
    if (member.communityId === communityId) saveMember(member);
  });
  useServerEvent('member:updated', (member) => {
    if (member.communityId === communityId) saveMember(member);
  });
  useServerEvent('member:removed', (p) => {
    if (p.communityId === communityId) removeMember(p.userId);
  });
  useServerEvent('organisation:saved', (organisation) => {
    if (organisation.communityId === communityId) saveOrganisation(organisation);
  });
  useServerEvent('organisation:removed', (p) => {
    if (p.communityId === communityId) removeOrganisation(p.organisationId);
  });

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  return {
    channels,
    members,
    organisations,
    error,
    reload,
    saveChannel,
    saveMember,
    removeMember,
    saveOrganisation,
    removeOrganisation,
  };
}
