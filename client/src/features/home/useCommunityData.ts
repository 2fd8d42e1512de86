/** Channels, members and organisations of one community: cached lists kept live from notifications. */
import { useCallback } from 'react';
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import type { Channel, Member, Organisation, WireError } from '@linli/shared';
import { queryKeys, requestData, socketQueryFn, useSocketQuery } from '../../lib/query';
import { useCommunityEvent, useMemberSaved } from '../../lib/communityEvents';

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
export function byPosition(first: Channel, second: Channel): number {
  return first.position - second.position || first.createdAt.localeCompare(second.createdAt);
}

/** Staff also load archived channels so they can restore them. */
export const channelsQuery = (communityId: string, includeArchived: boolean) =>
  queryOptions({
    queryKey: queryKeys.channels(communityId, includeArchived),
    queryFn: async () => (await requestData('channel:list', { communityId, includeArchived })).slice().sort(byPosition),
  });

export const membersQuery = (communityId: string) =>
  queryOptions({ queryKey: queryKeys.members(communityId, 'all'), queryFn: socketQueryFn('member:list', { communityId }) });

export const organisationsQuery = (communityId: string) =>
  queryOptions({ queryKey: queryKeys.organisations(communityId), queryFn: socketQueryFn('organisation:list', { communityId }) });

/** Replaces the item `same` finds, or appends it; an unloaded list stays unloaded (its pending load will include it). */
function upsertBy<T>(list: T[] | undefined, item: T, same: (candidate: T) => boolean): T[] | undefined {
  if (list === undefined) return undefined;
  const index = list.findIndex(same);
  if (index === -1) return [...list, item];
  const next = list.slice();
  next[index] = item;
  return next;
}

export function useCommunityData(communityId: string, isStaff: boolean): CommunityData {
  const queryClient = useQueryClient();
  const channels = useSocketQuery(channelsQuery(communityId, isStaff));
  const members = useSocketQuery(membersQuery(communityId));
  const organisations = useSocketQuery(organisationsQuery(communityId));

  const saveChannel = useCallback(
    (channel: Channel) =>
      queryClient.setQueryData(channelsQuery(communityId, isStaff).queryKey, (list) => {
        const hidden = channel.archived && !isStaff;
        const next = hidden ? list?.filter((item) => item.id !== channel.id) : upsertBy(list, channel, (item) => item.id === channel.id);
        return next?.slice().sort(byPosition);
      }),
    [queryClient, communityId, isStaff],
  );
  const removeChannel = (channelId: string) =>
    queryClient.setQueryData(channelsQuery(communityId, isStaff).queryKey, (list) => list?.filter((item) => item.id !== channelId));
  const saveMember = useCallback(
    (member: Member) =>
      queryClient.setQueryData(membersQuery(communityId).queryKey, (list) => upsertBy(list, member, (item) => item.userId === member.userId)),
    [queryClient, communityId],
  );
  const removeMember = useCallback(
    (userId: string) => queryClient.setQueryData(membersQuery(communityId).queryKey, (list) => list?.filter((item) => item.userId !== userId)),
    [queryClient, communityId],
  );
  const saveOrganisation = useCallback(
    (organisation: Organisation) =>
      queryClient.setQueryData(organisationsQuery(communityId).queryKey, (list) =>
        upsertBy(list, organisation, (item) => item.id === organisation.id),
      ),
    [queryClient, communityId],
  );
  const removeOrganisation = useCallback(
    (organisationId: string) =>
      queryClient.setQueryData(organisationsQuery(communityId).queryKey, (list) => list?.filter((item) => item.id !== organisationId)),
    [queryClient, communityId],
  );

  useCommunityEvent('channel:saved', communityId, saveChannel);
  useCommunityEvent('channel:withdrawn', communityId, (push) => removeChannel(push.channelId));
  useMemberSaved(communityId, saveMember);
  useCommunityEvent('member:removed', communityId, (push) => removeMember(push.userId));
  useCommunityEvent('organisation:saved', communityId, saveOrganisation);
  useCommunityEvent('organisation:removed', communityId, (push) => removeOrganisation(push.organisationId));

  const refetchChannels = channels.refetch;
  const refetchMembers = members.refetch;
  const refetchOrganisations = organisations.refetch;
  const reload = useCallback(() => {
    void refetchChannels();
    void refetchMembers();
    void refetchOrganisations();
  }, [refetchChannels, refetchMembers, refetchOrganisations]);

  return {
    channels: channels.data ?? null,
    members: members.data ?? null,
    organisations: organisations.data ?? null,
    error: channels.error ?? members.error ?? organisations.error,
    reload,
    saveChannel,
    saveMember,
    removeMember,
    saveOrganisation,
    removeOrganisation,
  };
}
