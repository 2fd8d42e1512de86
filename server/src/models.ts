import type { Connection } from './lib/db.js';
import { defineAuthModels } from './auth/auth.model.js';
import { defineCommunityModels } from './communities/community.model.js';
import { defineMemberModels } from './members/member.model.js';
import { defineOrganisationModels } from './organisations/organisation.model.js';
import { defineChannelModels } from './channels/channel.model.js';
import { defineAuditModels } from './audit/audit.model.js';
import { defineMessageModels } from './messages/message.model.js';
import { defineReactionModels } from './reactions/reaction.model.js';
import { defineReadMarkerModels } from './reads/read-marker.model.js';
import { defineNotificationModels } from './notifications/notification.model.js';
import { defineMessageReportModels } from './moderation/message-report.model.js';
import { definePhotoModels } from './issues/photos/photo.model.js';
import { defineVoiceModels } from './voice/voice.model.js';
import { defineIssueModels } from './issues/issue.model.js';
import { defineOpen311Models } from './open311/open311.model.js';
import { defineDeliberationModels } from './deliberation/deliberation.model.js';
import { definePollModels } from './poll/poll.model.js';
import { defineDecisionModels } from './decision/decision.model.js';
import { defineActivityModels } from './activity/activity.model.js';
import { defineSurveyModels } from './survey/survey.model.js';
import { defineRegionModels } from './regions/region.model.js';
import { defineIndexModels } from './index/index.model.js';
import { defineSmsModels } from './sms/sms.model.js';
import { definePushModels } from './push/push.model.js';
import { defineHookModels } from './hooks/hook.model.js';

/** Every capability's models bound to one connection: one line per capability that stores something. */
export function createModels(conn: Connection) {
  return {
    ...defineAuthModels(conn),
    ...defineCommunityModels(conn),
    ...defineMemberModels(conn),
    ...defineOrganisationModels(conn),
    ...defineChannelModels(conn),
    ...defineAuditModels(conn),
    ...defineMessageModels(conn),
    ...defineReactionModels(conn),
    ...defineReadMarkerModels(conn),
    ...defineNotificationModels(conn),
    ...defineMessageReportModels(conn),
    ...definePhotoModels(conn),
    ...defineVoiceModels(conn),
    ...defineIssueModels(conn),
    ...defineOpen311Models(conn),
    ...defineDeliberationModels(conn),
    ...definePollModels(conn),
    ...defineDecisionModels(conn),
    ...defineActivityModels(conn),
    ...defineSurveyModels(conn),
    ...defineRegionModels(conn),
    ...defineIndexModels(conn),
    ...defineSmsModels(conn),
    ...definePushModels(conn),
    ...defineHookModels(conn),
  };
}

export type Models = ReturnType<typeof createModels>;
