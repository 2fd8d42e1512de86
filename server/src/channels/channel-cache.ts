import type { Models } from '../models.js';
import type { CacheSync } from '../cache/sync.js';
import type { ChannelDoc } from './channel.model.js';

const MAX = 50_000;

/**
 * Channel settings (name, kind, visibility, archived) per node, for the access
 * check on every message (see cache/sync.ts). The message counter (lastSeq)
 * is never read from here.
 */
export function createChannelCache(models: Models, sync: CacheSync) {
  const byId = new Map<string, ChannelDoc>();
  sync.subscribe((msg) => {
    if (msg.kind === 'channel') byId.delete(msg.channelId);
  });
  return {
    async get(channelId: string): Promise<ChannelDoc | null> {
      const hit = byId.get(channelId);
      if (hit) return hit;
      const doc = (await models.Channel.findOne({ _id: channelId }).lean()) as ChannelDoc | null;
      if (doc) {
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
