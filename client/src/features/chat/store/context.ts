/** The session's chat store, provided by the signed-in shell and read by the chat screens. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ChatStore } from './createChatStore';
import type { ChatState } from './types';

export const ChatStoreContext = createContext<ChatStore | null>(null);

/** The signed-in session's chat store; only valid below the signed-in part of the tree. */
export function useChatStore(): ChatStore {
  const store = useContext(ChatStoreContext);
  if (!store) throw new Error('useChatStore outside ChatStoreContext');
  return store;
}

/** Selects a slice of the chat store; the selector must return stored references. */
export function useChat<T>(selector: (state: ChatState) => T): T {
  const store = useChatStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
