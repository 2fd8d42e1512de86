/** Wires the chat store to the community on screen: read positions and presence. */
import { useEffect } from 'react';
import { useConnectedOnce } from '../../lib/query';
import { useChatStore } from './store';
import { usePresence, usePresenceUpdates } from './usePresence';

export function useChatCommunity(communityId: string): void {
  const chat = useChatStore();
  const connected = useConnectedOnce();

  useEffect(() => {
    chat.setActiveCommunity(communityId);
    return () => chat.setActiveCommunity(null);
  }, [chat, communityId]);

  // Later reconnects are handled by the store (read positions) and the query cache (presence).
  useEffect(() => {
    if (connected) void chat.loadReadStates(communityId);
  }, [chat, communityId, connected]);

  usePresence(communityId);
  usePresenceUpdates(communityId);
}
