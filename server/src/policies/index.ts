/**
 * Every permission rule of Linli, in one place. Services ask
 * `can(actor, action, resource)` and never decide access on their own.
 */
import { staffRoles, type ChannelVisibility, type MemberRole } from '@linli/shared';

export interface Actor {
  userId: string;
  isPlatformAdmin: boolean;
  /** The actor's active membership in the community concerned, or null. */
  role: MemberRole | null;
  /** Organisations (of that community) the actor is staff of. */
  organisationIds: readonly string[];
}

export type Resource =
  | { type: 'platform' }
  | { type: 'community' }
  | { type: 'member'; userId: string; role: MemberRole }
  | { type: 'roleChange'; userId: string; from: MemberRole; to: MemberRole }
  | { type: 'channel'; kind: string; visibility: ChannelVisibility; archived: boolean; ownerId: string };

export type Action =
  | 'community.create'
  | 'community.view'
  | 'community.update'
  | 'community.manageInvites'
  | 'joinRequest.decide'
  | 'member.list'
  | 'member.viewPhone'
  | 'member.setRole'
  | 'member.ban'
  | 'member.unban'
  | 'household.record'
  | 'household.verify'
  | 'organisation.view'
  | 'organisation.manage'
  | 'channel.view'
  | 'channel.create'
  | 'channel.manage'
  | 'channel.post'
  | 'message.moderate'
  | 'member.mute'
  | 'audit.read';

const rank: Record<MemberRole, number> = { resident: 0, moderator: 1, supervisor: 2, admin: 3 };

export const isStaff = (role: MemberRole | null): boolean => role !== null && staffRoles.includes(role);
const isMember = (a: Actor): boolean => a.role !== null;
const isAdmin = (a: Actor): boolean => a.role === 'admin' || a.isPlatformAdmin;

function canSeeChannel(a: Actor, r: Extract<Resource, { type: 'channel' }>): boolean {
  if (!isMember(a)) return false;
  if (isStaff(a.role)) return true;
  if (r.archived) return false;
  switch (r.visibility.type) {
    case 'all':
      return true;
    case 'roles':
      return a.role !== null && r.visibility.roles.includes(a.role);
    case 'organisation':
      return a.organisationIds.includes(r.visibility.organisationId);
  }
}

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  switch (action) {
    case 'community.create':
      return actor.isPlatformAdmin;
    // Platform admins run the deployment but read a community's private data
    // only as its members: each community's data stays its own.
    case 'community.view':
    case 'member.list':
    case 'organisation.view':
    case 'household.record':
      return isMember(actor);
    case 'community.update':
      return isAdmin(actor);
    case 'community.manageInvites':
    case 'joinRequest.decide':
    case 'member.viewPhone':
    case 'household.verify':
    case 'organisation.manage':
    case 'channel.create':
    case 'audit.read':
    case 'message.moderate':
      return isStaff(actor.role);
    case 'channel.manage':
      return resource.type === 'channel' && isStaff(actor.role);
    case 'member.setRole': {
      if (resource.type !== 'roleChange' || resource.userId === actor.userId) return false;
      if (actor.isPlatformAdmin) return true;
      return actor.role === 'admin';
    }
    // Lifting a ban takes the rank that could have imposed it (the role the member held).
    case 'member.mute':
    case 'member.ban':
    case 'member.unban': {
      if (resource.type !== 'member' || resource.userId === actor.userId) return false;
      return actor.role !== null && isStaff(actor.role) && rank[actor.role] > rank[resource.role];
    }
    case 'channel.view':
      return resource.type === 'channel' && canSeeChannel(actor, resource);
    case 'channel.post': {
      if (resource.type !== 'channel' || resource.archived || !canSeeChannel(actor, resource)) return false;
      if (resource.kind === 'announcements' || resource.kind === 'decisions') return isStaff(actor.role);
      return true;
    }
  }
}
