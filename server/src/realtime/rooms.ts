import { staffRoles, type MemberRole } from '@linli/shared';

/** Socket.io room names. Every socket of a user sits in the rooms of what it may see. */
export const rooms = {
  user: (userId: string) => `u:${userId}`,
  session: (sessionId: string) => `s:${sessionId}`,
  community: (communityId: string) => `c:${communityId}`,
  role: (communityId: string, role: MemberRole) => `c:${communityId}:r:${role}`,
  staff: (communityId: string) => staffRoles.map((role) => rooms.role(communityId, role)),
  organisation: (organisationId: string) => `o:${organisationId}`,
};
