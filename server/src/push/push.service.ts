import { isIP } from 'node:net';
import {
  DEFAULT_PUSH_TIME_ZONE,
  defaultPushKinds,
  inQuietHours,
  type EventPayload,
  type Poll,
  type PushKind,
  type PushPayload,
  type PushPreferences,
  type PushSettings,
} from '@linli/shared';
import { AppError, isDuplicateKey, upsertRetrying } from '../lib/errors.js';
import { op } from '../lib/db.js';
import type { Logger } from '../lib/logger.js';
import type { Caller } from '../context/caller.js';
import type { Models } from '../models.js';
import type { Staffing } from '../organisations/staffing.js';
import type { CreatedNotification } from '../notifications/notification.service.js';
import type { PushSender } from './push.sender.js';
import type { PushPreferenceDoc, PushSubscriptionDoc } from './push.model.js';

const HOUR = 3600_000;
/** A poll "closes soon" this long before its close, or half its length when it is shorter. */
const CLOSING_SOON_MS = 24 * HOUR;

export interface PushServiceDeps {
  models: Models;
  staffing: Staffing;
  sender: PushSender;
  publicKey: string;
  log: Logger;
  /** The time quiet hours and poll deadlines read (tests move it). */
  clock: () => Date;
  /** Production: only https endpoints on public host names (the server posts to whatever a browser names). */
  strictEndpoints: boolean;
}

/** The app path a notification opens: the same page the in-app bell opens (client/src/lib/route.ts spells these). */
export function pathOf(notification: Pick<CreatedNotification, 'kind' | 'communityId' | 'channelId' | 'messageId' | 'issueId' | 'subjectId'>): string {
  const base = `/c/${encodeURIComponent(notification.communityId)}`;
  const views: Partial<Record<CreatedNotification['kind'], string>> = { deliberation: 'deliberations', poll: 'polls', decision: 'decisions', survey: 'surveys', activity: 'activities' };
  const view = views[notification.kind];
  if (notification.kind === 'unban') return '/';
  if (notification.kind === 'issue' && notification.issueId) return `${base}/issues/${encodeURIComponent(notification.issueId)}`;
  if (view && notification.subjectId) return `${base}/${view}/${encodeURIComponent(notification.subjectId)}`;
  if (notification.channelId) {
    const channel = `${base}/channels/${encodeURIComponent(notification.channelId)}`;
    return notification.messageId ? `${channel}?message=${encodeURIComponent(notification.messageId)}` : channel;
  }
  return base;
}

/** Minutes after midnight, now, in a time zone. */
function localMinutes(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}

const formatWhen = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);

function presentPreferences(doc: PushPreferenceDoc | null): PushPreferences {
  if (!doc) return { kinds: [...defaultPushKinds], quietHours: null, timeZone: DEFAULT_PUSH_TIME_ZONE };
  return {
    kinds: [...doc.kinds] as PushKind[],
    quietHours: doc.quietStart && doc.quietEnd ? { start: doc.quietStart, end: doc.quietEnd } : null,
    timeZone: doc.timeZone,
  };
}

/**
 * Web push: devices per member, their choices, and the delivery of in-app notifications
 * (plus polls opening and closing soon) to the devices of members who chose that kind.
 * During quiet hours a push is skipped, not held: the in-app bell and the home page keep it.
 */
export function createPushService(deps: PushServiceDeps) {
  const { models, sender, log } = deps;

  const preferencesOf = async (userId: string) => presentPreferences((await models.PushPreference.findById(userId).lean()) as PushPreferenceDoc | null);
  const settingsOf = async (userId: string): Promise<PushSettings> => ({
    preferences: await preferencesOf(userId),
    devices: await models.PushSubscription.countDocuments({ userId }),
  });

  function checkEndpoint(endpoint: string): void {
    if (!deps.strictEndpoints) return;
    const url = new URL(endpoint);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (url.protocol !== 'https:' || isIP(host) !== 0 || host === 'localhost' || !host.includes('.')) {
      throw new AppError('VALIDATION_FAILED', 'Not a push service address', { issues: [{ path: 'endpoint', message: 'must be an https push service' }] });
    }
  }

  /** What a member hears a notification as, or null when it is not pushed at all. */
  async function kindOf(notification: CreatedNotification): Promise<PushKind | null> {
    switch (notification.kind) {
      case 'mention':
      case 'reply':
      case 'poll':
      case 'decision':
        return notification.kind;
      case 'issue': {
        // Told as one who handles it (staff of an organisation it is assigned to), or as one who filed, supports or follows it.
        if (!notification.issueId) return 'issue';
        const issue = await models.Issue.findById(notification.issueId, { assignments: 1 }).lean();
        const mine = new Set(await deps.staffing.of(notification.communityId, notification.userId));
        return issue?.assignments.some((assignment) => mine.has(assignment.organisationId.toString())) ? 'assignment' : 'issue';
      }
      default:
        return 'other';
    }
  }

  async function communityName(communityId: string): Promise<string> {
    const community = await models.Community.findById(communityId, { name: 1 }).lean();
    return community?.name ?? '邻里';
  }

  async function payloadOf(notification: CreatedNotification, kind: PushKind): Promise<PushPayload> {
    const where = await communityName(notification.communityId);
    const actor = notification.actorName;
    const titles: Record<CreatedNotification['kind'], string> = {
      mention: `${actor} 在消息中提到了您`,
      reply: `${actor} 回复了您的消息`,
      moderation: `${actor} 处理了您的消息`,
      unban: `${actor} 解除了对您的封禁`,
      issue: kind === 'assignment' ? '您单位承办的问题有更新' : '您关注的问题有新进展',
      deliberation: '您参与的议事有新动态',
      poll: '您参与的投票有更新',
      decision: '与您有关的决议有新进展',
      survey: '有一份问卷邀您填写',
      activity: '您参加的活动有更新',
    };
    const about = notification.issueId ?? notification.subjectId ?? notification.messageId ?? notification.id;
    return { title: titles[notification.kind], body: `${where} · ${notification.excerpt}`, url: pathOf(notification), tag: `${notification.kind}:${about}` };
  }

  /** Whether a member wants this kind now (their kinds, outside their quiet hours). */
  function wants(preferences: PushPreferences, kind: PushKind): boolean {
    if (!preferences.kinds.includes(kind)) return false;
    return !inQuietHours(preferences.quietHours, localMinutes(deps.clock(), preferences.timeZone));
  }

  /** Sends to every device of a member at once; a device the push service no longer knows is removed. */
  async function sendToUser(userId: string, payload: PushPayload | ((preferences: PushPreferences) => PushPayload), kind: PushKind): Promise<number> {
    const subscriptions = (await models.PushSubscription.find({ userId }).lean()) as PushSubscriptionDoc[];
    if (subscriptions.length === 0) return 0;
    const preferences = await preferencesOf(userId);
    if (!wants(preferences, kind)) return 0;
    const message = typeof payload === 'function' ? payload(preferences) : payload;
    const outcomes = await Promise.all(
      subscriptions.map(async (subscription) => {
        const outcome = await sender.send(subscription, message, { urgency: kind === 'mention' || kind === 'reply' ? 'high' : 'normal' });
        if (outcome === 'gone') await models.PushSubscription.deleteOne({ _id: subscription._id, endpoint: subscription.endpoint });
        if (outcome === 'sent') await models.PushSubscription.updateOne({ _id: subscription._id }, { $set: { lastSentAt: deps.clock() } });
        return outcome;
      }),
    );
    return outcomes.filter((outcome) => outcome === 'sent').length;
  }

  /** Active members of a community who may vote in a poll and have a device subscribed, but for `except`. */
  async function pollAudience(poll: { communityId: string; eligibility: Poll['eligibility'] }, except: ReadonlySet<string>): Promise<string[]> {
    const members = await models.Membership.find({ communityId: poll.communityId, status: 'active' }, { userId: 1, household: 1 }).lean();
    const eligible = members
      .filter((member) => poll.eligibility === 'members' || member.household?.status === 'verified')
      .map((member) => member.userId.toString())
      .filter((userId) => !except.has(userId));
    if (eligible.length === 0) return [];
    const subscribed = await models.PushSubscription.find({ userId: op({ $in: eligible }) }, { userId: 1 }).lean();
    return [...new Set(subscribed.map((row) => row.userId.toString()))];
  }

  async function announcePoll(poll: { id: string; communityId: string; number: number; title: string; closesAt: Date; eligibility: Poll['eligibility'] }, except: ReadonlySet<string>, closingSoon: boolean) {
    const where = await communityName(poll.communityId);
    const url = `/c/${encodeURIComponent(poll.communityId)}/polls/${encodeURIComponent(poll.id)}`;
    let sent = 0;
    for (const userId of await pollAudience(poll, except)) {
      sent += await sendToUser(
        userId,
        (preferences) => ({
          title: closingSoon ? `投票即将截止：${poll.title}` : `新投票：${poll.title}`,
          body: `${where} · #${poll.number} ${formatWhen(poll.closesAt, preferences.timeZone)} 截止${closingSoon ? '，您还没有投票' : ''}`,
          url,
          tag: `poll:${poll.id}`,
        }),
        'poll',
      ).catch((err: unknown) => {
        log.warn({ err, pollId: poll.id }, 'web push for a poll failed');
        return 0;
      });
    }
    return sent;
  }

  return {
    async vapidKey(): Promise<{ publicKey: string }> {
      return { publicKey: deps.publicKey };
    },

    /** Allows pushes on the caller's device; the same device subscribing again (or for another member) replaces its row. */
    async subscribe(caller: Caller, input: EventPayload<'push:subscribe'>): Promise<PushSettings> {
      checkEndpoint(input.endpoint);
      await upsertRetrying(() =>
        models.PushSubscription.updateOne(
          { endpoint: input.endpoint },
          { $set: { userId: caller.userId, p256dh: input.keys.p256dh, auth: input.keys.auth }, $setOnInsert: { createdAt: deps.clock(), lastSentAt: null } },
          { upsert: true },
        ),
      );
      return settingsOf(caller.userId);
    },

    /** Stops pushes to one of the caller's devices (another member's device is left alone). */
    async unsubscribe(caller: Caller, input: EventPayload<'push:unsubscribe'>): Promise<PushSettings> {
      await models.PushSubscription.deleteOne({ endpoint: input.endpoint, userId: caller.userId });
      return settingsOf(caller.userId);
    },

    async preferences(caller: Caller): Promise<PushSettings> {
      return settingsOf(caller.userId);
    },

    async setPreferences(caller: Caller, input: EventPayload<'push:setPreferences'>): Promise<PushSettings> {
      await upsertRetrying(() =>
        models.PushPreference.updateOne(
          { _id: caller.userId },
          { $set: { kinds: input.kinds, quietStart: input.quietHours?.start ?? null, quietEnd: input.quietHours?.end ?? null, timeZone: input.timeZone, updatedAt: deps.clock() } },
          { upsert: true },
        ),
      );
      return settingsOf(caller.userId);
    },

    /** The notifications listener: pushes a stored in-app notification to the member's devices. Never throws. */
    async deliver(notification: CreatedNotification): Promise<number> {
      try {
        if ((await models.PushSubscription.countDocuments({ userId: notification.userId })) === 0) return 0;
        const kind = await kindOf(notification);
        if (!kind) return 0;
        return await sendToUser(notification.userId, await payloadOf(notification, kind), kind);
      } catch (err) {
        log.warn({ err, kind: notification.kind }, 'web push delivery failed');
        return 0;
      }
    },

    /** The polls' onOpened listener: tells who may vote (but whoever opened it). */
    async pollOpened(poll: Poll): Promise<number> {
      return announcePoll({ ...poll, closesAt: new Date(poll.closesAt) }, new Set([poll.createdById]), false);
    },

    /**
     * "Closes soon": once per poll (the insert of its reminder row is the claim one node wins),
     * to who may vote and has not. Every node runs it every minute.
     */
    async sweep(): Promise<number> {
      const now = deps.clock();
      const polls = await models.Poll.find({ state: 'open', closesAt: op({ $gt: now, $lte: new Date(now.getTime() + CLOSING_SOON_MS) }) }).lean();
      let sent = 0;
      for (const doc of polls) {
        const soon = Math.min(CLOSING_SOON_MS, (doc.closesAt.getTime() - doc.opensAt.getTime()) / 2);
        if (doc.closesAt.getTime() - now.getTime() > soon) continue;
        try {
          await models.PushPollReminder.create({ _id: doc._id, sentAt: now });
        } catch (err) {
          if (isDuplicateKey(err)) continue;
          throw err;
        }
        const voted =
          doc.ballot === 'secret'
            ? (await models.PollVoter.find({ pollId: doc._id }, { userId: 1 }).lean()).map((row) => row.userId.toString())
            : (await models.PollBallot.find({ pollId: doc._id }, { voterId: 1 }).lean()).map((row) => row.voterId.toString());
        const poll = { id: doc._id.toString(), communityId: doc.communityId.toString(), number: doc.number, title: doc.title, closesAt: doc.closesAt, eligibility: doc.eligibility };
        sent += await announcePoll(poll, new Set(voted), true);
      }
      return sent;
    },
  };
}

export type PushService = ReturnType<typeof createPushService>;
