/**
 * What lives exactly as long as one signed-in session: the server-state cache and the
 * chat store. Mounted with the user id as key, so another user never sees the first
 * user's cached lists, timelines or outbox; both are cleared when the session ends.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient, queryKeys, useRefetchAfterReconnect } from '../../lib/query';
import { useConnection } from '../../lib/socket';
import { ChatStoreContext, createChatStore } from '../chat/store';
import { forgetLastLoaded, keepLastLoaded, restoreLastLoaded } from '../push/lastLoaded';

/** Online but not connected after this long (a weak network): show what was last loaded meanwhile. */
const WEAK_NETWORK_MS = 3000;

export function SessionScope({ userId, children }: { userId: string; children: ReactNode }) {
  // Opened offline, pages show what was last loaded (kept per user, dropped at sign-out). Opened
  // online they wait for the server instead: a restored copy would show stale lists until refetched.
  const [queryClient] = useState(() => (navigator.onLine === false ? restoreLastLoaded(createQueryClient(), userId) : createQueryClient()));
  const { epoch } = useConnection();
  useEffect(() => {
    if (epoch > 0) return;
    const timer = setTimeout(() => restoreLastLoaded(queryClient, userId), WEAK_NETWORK_MS);
    return () => clearTimeout(timer);
  }, [epoch, queryClient, userId]);
  const [chat] = useState(() =>
    createChatStore({
      userId,
      onLongAbsence: () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.presenceAll() });
        void queryClient.invalidateQueries({ queryKey: queryKeys.notifications() });
      },
    }),
  );

  useEffect(() => chat.start(), [chat]);
  useEffect(() => keepLastLoaded(queryClient, userId), [queryClient, userId]);
  useRefetchAfterReconnect(queryClient);
  useOnFinalUnmount(() => {
    chat.dispose();
    queryClient.clear();
    forgetLastLoaded(userId);
  });

  return (
    <QueryClientProvider client={queryClient}>
      <ChatStoreContext.Provider value={chat}>{children}</ChatStoreContext.Provider>
    </QueryClientProvider>
  );
}

/**
 * Runs `dispose` once the component is gone for good. StrictMode's rehearsal unmount in
 * development is followed by a remount in the same commit, so the check waits one task.
 */
function useOnFinalUnmount(dispose: () => void): void {
  const latest = useRef(dispose);
  const mounted = useRef(false);
  useEffect(() => {
    latest.current = dispose;
  });
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      setTimeout(() => {
        if (!mounted.current) latest.current();
      }, 0);
    };
  }, []);
}
