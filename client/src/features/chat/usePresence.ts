/** Who is online in a community: a cached userId -> displayName map, patched from presence pushes. */
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { queryKeys, requestData, useSocketQuery } from '../../lib/query';
import { useCommunityEvent } from '../../lib/communityEvents';

export type Online = Record<string, string>;

const presenceQuery = (communityId: string) =>
  queryOptions({
    queryKey: queryKeys.presence(communityId),
    queryFn: async (): Promise<Online> => {
      const online: Online = {};
      for (const entry of await requestData('presence:list', { communityId })) online[entry.userId] = entry.displayName;
      return online;
    },
  });

/** Members online now, or undefined until loaded. */
export function usePresence(communityId: string): Online | undefined {
  return useSocketQuery(presenceQuery(communityId)).data;
}

/** Applies presence pushes of the community to its cached map (mounted once per community screen). */
export function usePresenceUpdates(communityId: string): void {
  const queryClient = useQueryClient();
  useCommunityEvent('presence:changed', communityId, (push) => {
    queryClient.setQueryData(presenceQuery(communityId).queryKey, (current) => {
      if (!current) return current;
      const next = { ...current };
      for (const change of push.changes) {
        if (change.online) next[change.userId] = change.displayName;
        else delete next[change.userId];
      }
      return next;
    });
  });
}
