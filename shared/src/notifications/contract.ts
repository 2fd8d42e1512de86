/** A member's own notifications: mentions, replies, moderation of their messages, lifted bans. */
import { z } from 'zod';
import { id } from '../fields.js';
import { defineContract } from '../contract.js';

/**
 * issue: a problem report the recipient filed, supports, follows or handles changed (or was assigned, urged, overdue).
 * deliberation / poll / decision: one the recipient takes part in changed (subjectId names it).
 * survey / activity: a survey they may answer opened, an activity they joined changed (subjectId names it).
 */
export const notificationKinds = ['mention', 'reply', 'moderation', 'unban', 'issue', 'deliberation', 'poll', 'decision', 'survey', 'activity'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export interface AppNotification {
  id: string;
  communityId: string;
  kind: NotificationKind;
  channelId: string | null;
  messageId: string | null;
  issueId: string | null;
  /** The deliberation, poll or decision of those kinds; null otherwise. */
  subjectId: string | null;
  actorName: string;
  /** Short text: the message start, or the moderation reason. */
  excerpt: string;
  readAt: string | null;
  createdAt: string;
}

export const notification = {
  list: z.strictObject({
    /** ISO time; older items than this. */
    before: z.iso.datetime().optional(),
    /** With `before`: the last item seen, so items of the same time are neither skipped nor repeated. */
    beforeId: id.optional(),
    limit: z.int().min(1).max(100).default(30),
  }),
  markRead: z.strictObject({
    /** Ids to mark; omitted marks all. */
    ids: z.array(id).max(100).optional(),
  }),
};

export interface NotificationResults {
  'notification:list': { items: AppNotification[]; unread: number };
  'notification:markRead': { unread: number };
}

export interface NotificationNotifications {
  'notification:created': (p: AppNotification & { unread: number }) => void;
}

export const notificationsContract = defineContract<NotificationResults, NotificationNotifications>()({
  commands: { 'notification:list': notification.list, 'notification:markRead': notification.markRead },
});
