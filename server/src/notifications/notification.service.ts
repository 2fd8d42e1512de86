import type { AppNotification, EventPayload, NotificationKind } from '@linli/shared';
import { op } from '../lib/db.js';
import { olderThan } from '../lib/paging.js';
import { iso } from '../lib/dates.js';
import type { Caller } from '../context/caller.js';
import type { Notifier } from '../realtime/notifier.js';
import type { Models } from '../models.js';
import type { NotificationDoc } from './notification.model.js';

export function presentNotification(notification: NotificationDoc): AppNotification {
  return {
    id: notification._id.toString(),
    communityId: notification.communityId.toString(),
    kind: notification.kind,
    channelId: notification.channelId?.toString() ?? null,
    messageId: notification.messageId?.toString() ?? null,
    issueId: notification.issueId?.toString() ?? null,
    subjectId: notification.subjectId?.toString() ?? null,
    actorName: notification.actorName,
    excerpt: notification.excerpt ?? '',
    readAt: iso(notification.readAt),
    createdAt: notification.createdAt.toISOString(),
  };
}

export const excerptOf = (body: string, max = 80) => (body.length > max ? `${body.slice(0, max - 1)}…` : body);

/** A stored notification and whom it is for: what channels outside the app (web push, SMS) deliver. */
export type CreatedNotification = AppNotification & { userId: string };
/** Called after a notification is stored and pushed live; must not throw (errors are logged, never block the caller). */
export type NotificationListener = (notification: CreatedNotification) => void | Promise<void>;

/**
 * In-app notifications: stored first, then pushed live with the new unread count, then
 * handed to the listeners (web push, SMS) without waiting for them.
 */
export function createNotificationService(deps: { models: Models; notify: Notifier; log?: { error: (obj: object, msg: string) => void } }) {
  const { models, notify } = deps;
  const unreadOf = (userId: string) => models.Notification.countDocuments({ userId, readAt: null });
  const listeners: NotificationListener[] = [];
  const fanOut = (notification: CreatedNotification) => {
    for (const listener of listeners) {
      void Promise.resolve()
        .then(() => listener(notification))
        .catch((error: unknown) => deps.log?.error({ err: error, kind: notification.kind }, 'notification listener failed'));
    }
  };

  return {
    async create(input: {
      userId: string;
      communityId: string;
      kind: NotificationKind;
      channelId?: string | null;
      messageId?: string | null;
      issueId?: string | null;
      subjectId?: string | null;
      actorName: string;
      excerpt: string;
    }) {
      const doc = await models.Notification.create({ ...input, excerpt: excerptOf(input.excerpt), readAt: null, createdAt: new Date() });
      const notification = presentNotification(doc.toObject() as NotificationDoc);
      notify.toUser(input.userId, 'notification:created', { ...notification, unread: await unreadOf(input.userId) });
      fanOut({ ...notification, userId: input.userId });
      return notification;
    },

    /** Adds a channel outside the app (web push, SMS): called for every notification stored from now on. */
    subscribe(listener: NotificationListener): () => void {
      listeners.push(listener);
      return () => {
        const at = listeners.indexOf(listener);
        if (at >= 0) listeners.splice(at, 1);
      };
    },

    async list(caller: Caller, input: EventPayload<'notification:list'>) {
      const rows = (await models.Notification.find(olderThan({ userId: caller.userId }, 'createdAt', input.before, input.beforeId))
        .sort({ createdAt: -1, _id: -1 })
        .limit(input.limit)
        .lean()) as NotificationDoc[];
      return { items: rows.map(presentNotification), unread: await unreadOf(caller.userId) };
    },

    async markRead(caller: Caller, input: EventPayload<'notification:markRead'>) {
      const filter = input.ids ? { userId: caller.userId, readAt: null, _id: op({ $in: input.ids }) } : { userId: caller.userId, readAt: null };
      await models.Notification.updateMany(filter, { $set: { readAt: new Date() } });
      return { unread: await unreadOf(caller.userId) };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
