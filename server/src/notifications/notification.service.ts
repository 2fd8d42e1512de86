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

/** In-app notifications: stored first, then pushed live with the new unread count. */
export function createNotificationService(deps: { models: Models; notify: Notifier }) {
  const { models, notify } = deps;
  const unreadOf = (userId: string) => models.Notification.countDocuments({ userId, readAt: null });

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
      return notification;
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
