import type { Connection } from './lib/mongo.model.js';
import { defineAuthModels } from './auth/auth.model.js';
import { defineCommunityModels } from './communities/community.model.js';
import { defineOrganisationModels } from './organisations/organisation.model.js';
import { defineChannelModels } from './channels/channel.model.js';
import { defineAuditModels } from './audit/audit.model.js';
import { defineMessageModels } from './messages/message.model.js';
import { defineNotificationModels } from './notifications/notification.model.js';
import { defineReportModels } from './moderation/report.model.js';

/** All models bound to one connection. */
export function createModels(conn: Connection) {
  return {
    ...defineAuthModels(conn),
    ...defineCommunityModels(conn),
    ...defineOrganisationModels(conn),
    ...defineChannelModels(conn),
    ...defineAuditModels(conn),
    ...defineMessageModels(conn),
    ...defineNotificationModels(conn),
    ...defineReportModels(conn),
  };
}

export type Models = ReturnType<typeof createModels>;
