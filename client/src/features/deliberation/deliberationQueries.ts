/** Deliberation topics in the query cache, kept live by `deliberation:saved`. */
import { useQueryClient } from '@tanstack/react-query';
import type { Channel, Deliberation, DeliberationState, EventResults } from '@linli/shared';
import { requestData, socketQueryFn, useSocketQuery } from '../../lib/query';
import { usePagedList } from '../../lib/usePagedList';
import { useServerEvent } from '../../lib/socket';

export type StateFilter = DeliberationState | 'all';
/** Which topics a cached list holds: by state, started from a problem report, or the one of a channel. */
export interface ListFilter {
  state: StateFilter;
  issueId?: string;
  channelId?: string;
}

export const deliberationKeys = {
  all: (communityId: string) => ['deliberations', communityId] as const,
  lists: (communityId: string) => ['deliberations', communityId, 'list'] as const,
  list: (communityId: string, filter: ListFilter) => ['deliberations', communityId, 'list', filter] as const,
  detail: (communityId: string, deliberationId: string) => ['deliberations', communityId, 'detail', deliberationId] as const,
};

type ListResult = EventResults['deliberation:list'];
type GetResult = EventResults['deliberation:get'];

export function useDeliberationList(communityId: string, filter: ListFilter) {
  const payload = filter.issueId ? { communityId, state: filter.state, issueId: filter.issueId } : { communityId, state: filter.state };
  return useSocketQuery({ queryKey: deliberationKeys.list(communityId, filter), queryFn: socketQueryFn('deliberation:list', payload) });
}

/** Topics per page of the deliberation tab (it loads more as you scroll). */
export const DELIBERATION_PAGE = 20;

/** The deliberation tab's list by state: the newest page first, older pages as the reader scrolls. */
export function useDeliberationPages(communityId: string, state: StateFilter) {
  return usePagedList({
    query: { queryKey: deliberationKeys.list(communityId, { state }), queryFn: socketQueryFn('deliberation:list', { communityId, state, limit: DELIBERATION_PAGE }) },
    pageSize: DELIBERATION_PAGE,
    fetchPage: (last: Deliberation) => requestData('deliberation:list', { communityId, state, beforeNumber: last.number, limit: DELIBERATION_PAGE }),
    merge: (list: ListResult, page: ListResult) => ({ ...list, supported: [...new Set([...list.supported, ...page.supported])] }),
  });
}

/**
 * The topic whose channel this is, or null (any other channel, the 议事厅 included): the
 * chat view words a closed topic's read-only composer and links the topic page from it.
 * Asked only for channels of kind 'deliberation'; kept live like every list.
 */
export function useChannelTopic(channel: Channel): Deliberation | null {
  const { communityId } = channel;
  const isTopicKind = channel.kind === 'deliberation';
  useDeliberationsLive(communityId, isTopicKind);
  const query = useSocketQuery({
    queryKey: deliberationKeys.list(communityId, { state: 'all', channelId: channel.id }),
    queryFn: socketQueryFn('deliberation:list', { communityId, state: 'all', channelId: channel.id }),
    enabled: isTopicKind,
  });
  return isTopicKind ? (query.data?.items.find((item) => item.channelId === channel.id) ?? null) : null;
}

/** A list that cannot hold the topic (another report's or another channel's): a change of it leaves that list alone. */
const outside = (filter: ListFilter | undefined, topic: Deliberation) =>
  (filter?.channelId !== undefined && filter.channelId !== topic.channelId) || (filter?.issueId !== undefined && !topic.issues.some((ref) => ref.issueId === filter.issueId));

export function useDeliberation(communityId: string, deliberationId: string) {
  return useSocketQuery({ queryKey: deliberationKeys.detail(communityId, deliberationId), queryFn: socketQueryFn('deliberation:get', { deliberationId }) });
}

/** The newer of two copies of a topic (pushes from two nodes may arrive out of order). */
const newer = (held: Deliberation, incoming: Deliberation) => (incoming.updatedAt >= held.updatedAt ? incoming : held);

/**
 * Patches the cached lists and the open topic with every `deliberation:saved` of the community;
 * a topic that changed state, or one the lists do not hold yet, refetches the lists.
 */
export function useDeliberationsLive(communityId: string, enabled = true) {
  const client = useQueryClient();
  useServerEvent('deliberation:saved', (topic) => {
    if (!enabled || topic.communityId !== communityId) return;
    let refetch = false;
    for (const [key, data] of client.getQueriesData<ListResult>({ queryKey: deliberationKeys.lists(communityId) })) {
      if (!data) continue;
      const held = data.items.find((item) => item.id === topic.id);
      if (!held && outside(key[3] as ListFilter | undefined, topic)) continue;
      if (!held || held.state !== topic.state) refetch = true;
      else client.setQueryData<ListResult>(key, { ...data, items: data.items.map((item) => (item.id === topic.id ? newer(item, topic) : item)) });
    }
    if (refetch) void client.invalidateQueries({ queryKey: deliberationKeys.lists(communityId) });
    const detailKey = deliberationKeys.detail(communityId, topic.id);
    const detail = client.getQueryData<GetResult>(detailKey);
    if (detail) {
      // Opening creates the channel: the page then needs the channel too.
      if (detail.deliberation.state !== topic.state && topic.channelId && !detail.channel) void client.invalidateQueries({ queryKey: detailKey });
      else client.setQueryData<GetResult>(detailKey, { ...detail, deliberation: newer(detail.deliberation, topic) });
    }
  });
  useServerEvent('deliberation:settingsSaved', (settings) => {
    if (enabled && settings.communityId === communityId) void client.invalidateQueries({ queryKey: deliberationKeys.lists(communityId) });
  });
}
