import type { Models } from '../models.js';
import type { CacheSync } from '../cache/sync.js';
import type { ChannelDoc } from './channel.model.js';

const MAX = 50_000;

/**
 * Channel settings (name, kind, visibility, archived) per node, for the access
 * check on every message (see cache/sync.ts). Message seqs come from the
 * allocator in messages/message-writer.ts, never from here.
 */
export function createChannelCache(models: Models, sync: CacheSync) {
  const byId = new Map<string, ChannelDoc>();
  // A read that started before an invalidation must not cache what it read.
  let changes = 0;
  sync.subscribe((msg) => {
    if (msg.kind !== 'channel') return;
    changes++;
    byId.delete(msg.channelId);
  });
  sync.onReset(() => {
    changes++;
    byId.clear();
  });
  return {
    async get(channelId: string): Promise<ChannelDoc | null> {
      const hit = byId.get(channelId);
      if (hit) return hit;
      const before = changes;
      const doc = (await models.Channel.findOne({ _id: channelId }).lean()) as ChannelDoc | null;
      if (doc && before === changes) {
        if (byId.size >= MAX) byId.clear();
        byId.set(channelId, doc);
      }
      return doc;
    },
    /** Call after writing a channel: dropped here and on every other node. */
    changed: (channelId: string) => sync.publish({ kind: 'channel', channelId }),
  };
}

export type ChannelCache = ReturnType<typeof createChannelCache>;
