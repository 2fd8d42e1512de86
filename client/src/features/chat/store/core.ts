/** The state container every part of one chat store shares. */
import type { ChatState } from './types';

export interface StoreCore {
  /** The signed-in user the store belongs to. */
  readonly userId: string;
  get(): ChatState;
  set(next: Partial<ChatState>): void;
  subscribe(listener: () => void): () => void;
}

export function createCore(userId: string, initial: ChatState): StoreCore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    userId,
    get: () => state,
    set(next) {
      state = { ...state, ...next };
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
