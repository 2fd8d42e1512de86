import { LIMITS, can, type Channel, type ChannelReadState, type EventPayload } from '@linli/shared';
import { derivedId } from '../lib/db.js';
import { upsertRetrying } from '../lib/errors.js';
import { PAGE_SIZE } from '../messages/message-pages.js';
import type { Caller } from '../context/caller.js';
import { requireAccess, type AccessDeps } from '../context/access.js';
import type { Notifier } from '../realtime/notifier.js';
import { presentChannel } from '../channels/channel.service.js';
import type { ChannelDoc } from '../channels/channel.model.js';
import type { MessageService } from '../messages/message.service.js';

/** Read positions per user and channel, and unread counts from the channel's message pages. */
export function createReadService(deps: AccessDeps & { notify: Notifier; messages: MessageService }) {
  const { models, messages } = deps;

  /** Unread main-timeline messages by others after a seq, counted up to LIMITS.message.unreadCap. */
  async function unreadIn(channelId: string, userId: string, afterSeq: number, head: { seq: number; at: Date | null }): Promise<number> {
    let unread = 0;
    await messages.walkDown(channelId, head.seq, afterSeq + 1, head.at, (_seq, entry) => {
      if (entry && entry.parentId === null && entry.state === 'visible' && entry.authorId !== userId) unread++;
      return unread < LIMITS.message.unreadCap;
    }, PAGE_SIZE * 2); // one read reaches the cap in most channels
    return unread;
  }

  /** A read marker's _id says whose and where: read and written by _id only. */
  const markerId = (userId: string, channelId: string) => derivedId('read', userId, channelId);

  const raiseMarker = (userId: string, channel: Channel, seq: number) =>
    upsertRetrying(() =>
      models.ReadMarker.findOneAndUpdate(
        { _id: markerId(userId, channel.id) },
        { $max: { lastReadSeq: seq }, $setOnInsert: { userId, channelId: channel.id, communityId: channel.communityId } },
        { upsert: true, new: true },
      ).lean(),
    );

  async function stateOf(userId: string, channel: Channel, lastReadSeq: number): Promise<ChannelReadState> {
    const head = await messages.head(channel.id);
    return { communityId: channel.communityId, channelId: channel.id, lastSeq: head.seq, lastReadSeq, unread: await unreadIn(channel.id, userId, lastReadSeq, head) };
  }

  return {
    async markRead(caller: Caller, input: EventPayload<'channel:markRead'>): Promise<ChannelReadState> {
      const { channel } = await messages.channelFor(caller, input.channelId);
      // Never read past the newest seq handed out.
      const seq = Math.min(input.seq, (await messages.head(channel.id)).seq);
      const marker = await raiseMarker(caller.userId, channel, seq);
      const state = await stateOf(caller.userId, channel, marker?.lastReadSeq ?? 0);
      deps.notify.toUser(caller.userId, 'read:updated', state);
      return state;
    },

    async readStates(caller: Caller, input: EventPayload<'channel:readStates'>): Promise<ChannelReadState[]> {
      const access = await requireAccess(deps, caller, input.communityId, 'community.view');
      const channels = ((await models.Channel.find({ communityId: input.communityId, archived: false }).lean()) as ChannelDoc[])
        .map(presentChannel)
        .filter((channel) => can(access.actor, 'channel.view', channel));
      return Promise.all(
        channels.map(async (channel) => {
          const lastReadSeq = (await models.ReadMarker.findOne({ _id: markerId(caller.userId, channel.id) }).lean())?.lastReadSeq ?? 0;
          return stateOf(caller.userId, channel, lastReadSeq);
        }),
      );
    },
  };
}

export type ReadService = ReturnType<typeof createReadService>;
