import type { Connection } from './lib/mongo.model.js';
import { defineAuthModels } from './auth/auth.model.js';
import { defineCommunityModels } from './communities/community.model.js';
import { defineOrganisationModels } from './organisations/organisation.model.js';
import { defineChannelModels } from './channels/channel.model.js';
import { defineAuditModels } from './audit/audit.model.js';

/** All models bound to one connection. */
export function createModels(conn: Connection) {
  return {
    ...defineAuthModels(conn),
    ...defineCommunityModels(conn),
    ...defineOrganisationModels(conn),
    ...defineChannelModels(conn),
    ...defineAuditModels(conn),
  };
}

export type Models = ReturnType<typeof createModels>;
