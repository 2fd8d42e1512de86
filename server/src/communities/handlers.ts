import { capability } from '../capability.js';
import type { CommunityService } from './community.service.js';

export const communitiesCapability = (communities: CommunityService) =>
  capability('communities', {
    'community:list': (caller) => communities.listMine(caller),
    'community:create': (caller, p) => communities.create(caller, p),
    'community:update': (caller, p) => communities.update(caller, p),
    'community:discover': (caller, p) => communities.discover(caller, p),
    'community:joinByCode': (caller, p) => communities.joinByCode(caller, p),
    'community:requestJoin': (caller, p) => communities.requestJoin(caller, p),
    'community:listJoinRequests': (caller, p) => communities.listJoinRequests(caller, p),
    'community:decideJoinRequest': (caller, p) => communities.decideJoinRequest(caller, p),
    'community:rotateInviteCode': (caller, p) => communities.rotateInviteCode(caller, p),
    'community:leave': (caller, p) => communities.leave(caller, p),
  });
