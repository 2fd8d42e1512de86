import {
  DELIBERATION_LIMITS,
  LIMITS,
  groupArguments,
  type Channel,
  type Deliberation,
  type DeliberationSettings,
  type DeliberationState,
  type EventPayload,
  type Message,
} from '@linli/shared';
import { AppError, conflict, isDuplicateKey, notFound } from '../lib/errors.js';
import { derivedId, op } from '../lib/db.js';
import { iso } from '../lib/dates.js';
import type { Logger } from '../lib/logger.js';
import type { Caller } from '../context/caller.js';
import { requireAccess, type AccessDeps } from '../context/access.js';
import type { Notifier } from '../realtime/notifier.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { MessageService } from '../messages/message.service.js';
import type { ChannelCache } from '../channels/channel-cache.js';
import { presentChannel } from '../channels/channel.service.js';
import type { ChannelDoc } from '../channels/channel.model.js';
import type { Clock } from '../issues/issue-store.js';
import type { DeliberationDoc } from './deliberation.model.js';
import { topicChannelId } from './topic-channels.js';

/** What the poll and decision capabilities read of a topic (interfaces.md). */
export interface DeliberationRef {
  id: string;
  communityId: string;
  number: number;
  title: string;
  state: DeliberationState;
  openedAt: Date | null;
  closedAt: Date | null;
  channelId: string | null;
  /** The problem reports the topic started from. */
  issueIds: string[];
}

/** Seqs of a topic's channel read for its arguments and participants (newest first); a topic is community-sized. */
const MAX_CHANNEL_SEQS = 5000;

export function presentDeliberation(doc: DeliberationDoc): Deliberation {
  return {
    id: doc._id.toString(),
    communityId: doc.communityId.toString(),
    number: doc.number,
    title: doc.title,
    description: doc.description ?? '',
    state: doc.state,
    proposerId: doc.proposerId.toString(),
    proposerName: doc.proposerName,
    supportCount: Math.max(0, doc.supportCount ?? 0),
    supportThreshold: doc.supportThreshold,
    openedById: doc.openedById?.toString() ?? null,
    openedByName: doc.openedByName ?? null,
    issues: (doc.issues ?? []).map((ref) => ({ issueId: ref.issueId.toString(), number: ref.number, title: ref.title })),
    channelId: doc.channelId?.toString() ?? null,
    summary: doc.summary
      ? { summaryFor: doc.summary.summaryFor, summaryAgainst: doc.summary.summaryAgainst, conclusion: doc.summary.conclusion, closedById: doc.summary.closedById.toString(), closedByName: doc.summary.closedByName }
      : null,
    rejectReason: doc.rejectReason ?? null,
    openedAt: iso(doc.openedAt),
    closedAt: iso(doc.closedAt),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** The channel's name: "议事 #3 title", cut to the channel name limit. */
export function topicChannelName(number: number, title: string, max: number = LIMITS.channelName.max): string {
  const name = `议事 #${number} ${title}`;
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The notice a close posts in the topic's channel (in Chinese, like the channel's name):
 * the summary of each side and the conclusion, each part cut so the message stays
 * within the message length limit (the topic page shows the summary whole).
 */
export function closeNoticeBody(topic: { number: number; title: string }, summary: { summaryFor: string; summaryAgainst: string; conclusion: string }, max: number = LIMITS.message.maxLength): string {
  const head = `议事 #${topic.number}「${topic.title}」讨论已结束，总结如下：`;
  const parts = [
    ['支持方观点', summary.summaryFor],
    ['反对方观点', summary.summaryAgainst],
    ['结论', summary.conclusion],
  ] as const;
  const labels = parts.reduce((sum, [label]) => sum + label.length + 3, head.length);
  const each = Math.max(20, Math.floor((max - labels) / parts.length));
  return clip([head, ...parts.map(([label, text]) => `${label}：${clip(text.trim(), each)}`)].join('\n'), max);
}

/**
 * Deliberation topics (议事): proposals and their supporters, opening (by a moderator,
 * or once by the supporters even when supports race on two nodes: a conditional
 * update claims it), the topic's channel (arguments are its messages, with a stance),
 * closing with a summary, and the lookups polls and decisions use.
 */
export function createDeliberationService(
  deps: AccessDeps & {
    notify: Notifier;
    notifications: NotificationService;
    audit: AuditService;
    messages: MessageService;
    channelCache: ChannelCache;
    clock: Clock;
    log: Logger;
  },
) {
  const { models, notify, audit } = deps;

  async function find(deliberationId: string): Promise<DeliberationDoc | null> {
    return (await models.Deliberation.findOne({ _id: deliberationId }).lean()) as DeliberationDoc | null;
  }

  async function load(deliberationId: string): Promise<DeliberationDoc> {
    const doc = await find(deliberationId);
    if (!doc) throw notFound('Deliberation');
    return doc;
  }

  async function settingsOf(communityId: string): Promise<DeliberationSettings> {
    const found = await models.DeliberationSettings.findOne({ _id: communityId }).lean();
    return { communityId, supportThreshold: found?.supportThreshold ?? DELIBERATION_LIMITS.supportThreshold.default };
  }

  async function nextNumber(communityId: string): Promise<number> {
    const counter = await models.DeliberationCounter.findOneAndUpdate({ _id: communityId }, { $inc: { seq: 1 } }, { upsert: true, new: true }).lean();
    return counter!.seq;
  }

  /** The linked problem reports, which must all be the community's. */
  async function issueRefs(communityId: string, issueIds: readonly string[]) {
    const wanted = [...new Set(issueIds)];
    if (wanted.length === 0) return [];
    const found = await models.Issue.find({ _id: op({ $in: wanted }), communityId }, { number: 1, title: 1 }).lean();
    if (found.length !== wanted.length) {
      throw new AppError('VALIDATION_FAILED', 'Link only problem reports of this community', { issues: [{ path: 'issueIds', message: 'must be problem reports of this community' }] });
    }
    const byId = new Map(found.map((issue) => [issue._id.toString(), issue]));
    return wanted.map((issueId) => ({ issueId, number: byId.get(issueId)!.number, title: byId.get(issueId)!.title }));
  }

  /** Every message of the topic's channel (thread replies too), newest first. */
  async function channelMessages(channelId: string): Promise<Message[]> {
    const head = await deps.messages.head(channelId);
    const out: Message[] = [];
    await deps.messages.walkDown(channelId, head.seq, Math.max(1, head.seq - MAX_CHANNEL_SEQS + 1), head.at, (_seq, entry) => {
      if (entry) {
        const { rev: _rev, ...message } = entry;
        out.push({ ...message, stance: message.stance ?? null });
      }
      return true;
    });
    return out;
  }

  async function supporterIds(deliberationId: string): Promise<string[]> {
    const rows = await models.DeliberationSupport.find({ deliberationId }, { userId: 1 }).lean();
    return rows.map((row) => row.userId.toString());
  }

  /** Proposer, supporters and everyone who posted an argument or a reply. */
  async function participantsOf(doc: DeliberationDoc): Promise<string[]> {
    const ids = new Set<string>([doc.proposerId.toString(), ...(await supporterIds(doc._id.toString()))]);
    if (doc.channelId) for (const message of await channelMessages(doc.channelId.toString())) ids.add(message.authorId);
    return [...ids];
  }

  /** In-app notifications to everyone taking part but the one who acted. */
  async function tellParticipants(doc: DeliberationDoc, actor: { userId: string; name: string } | null, what: string): Promise<void> {
    const communityId = doc.communityId.toString();
    for (const userId of await participantsOf(doc)) {
      if (userId === actor?.userId) continue;
      // Someone who left the community is not told about it any more.
      if (!(await deps.memberships.get(communityId, userId))) continue;
      await deps.notifications.create({ userId, communityId, kind: 'deliberation', subjectId: doc._id.toString(), actorName: actor?.name ?? doc.proposerName, excerpt: `#${doc.number} ${doc.title} · ${what}` });
    }
  }

  function pushSaved(doc: DeliberationDoc): Deliberation {
    const deliberation = presentDeliberation(doc);
    notify.toCommunity(deliberation.communityId, 'deliberation:saved', deliberation);
    return deliberation;
  }

  /**
   * The topic's channel, created once: its _id is derived from the topic's, so a retry
   * or a second node collides instead of creating another. Visible to every member.
   */
  async function ensureChannel(doc: DeliberationDoc, owner: { userId: string; name: string }): Promise<DeliberationDoc> {
    if (doc.channelId) return doc;
    const _id = topicChannelId(doc._id.toString());
    const communityId = doc.communityId.toString();
    const existing = (await models.Channel.findOne({ _id }).lean()) as ChannelDoc | null;
    let channel = existing;
    if (!channel) {
      const last = await models.Channel.findOne({ communityId }).sort({ position: -1 }).lean();
      const plan = `议题 #${doc.number}：${doc.title}。在这里发表支持、反对或中立的观点，回复和点赞（👍 表示认同）都会显示在议事页上。${doc.description ? `\n${doc.description}` : ''}`;
      const fields = {
        _id,
        communityId,
        kind: 'deliberation' as const,
        topicPlan: plan.slice(0, 500),
        ownerId: owner.userId,
        ownerName: owner.name,
        visibility: { type: 'all' as const },
        archived: false,
        position: (last?.position ?? 0) + 10,
      };
      const names = [topicChannelName(doc.number, doc.title), topicChannelName(doc.number, `${doc.title.slice(0, 20)} ${doc._id.toString().slice(-4)}`)];
      for (const name of names) {
        try {
          channel = (await models.Channel.create({ ...fields, name })).toObject() as ChannelDoc;
          break;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          // Another node created it (same _id), or a channel of that name exists: take the next name.
          channel = (await models.Channel.findOne({ _id }).lean()) as ChannelDoc | null;
          if (channel) break;
        }
      }
      if (!channel) throw conflict('A channel with this topic’s name already exists');
      notify.channelSaved(presentChannel(channel));
    }
    const updated = (await models.Deliberation.findOneAndUpdate({ _id: doc._id }, { $set: { channelId: _id } }, { new: true }).lean()) as DeliberationDoc | null;
    return updated ?? doc;
  }

  /**
   * Opens a proposal exactly once: the conditional update on state 'proposed' lets one
   * caller through whatever races it (supports on two nodes, a moderator at the same time).
   * Returns the opened topic, or null when someone else opened (or rejected) it first.
   */
  async function claimOpen(doc: DeliberationDoc, by: Caller, asModerator: boolean): Promise<DeliberationDoc | null> {
    const set = asModerator ? { openedById: by.userId, openedByName: by.displayName } : {};
    const claimed = (await models.Deliberation.findOneAndUpdate({ _id: doc._id, state: 'proposed' }, { $set: { state: 'open', openedAt: deps.clock(), ...set } }, { new: true }).lean()) as DeliberationDoc | null;
    if (!claimed) return null;
    const owner = asModerator ? { userId: by.userId, name: by.displayName } : { userId: claimed.proposerId.toString(), name: claimed.proposerName };
    const opened = await ensureChannel(claimed, owner);
    pushSaved(opened);
    await tellParticipants(opened, { userId: by.userId, name: by.displayName }, '已开启讨论');
    return opened;
  }

  /** Opens the proposal when its supporters (the rows, not the counter) reach its threshold. */
  async function openIfSupported(doc: DeliberationDoc, by: Caller): Promise<DeliberationDoc | null> {
    if (doc.state !== 'proposed') return null;
    const supporters = await models.DeliberationSupport.countDocuments({ deliberationId: doc._id });
    if (supporters < doc.supportThreshold) return null;
    return claimOpen(doc, by, false);
  }

  /** Adds a supporter (one row per person under a unique index); true when it was new. */
  async function addSupport(doc: DeliberationDoc, userId: string): Promise<boolean> {
    try {
      await models.DeliberationSupport.create({ _id: derivedId('deliberation-support', doc._id.toString(), userId), deliberationId: doc._id, communityId: doc.communityId, userId, at: deps.clock() });
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    await models.Deliberation.updateOne({ _id: doc._id }, { $inc: { supportCount: 1 } });
    return true;
  }

  /** Stores a new topic, proposed or opened; a retried command (same clientId) answers with the stored one. */
  async function create(caller: Caller, input: EventPayload<'deliberation:propose'>, state: 'proposed' | 'open'): Promise<DeliberationDoc> {
    const _id = input.clientId ? derivedId('deliberation', caller.userId, input.clientId) : undefined;
    if (_id) {
      const stored = await find(_id.toString());
      if (stored) {
        if (stored.communityId.toString() !== input.communityId) throw conflict('This client id was used in another community');
        return stored;
      }
    }
    const issues = await issueRefs(input.communityId, input.issueIds);
    const settings = await settingsOf(input.communityId);
    const now = deps.clock();
    const fields = {
      communityId: input.communityId,
      number: await nextNumber(input.communityId),
      title: input.title,
      description: input.description,
      state,
      proposerId: caller.userId,
      proposerName: caller.displayName,
      supportCount: 0,
      supportThreshold: settings.supportThreshold,
      issues,
      ...(state === 'open' ? { openedAt: now, openedById: caller.userId, openedByName: caller.displayName } : {}),
    };
    try {
      const doc = await models.Deliberation.create(_id ? { _id, ...fields } : fields);
      return doc.toObject() as DeliberationDoc;
    } catch (err) {
      // The same clientId at once on two nodes: the other insert won.
      if (_id && isDuplicateKey(err)) return load(_id.toString());
      throw err;
    }
  }

  /** Loads a topic and checks the caller may do `action` in its community. */
  async function loadFor(caller: Caller, deliberationId: string, action: 'deliberation.view' | 'deliberation.support' | 'deliberation.open' | 'deliberation.reject' | 'deliberation.close') {
    const doc = await load(deliberationId);
    const access = await requireAccess(deps, caller, doc.communityId.toString(), action);
    return { doc, access };
  }

  /**
   * The summary as a notice in the topic's channel, written as the moderator who closed it,
   * once (its clientId is the topic's). The topic is closed either way: a notice that
   * cannot be posted is logged, not an error of the close.
   */
  async function postCloseNotice(doc: DeliberationDoc, by: { userId: string; name: string }): Promise<void> {
    if (!doc.channelId || !doc.summary) return;
    try {
      const channelDoc = await deps.channelCache.get(doc.channelId.toString());
      if (!channelDoc) return;
      await deps.messages.postNotice(presentChannel(channelDoc), by, `deliberation-close-${doc._id.toString()}`, closeNoticeBody(doc, doc.summary));
    } catch (err) {
      deps.log.warn({ err, deliberationId: doc._id.toString() }, 'deliberation close notice not posted');
    }
  }

  const notProposal = (doc: DeliberationDoc) => new AppError('CONFLICT', 'This topic is no longer a proposal', { current: presentDeliberation(doc) });

  return {
    async list(caller: Caller, input: EventPayload<'deliberation:list'>) {
      await requireAccess(deps, caller, input.communityId, 'deliberation.view');
      const filter: Record<string, unknown> = input.channelId ? { communityId: input.communityId, channelId: input.channelId } : { communityId: input.communityId };
      if (input.beforeNumber !== undefined) filter.number = op({ $lt: input.beforeNumber });
      const docs = (await models.Deliberation.find(filter).sort({ number: -1 }).lean()) as DeliberationDoc[];
      const items = docs
        .filter((doc) => input.state === 'all' || doc.state === input.state)
        .filter((doc) => !input.issueId || (doc.issues ?? []).some((ref) => ref.issueId.toString() === input.issueId))
        .slice(0, input.limit)
        .map(presentDeliberation);
      const mine = await models.DeliberationSupport.find({ userId: caller.userId, communityId: input.communityId }, { deliberationId: 1 }).lean();
      const shown = new Set(items.map((item) => item.id));
      const supported = mine.map((row) => row.deliberationId.toString()).filter((id) => shown.has(id));
      return { items, supported, settings: await settingsOf(input.communityId) };
    },

    async get(caller: Caller, input: EventPayload<'deliberation:get'>) {
      let { doc } = await loadFor(caller, input.deliberationId, 'deliberation.view');
      // Opened but its channel not recorded (a node stopped in between): made now, once.
      if ((doc.state === 'open' || doc.state === 'closed') && !doc.channelId) {
        doc = await ensureChannel(doc, doc.openedById ? { userId: doc.openedById.toString(), name: doc.openedByName ?? doc.proposerName } : { userId: doc.proposerId.toString(), name: doc.proposerName });
      }
      let channel: Channel | null = null;
      let messages: Message[] = [];
      if (doc.channelId) {
        const channelDoc = await deps.channelCache.get(doc.channelId.toString());
        channel = channelDoc ? presentChannel(channelDoc) : null;
        if (channel) messages = await channelMessages(channel.id);
      }
      const supported = (await models.DeliberationSupport.findOne({ _id: derivedId('deliberation-support', doc._id.toString(), caller.userId) }, { _id: 1 }).lean()) !== null;
      return { deliberation: presentDeliberation(doc), supported, channel, sides: groupArguments(messages) };
    },

    async propose(caller: Caller, input: EventPayload<'deliberation:propose'>) {
      await requireAccess(deps, caller, input.communityId, 'deliberation.propose');
      const created = await create(caller, input, 'proposed');
      // The proposer is the first supporter (a retry adds nothing: one row per person).
      if (created.state === 'proposed' && (await addSupport(created, caller.userId))) {
        const opened = await openIfSupported(await load(created._id.toString()), caller);
        if (opened) return presentDeliberation(opened);
      }
      return pushSaved(await load(created._id.toString()));
    },

    async open(caller: Caller, input: EventPayload<'deliberation:open'>) {
      await requireAccess(deps, caller, input.communityId, 'deliberation.open');
      const created = await create(caller, input, 'open');
      if (created.channelId) return presentDeliberation(created);
      const opened = await ensureChannel(created, { userId: caller.userId, name: caller.displayName });
      await audit.record(input.communityId, caller, 'deliberation.open', { type: 'deliberation', id: opened._id.toString() }, { number: opened.number, title: opened.title });
      return pushSaved(opened);
    },

    async review(caller: Caller, input: EventPayload<'deliberation:review'>) {
      const { doc } = await loadFor(caller, input.deliberationId, input.action === 'open' ? 'deliberation.open' : 'deliberation.reject');
      if (doc.state !== 'proposed') throw notProposal(doc);
      const target = { type: 'deliberation', id: input.deliberationId };
      if (input.action === 'open') {
        const opened = await claimOpen(doc, caller, true);
        if (!opened) throw notProposal(await load(input.deliberationId));
        await audit.record(doc.communityId.toString(), caller, 'deliberation.open', target, { number: doc.number, title: doc.title });
        return presentDeliberation(opened);
      }
      const rejected = (await models.Deliberation.findOneAndUpdate({ _id: doc._id, state: 'proposed' }, { $set: { state: 'rejected', rejectReason: input.reason, closedAt: deps.clock() } }, { new: true }).lean()) as DeliberationDoc | null;
      if (!rejected) throw notProposal(await load(input.deliberationId));
      await audit.record(doc.communityId.toString(), caller, 'deliberation.reject', target, { number: doc.number, title: doc.title, reason: input.reason });
      const deliberation = pushSaved(rejected);
      await tellParticipants(rejected, { userId: caller.userId, name: caller.displayName }, '未被采纳');
      return deliberation;
    },

    async support(caller: Caller, input: EventPayload<'deliberation:support'>) {
      const { doc } = await loadFor(caller, input.deliberationId, 'deliberation.support');
      if (doc.state !== 'proposed') throw notProposal(doc);
      if (input.on) {
        if (await addSupport(doc, caller.userId)) {
          const opened = await openIfSupported(await load(input.deliberationId), caller);
          // Opened: the winner of the claim announced it. Still a proposal: its new count.
          const current = opened ? null : await load(input.deliberationId);
          if (current?.state === 'proposed') pushSaved(current);
        }
      } else {
        const removed = await models.DeliberationSupport.deleteOne({ _id: derivedId('deliberation-support', input.deliberationId, caller.userId) });
        if (removed.deletedCount > 0) {
          await models.Deliberation.updateOne({ _id: doc._id }, { $inc: { supportCount: -1 } });
          pushSaved(await load(input.deliberationId));
        }
      }
      return { deliberation: presentDeliberation(await load(input.deliberationId)), supported: input.on };
    },

    async close(caller: Caller, input: EventPayload<'deliberation:close'>) {
      const { doc } = await loadFor(caller, input.deliberationId, 'deliberation.close');
      if (doc.state !== 'open') throw new AppError('CONFLICT', 'Only an open topic can be closed', { current: presentDeliberation(doc) });
      const summary = { summaryFor: input.summaryFor, summaryAgainst: input.summaryAgainst, conclusion: input.conclusion, closedById: caller.userId, closedByName: caller.displayName };
      const closed = (await models.Deliberation.findOneAndUpdate({ _id: doc._id, state: 'open' }, { $set: { state: 'closed', closedAt: deps.clock(), summary } }, { new: true }).lean()) as DeliberationDoc | null;
      if (!closed) throw new AppError('CONFLICT', 'Only an open topic can be closed', { current: presentDeliberation(await load(input.deliberationId)) });
      await audit.record(doc.communityId.toString(), caller, 'deliberation.close', { type: 'deliberation', id: input.deliberationId }, { number: doc.number, title: doc.title });
      const deliberation = pushSaved(closed);
      await postCloseNotice(closed, { userId: caller.userId, name: caller.displayName });
      await tellParticipants(closed, { userId: caller.userId, name: caller.displayName }, '讨论结束，已发布总结');
      return deliberation;
    },

    async settings(caller: Caller, input: EventPayload<'deliberation:settings'>) {
      await requireAccess(deps, caller, input.communityId, 'deliberation.view');
      return settingsOf(input.communityId);
    },

    /** A new threshold holds for every open proposal too; those that already reach it open now. */
    async configure(caller: Caller, input: EventPayload<'deliberation:configure'>) {
      await requireAccess(deps, caller, input.communityId, 'deliberation.configure');
      const before = await settingsOf(input.communityId);
      await models.DeliberationSettings.updateOne({ _id: input.communityId }, { $set: { supportThreshold: input.supportThreshold } }, { upsert: true });
      const settings = { communityId: input.communityId, supportThreshold: input.supportThreshold };
      if (before.supportThreshold !== input.supportThreshold) {
        await models.Deliberation.updateMany({ communityId: input.communityId, state: 'proposed' }, { $set: { supportThreshold: input.supportThreshold } });
        await audit.record(input.communityId, caller, 'deliberation.configure', { type: 'community', id: input.communityId }, { from: before.supportThreshold, to: input.supportThreshold });
        notify.toCommunity(input.communityId, 'deliberation:settingsSaved', settings);
        const proposed = (await models.Deliberation.find({ communityId: input.communityId, state: 'proposed' }).lean()) as DeliberationDoc[];
        for (const doc of proposed) {
          if ((await openIfSupported(doc, caller)) !== null) continue;
          const current = await load(doc._id.toString());
          if (current.state === 'proposed') pushSaved(current);
        }
      }
      return settings;
    },

    /** A topic of the community, or null (interfaces.md: polls and decisions link to it). */
    async lookup(communityId: string, deliberationId: string): Promise<DeliberationRef | null> {
      const doc = (await models.Deliberation.findOne({ _id: deliberationId, communityId }).lean()) as DeliberationDoc | null;
      if (!doc) return null;
      return {
        id: doc._id.toString(),
        communityId: doc.communityId.toString(),
        number: doc.number,
        title: doc.title,
        state: doc.state,
        openedAt: doc.openedAt ?? null,
        closedAt: doc.closedAt ?? null,
        channelId: doc.channelId?.toString() ?? null,
        issueIds: (doc.issues ?? []).map((issue) => issue.issueId.toString()),
      };
    },

    /** Proposer, supporters, and everyone who posted an argument or a reply in its channel; [] for a topic not of the community. */
    async participantIds(communityId: string, deliberationId: string): Promise<string[]> {
      const doc = (await models.Deliberation.findOne({ _id: deliberationId, communityId }).lean()) as DeliberationDoc | null;
      return doc ? participantsOf(doc) : [];
    },
  };
}

export type DeliberationService = ReturnType<typeof createDeliberationService>;
