/** Wires the chat store to the community on screen: read positions and presence. */
import { useEffect } from 'react';
import { useConnection } from '../../lib/socket';
import { loadPresence, loadReadStates, setActiveCommunity } from './store';

export function useChatCommunity(communityId: string): void {
  const { epoch } = useConnection();
  const connected = epoch > 0;

  useEffect(() => {
    setActiveCommunity(communityId);
    return () => setActiveCommunity(null);
  }, [communityId]);

  // Later reconnects are handled by the store (it knows whether socket.io recovered the session).
  useEffect(() => {
    if (!connected) return;
    void loadReadStates(communityId);
    void loadPresence(communityId);
  }, [communityId, connected]);
}
