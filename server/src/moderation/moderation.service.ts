import type { EventPayload, Member, Message, MessageReport } from '@linli/shared';
import { conflict, isDuplicateKey, notFound } from '../lib/errors.js';
import { iso } from '../lib/dates.js';
import type { Caller } from '../context/caller.js';
import { authorize, loadAccess, requireAccess, type AccessDeps } from '../context/access.js';
import type { Notifier } from '../realtime/notifier.js';
import type { AuditService } from '../audit/audit.service.js';
import type { MembershipOps } from '../members/memberships.js';
import type { MessageService } from '../messages/message.service.js';
import { excerptOf, type NotificationService } from '../notifications/notification.service.js';
import type { MessageReportDoc } from './message-report.model.js';
import { messageText } from '../voice/excerpt.js';

export function presentReport(report: MessageReportDoc): MessageReport {
  return {
    id: report._id.toString(),
    communityId: report.communityId.toString(),
    channelId: report.channelId.toString(),
    messageId: report.messageId.toString(),
    messageExcerpt: report.messageExcerpt ?? '',
    voice: report.voice ? { id: report.voice.clipId.toString(), durationMs: report.voice.durationMs } : null,
    messageAuthorId: report.messageAuthorId.toString(),
    messageAuthorName: report.messageAuthorName,
    reporterName: report.reporterName,
    reason: report.reason,
    status: report.status,
    resolution: report.resolution ?? null,
    createdAt: report.createdAt.toISOString(),
    resolvedAt: iso(report.resolvedAt),
  };
}

/** Reports, hiding, muting: every action audited, the member concerned notified. */
export function createModerationService(deps: AccessDeps & {
  notify: Notifier;
  audit: AuditService;
  messages: MessageService;
  notifications: NotificationService;
  members: MembershipOps;
}) {
  const { models, notify, audit, messages, notifications, members } = deps;

  async function resolveReports(messageId: string, caller: Caller, resolution: 'hidden' | 'dismissed', onlyId?: string) {
    const filter = onlyId ? { _id: onlyId, status: 'open' } : { messageId, status: 'open' };
    const open = (await models.MessageReport.find(filter).lean()) as MessageReportDoc[];
    await models.MessageReport.updateMany(filter, { $set: { status: 'resolved', resolution, resolvedBy: caller.userId, resolvedAt: new Date() } });
    for (const report of open) {
      const done = (await models.MessageReport.findOne({ _id: report._id }).lean()) as MessageReportDoc;
      notify.toStaff(report.communityId.toString(), 'report:resolved', presentReport(done));
    }
  }

  async function hide(caller: Caller, messageId: string, reason: string): Promise<Message> {
    const message = await messages.loadMessage(messageId);
    const { channel, access } = await messages.channelFor(caller, message.channelId.toString());
    authorize(access, 'message.moderate');
    if (message.state !== 'hidden') {
      await models.Message.updateOne({ _id: message._id }, { $set: { state: 'hidden', moderatedBy: caller.userId, moderationReason: reason } });
    }
    // Disappears live for everyone who can see the channel.
    const hidden = await messages.publishUpdate(channel, messageId);
    await audit.record(channel.communityId, caller, 'message.hide', { type: 'message', id: messageId }, { author: message.authorName, reason, excerpt: excerptOf(messageText(message), 60) });
    await resolveReports(messageId, caller, 'hidden');
    if (message.state !== 'hidden') {
      await notifications.create({ userId: message.authorId.toString(), communityId: channel.communityId, kind: 'moderation', channelId: channel.id, messageId, actorName: caller.displayName, excerpt: reason || messageText(message) });
    }
    return hidden;
  }

  return {
    hide: (caller: Caller, input: EventPayload<'message:hide'>) => hide(caller, input.messageId, input.reason),

    async report(caller: Caller, input: EventPayload<'message:report'>): Promise<MessageReport> {
      const message = await messages.loadMessage(input.messageId);
      const { channel } = await messages.channelFor(caller, message.channelId.toString());
      if (message.authorId.toString() === caller.userId) throw conflict('You cannot report your own message');
      if (message.state !== 'visible') throw conflict('That message was already removed');
      let doc;
      try {
        doc = await models.MessageReport.create({
          communityId: channel.communityId,
          channelId: channel.id,
          messageId: message._id,
          messageExcerpt: excerptOf(messageText(message), 200),
          voice: message.voice ?? null,
          messageAuthorId: message.authorId,
          messageAuthorName: message.authorName,
          reporterId: caller.userId,
          reporterName: caller.displayName,
          reason: input.reason,
          createdAt: new Date(),
        });
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('You already reported this message');
        throw err;
      }
      const report = presentReport(doc.toObject() as MessageReportDoc);
      notify.toStaff(channel.communityId, 'report:created', report);
      return report;
    },

    async listReports(caller: Caller, input: EventPayload<'report:list'>): Promise<MessageReport[]> {
      await requireAccess(deps, caller, input.communityId, 'message.moderate');
      const rows = (await models.MessageReport.find({ communityId: input.communityId, status: input.status }).sort({ createdAt: input.status === 'open' ? 1 : -1 }).limit(200).lean()) as MessageReportDoc[];
      return rows.map(presentReport);
    },

    async resolveReport(caller: Caller, input: EventPayload<'report:resolve'>): Promise<MessageReport> {
      const report = (await models.MessageReport.findOne({ _id: input.reportId }).lean()) as MessageReportDoc | null;
      if (!report) throw notFound('Report');
      await requireAccess(deps, caller, report.communityId.toString(), 'message.moderate');
      if (report.status !== 'open') throw conflict('This report was already resolved');
      if (input.action === 'hide') {
        await hide(caller, report.messageId.toString(), report.reason);
      } else {
        await resolveReports(report.messageId.toString(), caller, 'dismissed', report._id.toString());
        await audit.record(report.communityId.toString(), caller, 'report.dismiss', { type: 'message', id: report.messageId.toString() }, { reason: report.reason });
      }
      return presentReport((await models.MessageReport.findOne({ _id: report._id }).lean()) as MessageReportDoc);
    },

    async mute(caller: Caller, input: EventPayload<'member:mute'>): Promise<Member> {
      const access = await loadAccess(deps, caller, input.communityId);
      const target = await members.targetMember(access, 'member.mute', input.communityId, input.userId);
      const until = input.minutes > 0 ? new Date(Date.now() + input.minutes * 60_000) : null;
      await models.Membership.updateOne({ _id: target._id }, { $set: { mutedUntil: until } });
      await audit.record(input.communityId, caller, until ? 'member.mute' : 'member.unmute', { type: 'user', id: input.userId }, { name: target.displayName, minutes: input.minutes, reason: input.reason });
      const member = await members.changed(target);
      if (until) {
        // The client words it ("muted until ..." from membership.mutedUntil); the excerpt carries the reason.
        await notifications.create({ userId: input.userId, communityId: input.communityId, kind: 'moderation', actorName: caller.displayName, excerpt: input.reason });
      }
      return member;
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
