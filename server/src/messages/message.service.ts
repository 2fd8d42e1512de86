import { LIMITS, can, type Channel, type EventPayload, type IssueLink, type Message } from '@linli/shared';
import { AppError, conflict, forbidden, notFound } from '../lib/errors.js';
import { objectId, op } from '../lib/db.js';
import type { LimiterFactory } from '../lib/rate-limit.js';
import type { Logger } from '../lib/logger.js';
import type { Caller } from '../context/caller.js';
import { actorOf } from '../context/actor.js';
import { authorize, loadAccess, type Access, type AccessDeps } from '../context/access.js';
import type { ChannelAudience, Notifier } from '../realtime/notifier.js';
import { activeMute } from '../members/presenters.js';
import { presentChannel } from '../channels/channel.service.js';
import type { ChannelCache } from '../channels/channel-cache.js';
import type { Staffing } from '../organisations/staffing.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ReactionDoc } from '../reactions/reaction.model.js';
import type { RedisClientType } from 'redis';
import type { MessageDoc } from './message.model.js';
import type { TopicChannels } from '../deliberation/topic-channels.js';
import { groupReactions, mentionedNames, presentMessage } from './presenters.js';
import { createMessageWriter, messageIdFor } from './message-writer.js';
import type { VoiceService } from '../voice/voice.service.js';
import { messageText } from '../voice/excerpt.js';
import { createMessagePages, PAGE_SIZE, type MessageCopy, type PageEntry } from './message-pages.js';
import type { HookPublisher } from '../hooks/hook.service.js';
import { announcementEvent } from '../hooks/events.js';

/** Why a member who may post in the channel may not right now. */
function mutedText(access: Access): string {
  const until = access.membership ? activeMute(access.membership) : null;
  return until ? `You are muted until ${until}` : 'You may not post in this channel';
}

export interface ChannelContext {
  channel: Channel;
  access: Access;
}

/**
 * Messages: send, edit, delete, history pages and catch-up; and the message
 * store the reactions, threads, reads, typing and moderation capabilities build on.
 */
export function createMessageService(deps: AccessDeps & {
  notify: Notifier;
  notifications: NotificationService;
  limiter: LimiterFactory;
  audit: AuditService;
  /** Sends per user per LIMITS.message.sendWindowSeconds. */
  sendBurst: number;
  channelCache: ChannelCache;
  staffing: Staffing;
  log: Logger;
  /** Shares each channel's seq allocator between nodes; null on a single node. */
  redis: RedisClientType | null;
  /** Deliberation topics' channels: who may post there now, and the stance an argument stores. */
  topicChannels: TopicChannels;
  /** Group robots (server/src/hooks): a new announcement is forwarded, never awaited. */
  hooks?: HookPublisher;
  /** Voice recordings a message may carry (claimed once, by their uploader). */
  voice?: Pick<VoiceService, 'claimForMessage' | 'releaseFromMessage'>;
}) {
  const { models, notify, notifications } = deps;
  const sendLimiter = deps.limiter({ name: 'message-send', points: deps.sendBurst, durationSeconds: LIMITS.message.sendWindowSeconds });

  /** Loads a channel and the caller's access; FORBIDDEN unless they may see it. */
  async function channelFor(caller: Caller, channelId: string): Promise<ChannelContext> {
    const doc = await deps.channelCache.get(channelId);
    if (!doc) throw notFound('Channel');
    const channel = presentChannel(doc);
    const access = await loadAccess(deps, caller, channel.communityId);
    authorize(access, 'channel.view', channel);
    return { channel, access };
  }

  async function loadMessage(messageId: string): Promise<MessageDoc> {
    const found = (await models.Message.findOne({ _id: messageId }).lean()) as MessageDoc | null;
    if (!found) throw notFound('Message');
    return found;
  }

  async function withReactions(docs: MessageDoc[]): Promise<Message[]> {
    if (docs.length === 0) return [];
    const rows = (await models.Reaction.find({ messageId: op({ $in: docs.map((doc) => doc._id) }) }).lean()) as ReactionDoc[];
    const byMessage = new Map<string, ReactionDoc[]>();
    for (const row of rows) {
      const key = row.messageId.toString();
      byMessage.set(key, [...(byMessage.get(key) ?? []), row]);
    }
    return docs.map((doc) => presentMessage(doc, groupReactions(byMessage.get(doc._id.toString()) ?? [])));
  }

  const one = async (doc: MessageDoc) => (await withReactions([doc]))[0]!;

  /** Members named with @ who can see the channel (others are not told). */
  async function resolveMentions(ctx: ChannelContext, body: string, authorId: string): Promise<{ userId: string }[]> {
    const names = mentionedNames(body).slice(0, LIMITS.message.maxMentions);
    if (names.length === 0) return [];
    const wanted = new Set(names);
    const named = deps.memberships.ofCommunity(ctx.channel.communityId).filter((membership) => wanted.has(membership.displayName));
    const out: { userId: string }[] = [];
    for (const membership of named) {
      const userId = membership.userId.toString();
      if (userId === authorId) continue;
      const organisationIds = ctx.channel.visibility.type === 'organisation' ? await deps.staffing.of(ctx.channel.communityId, userId) : [];
      if (can(actorOf(userId, false, membership, organisationIds), 'channel.view', ctx.channel)) out.push({ userId });
    }
    return out;
  }

  const pages = createMessagePages(models, withReactions);
  const writer = createMessageWriter(models, pages, deps.log, deps.redis);
  const wire = ({ rev: _rev, ...message }: MessageCopy): Message => message;

  /**
   * After a change of a message: loads and presents it, replaces its copy in the
   * channel's pages and shows it live to everyone who can see the channel.
   */
  async function publishUpdate(channel: ChannelAudience, messageId: string): Promise<Message> {
    const doc = await loadMessage(messageId);
    const message = await one(doc);
    await pages.writeCopy({ ...message, rev: doc.rev ?? 0 }).catch((err: unknown) => deps.log.error({ err, messageId }, 'message page copy failed'));
    notify.toChannel(channel, null, 'message:updated', message);
    return message;
  }

  /** Walks a channel's pages downwards from `top` to `floor`, handing each entry to `take` until it returns false. */
  async function walkDown(channelId: string, top: number, floor: number, headAt: Date | null, take: (seq: number, entry: PageEntry) => boolean, chunk = PAGE_SIZE): Promise<void> {
    while (top >= floor) {
      const from = Math.max(floor, top - chunk + 1);
      const entries = await pages.entries(channelId, from, top, headAt);
      for (let i = entries.length - 1; i >= 0; i--) if (!take(from + i, entries[i])) return;
      top = from - 1;
    }
  }

  return {
    channelFor,
    loadMessage,
    one,
    withReactions,
    publishUpdate,
    walkDown,
    /** The channel's newest seq handed out, and when. */
    head: (channelId: string) => writer.head(channelId),
    warm: () => writer.warm(),
    close: () => writer.close(),

    async send(caller: Caller, input: EventPayload<'message:send'>): Promise<Message> {
      await sendLimiter.consume(caller.userId);
      const ctx = await channelFor(caller, input.channelId);
      const { channel, access } = ctx;
      if (!can(access.actor, 'channel.post', channel)) throw forbidden('You may not post in this channel');
      if (!can(access.actor, 'message.send', channel)) throw forbidden(mutedText(access));

      let parent: MessageDoc | null = null;
      if (input.parentId) {
        parent = await loadMessage(input.parentId);
        if (parent.channelId.toString() !== channel.id) throw notFound('Message');
        if (parent.parentId) throw new AppError('VALIDATION_FAILED', 'Reply to the thread’s first message', { issues: [{ path: 'parentId', message: 'is itself a reply' }] });
        if (parent.state !== 'visible') throw conflict('That message was removed');
      }
      const stance = await deps.topicChannels.stanceForPost(channel, access.actor, { stance: input.stance, reply: parent !== null });

      const mentions = await resolveMentions(ctx, input.body, caller.userId);
      const now = new Date();
      // A recording: the sender's own unused clip of this community, claimed for this message's id (a retry claims it again).
      const messageId = messageIdFor(caller.userId, input.clientId).toString();
      let voice: { clipId: ReturnType<typeof objectId>; durationMs: number } | null = null;
      if (input.voice) {
        if (!deps.voice) throw new AppError('VALIDATION_FAILED', 'Voice messages are not available', { issues: [{ path: 'voice', message: 'not available' }] });
        const clip = await deps.voice.claimForMessage(input.voice.id, { uploaderId: caller.userId, communityId: channel.communityId, messageId, channelId: channel.id });
        voice = { clipId: objectId(clip.id), durationMs: clip.durationMs };
      }
      const fields = {
        communityId: channel.communityId,
        channelId: channel.id,
        authorName: caller.displayName,
        body: input.body,
        mentions: mentions.map((mention) => mention.userId),
        parentId: parent?._id ?? null,
        stance,
        voice,
      };
      let inserted;
      try {
        inserted = await writer.insert(channel.id, caller.userId, input.clientId, fields);
      } catch (err) {
        // Not stored (a retry with the same client id may claim it again).
        if (input.voice) await deps.voice?.releaseFromMessage(input.voice.id, messageId).catch(() => undefined);
        throw err;
      }
      const { doc: stored, fresh } = inserted;
      if (!fresh) {
        // A retry of a stored send: answer with the stored message and announce it
        // again, in case the first broadcast was lost with the first ack.
        if (stored.channelId.toString() !== channel.id) throw conflict('This client id was used in another channel');
        const again = await one(stored);
        notify.toChannel(channel, null, 'message:created', again);
        return again;
      }
      const message = presentMessage(stored, []);
      // Broadcast only after the write.
      notify.toChannel(channel, null, 'message:created', message);
      if (channel.kind === 'announcements' && !parent) deps.hooks?.publish(channel.communityId, announcementEvent(message, channel.name));
      // Unread counts never include one's own messages, so sending needs no read-marker
      // write; the open channel marks itself read through channel:markRead.

      if (parent) {
        await models.Message.updateOne({ _id: parent._id }, { $inc: { replyCount: 1 }, $set: { lastReplyAt: now } });
        await publishUpdate(channel, parent._id.toString());
      }
      const mentioned = new Set(mentions.map((mention) => mention.userId));
      for (const userId of mentioned) {
        await notifications.create({ userId, communityId: channel.communityId, kind: 'mention', channelId: channel.id, messageId: message.id, actorName: caller.displayName, excerpt: messageText({ body: input.body, voice }) });
      }
      const parentAuthor = parent?.authorId.toString();
      if (parentAuthor && parentAuthor !== caller.userId && !mentioned.has(parentAuthor)) {
        await notifications.create({ userId: parentAuthor, communityId: channel.communityId, kind: 'reply', channelId: channel.id, messageId: message.id, actorName: caller.displayName, excerpt: messageText({ body: input.body, voice }) });
      }
      return message;
    },

    /**
     * A notice Linli posts for another capability (a problem report filed or
     * moved on, a deliberation topic closed): written as its actor, outside the send
     * rate limit and the posting rules (the action itself was authorised), once per
     * clientId. `issueLink` null: a plain notice (its body is all there is).
     */
    async postNotice(channel: Channel, author: { userId: string; name: string }, clientId: string, body: string, issueLink: IssueLink | null = null): Promise<Message> {
      const link = issueLink ? { ...issueLink, issueId: objectId(issueLink.issueId) } : null;
      const fields = { communityId: channel.communityId, channelId: channel.id, authorName: author.name, body, mentions: [], parentId: null, issueLink: link };
      const { doc } = await writer.insert(channel.id, author.userId, clientId, fields);
      const message = await one(doc);
      notify.toChannel(channel, null, 'message:created', message);
      return message;
    },

    async edit(caller: Caller, input: EventPayload<'message:edit'>): Promise<Message> {
      const message = await loadMessage(input.messageId);
      if (message.issueLink) throw forbidden('Notices about problem reports cannot be edited');
      const { channel, access } = await channelFor(caller, message.channelId.toString());
      const ref = { authorId: message.authorId.toString(), channel };
      if (!can(access.actor, 'message.edit', ref)) throw forbidden(message.authorId.toString() === caller.userId ? mutedText(access) : 'Only the author may edit a message');
      await deps.topicChannels.checkEdit(channel, access.actor);
      if (message.state !== 'visible') throw conflict('That message was removed');
      const mentions = await resolveMentions({ channel, access }, input.body, caller.userId);
      await models.Message.updateOne({ _id: message._id, state: 'visible' }, { $set: { body: input.body, editedAt: new Date(), mentions: mentions.map((mention) => mention.userId) } });
      return publishUpdate(channel, input.messageId);
    },

    async remove(caller: Caller, input: EventPayload<'message:delete'>): Promise<Message> {
      const message = await loadMessage(input.messageId);
      const { channel, access } = await channelFor(caller, message.channelId.toString());
      const own = message.authorId.toString() === caller.userId;
      if (!can(access.actor, 'message.delete', { authorId: message.authorId.toString(), channel })) throw forbidden('Only the author or a moderator may delete a message');
      if (message.state === 'deleted') return one(message);
      await models.Message.updateOne({ _id: message._id }, { $set: { state: 'deleted', moderatedBy: own ? null : caller.userId } });
      const updated = await publishUpdate(channel, input.messageId);
      if (!own) {
        await deps.audit.record(channel.communityId, caller, 'message.delete', { type: 'message', id: updated.id }, { author: message.authorName, excerpt: messageText(message).slice(0, 60) });
        await notifications.create({ userId: message.authorId.toString(), communityId: channel.communityId, kind: 'moderation', channelId: channel.id, messageId: updated.id, actorName: caller.displayName, excerpt: messageText(message) });
      }
      return updated;
    },

    async history(caller: Caller, input: EventPayload<'message:history'>) {
      await channelFor(caller, input.channelId);
      const head = await writer.head(input.channelId);
      const top = input.beforeSeq ? Math.min(input.beforeSeq - 1, head.seq) : head.seq;
      const found: Message[] = [];
      // The newest page also says up to where the caller holds every seq (for catch-up).
      let firstUnknown = Infinity;
      await walkDown(input.channelId, top, 1, head.at, (seq, entry) => {
        if (entry === undefined) firstUnknown = seq;
        else if (entry && entry.parentId === null) found.push(wire(entry));
        return found.length <= input.limit;
      });
      const hasMore = found.length > input.limit;
      const through = input.beforeSeq ? null : Math.min(head.seq, firstUnknown - 1);
      return { messages: found.slice(0, input.limit).reverse(), hasMore, through };
    },

    /**
     * Catch-up after an absence: every message after a seq (thread replies included),
     * plus recent older messages changed since a time. `through` is the seq up to which
     * nothing more can arrive: a gap below it is a seq that never holds a message, a gap
     * above it may be a write still in flight on another node, so the caller catches up
     * from `through` next time, never from the highest seq it happens to hold.
     */
    async sync(caller: Caller, input: EventPayload<'message:sync'>) {
      await channelFor(caller, input.channelId);
      const head = await writer.head(input.channelId);
      const to = Math.min(head.seq, input.afterSeq + LIMITS.message.syncMax);
      const entries = await pages.entries(input.channelId, input.afterSeq + 1, to, head.at);
      const gap = entries.indexOf(undefined);
      const through = gap === -1 ? Math.max(input.afterSeq, to) : input.afterSeq + gap;
      let changed: Message[] = [];
      if (input.updatedSince && input.afterSeq > 0) {
        const since = input.updatedSince;
        const older = await pages.entries(input.channelId, Math.max(1, input.afterSeq - LIMITS.message.syncChangedSeqs + 1), input.afterSeq, head.at);
        changed = older.filter((entry): entry is MessageCopy => !!entry && entry.updatedAt > since).map(wire);
      }
      const fresh = entries.filter((entry): entry is MessageCopy => !!entry).map(wire);
      return { messages: [...changed, ...fresh], hasMore: to < head.seq, through };
    },

  };
}

export type MessageService = ReturnType<typeof createMessageService>;
