/** Threads: a first message and its replies, loaded when a thread panel opens. */
import type { Message, WireError } from '@linli/shared';
import { request } from '../../../lib/socket';
import type { StoreCore } from './core';
import { upsertSorted } from './messages';

/** Loads (or reloads) the thread a message belongs to; resolves with the thread's first message id. */
export type OpenThread = (messageId: string) => Promise<{ parentId: string } | WireError>;

export function createThreadLoader(core: StoreCore, ingest: (messages: Message[]) => void): OpenThread {
  return async (messageId) => {
    const res = await request('message:thread', { messageId });
    if (!res.ok) return res.error;
    const { parent, replies } = res.data;
    const threads = core.get().threads;
    const existing = threads[parent.id];
    let merged = replies;
    if (existing) for (const reply of existing.replies) merged = upsertSorted(merged, reply);
    core.set({ threads: { ...threads, [parent.id]: { parent, replies: merged } } });
    ingest([parent, ...replies]);
    return { parentId: parent.id };
  };
}
