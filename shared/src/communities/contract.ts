/** Communities: creating, finding and joining one, invites and join requests. */
import { defineContract, type Rule } from '../contract.js';
import { isAdmin, isMember, isStaff } from '../actor.js';
import type { Community, CommunityCard, JoinRequest, MyCommunity } from './types.js';
import { community } from './schemas.js';

export interface CommunityResults {
  'community:list': MyCommunity[];
  'community:create': MyCommunity;
  'community:update': Community;
  'community:discover': CommunityCard[];
  'community:joinByCode': MyCommunity;
  'community:requestJoin': JoinRequest;
  'community:listJoinRequests': JoinRequest[];
  'community:decideJoinRequest': JoinRequest;
  'community:rotateInviteCode': { inviteCode: string };
  'community:leave': { communityId: string };
}

export interface CommunityNotifications {
  'community:updated': (p: Community) => void;
  'joinRequest:created': (p: JoinRequest) => void;
  'joinRequest:decided': (p: JoinRequest) => void;
}

export const communityRules = {
  /** Communities are created by the deployment's operators. */
  'community.create': (a) => a.isPlatformAdmin,
  // Platform admins run the deployment but read a community's private data
  // only as its members: each community's data stays its own.
  'community.view': (a) => isMember(a),
  'community.update': (a) => isAdmin(a),
  'community.manageInvites': (a) => isStaff(a.role),
  'joinRequest.decide': (a) => isStaff(a.role),
} satisfies Record<string, Rule>;

export const communitiesContract = defineContract<CommunityResults, CommunityNotifications>()({
  commands: {
    'community:list': community.list,
    'community:create': community.create,
    'community:update': community.update,
    'community:discover': community.discover,
    'community:joinByCode': community.joinByCode,
    'community:requestJoin': community.requestJoin,
    'community:listJoinRequests': community.listJoinRequests,
    'community:decideJoinRequest': community.decideJoinRequest,
    'community:rotateInviteCode': community.rotateInviteCode,
    'community:leave': community.leave,
  },
  rules: communityRules,
});
