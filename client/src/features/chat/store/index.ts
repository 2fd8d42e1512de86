export { ChatStoreContext, useChat, useChatStore } from './context';
export { createChatStore, type ChatStore, type ChatStoreOptions } from './createChatStore';
export type { ChatState, OutboxEntry, OutboxStatus, Thread, Timeline, TypingEntry } from './types';
