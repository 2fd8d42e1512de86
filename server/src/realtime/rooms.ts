import type { MemberRole } from '@linli/shared';

/** Socket.io room names. Every socket of a user sits in the rooms of what it may see. */
export const rooms = {
  user: (userId: string) => `u:${userId}`,
  session: (sessionId: string) => `s:${sessionId}`,
  community: (communityId: string) => `c:${communityId}`,
  role: (communityId: string, role: MemberRole) => `c:${communityId}:r:${role}`,
  staff: (communityId: string) => ['moderator', 'supervisor', 'admin'].map((role) => `c:${communityId}:r:${role}`),
  organisation: (organisationId: string) => `o:${organisationId}`,
};
