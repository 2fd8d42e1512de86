/** Moderation of messages and members: reports, hiding, mutes. */
import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { id, text } from '../fields.js';
import { defineContract, type Rule } from '../contract.js';
import { isStaff, outranks } from '../actor.js';
import type { Member, MemberRole } from '../members/types.js';
import type { Message } from '../messages/types.js';
import type { VoiceRef } from '../voice/types.js';

export const reportStatuses = ['open', 'resolved'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export interface MessageReport {
  id: string;
  communityId: string;
  channelId: string;
  messageId: string;
  messageExcerpt: string;
  /** The reported message's recording, for staff to hear while deciding (GET /api/voice/:id serves it to them even once hidden). */
  voice?: VoiceRef | null;
  messageAuthorId: string;
  messageAuthorName: string;
  reporterName: string;
  reason: string;
  status: ReportStatus;
  resolution: 'hidden' | 'dismissed' | null;
  createdAt: string;
  resolvedAt: string | null;
}

const reason = text(LIMITS.reportReason.max);

export const moderation = {
  report: z.strictObject({ messageId: id, reason: reason.pipe(z.string().min(1)) }),
  hide: z.strictObject({ messageId: id, reason: reason.default('') }),
  listReports: z.strictObject({ communityId: id, status: z.enum(reportStatuses).default('open') }),
  resolveReport: z.strictObject({ reportId: id, action: z.enum(['hide', 'dismiss']) }),
  mute: z.strictObject({
    communityId: id,
    userId: id,
    /** 0 lifts the mute. */
    minutes: z.int().min(0).max(LIMITS.muteMinutes.max),
    reason: text(300).default(''),
  }),
};

export interface ModerationResults {
  'message:report': MessageReport;
  'message:hide': Message;
  'report:list': MessageReport[];
  'report:resolve': MessageReport;
  'member:mute': Member;
}

export interface ModerationNotifications {
  'report:created': (p: MessageReport) => void;
  'report:resolved': (p: MessageReport) => void;
}

export const moderationRules = {
  /** Hide messages, handle reports. */
  'message.moderate': (a) => isStaff(a.role),
  /** Mute someone ranked below the actor. */
  'member.mute': (a, target) => outranks(a, target),
} satisfies {
  'message.moderate': Rule;
  'member.mute': Rule<{ userId: string; role: MemberRole }>;
};

export const moderationContract = defineContract<ModerationResults, ModerationNotifications>()({
  commands: {
    'message:report': moderation.report,
    'message:hide': moderation.hide,
    'report:list': moderation.listReports,
    'report:resolve': moderation.resolveReport,
    'member:mute': moderation.mute,
  },
  rules: moderationRules,
});
