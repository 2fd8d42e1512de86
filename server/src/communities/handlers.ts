import { capability } from '../capability.js';
import type { CommunityService } from './community.service.js';

export const communitiesCapability = (communities: CommunityService) =>
  capability('communities', {
    'community:list': (caller) => communities.listMine(caller),
    'community:create': (caller, input) => communities.create(caller, input),
    'community:update': (caller, input) => communities.update(caller, input),
    'community:discover': (caller, input) => communities.discover(caller, input),
    'community:joinByCode': (caller, input) => communities.joinByCode(caller, input),
    'community:requestJoin': (caller, input) => communities.requestJoin(caller, input),
    'community:listJoinRequests': (caller, input) => communities.listJoinRequests(caller, input),
    'community:decideJoinRequest': (caller, input) => communities.decideJoinRequest(caller, input),
    'community:rotateInviteCode': (caller, input) => communities.rotateInviteCode(caller, input),
    'community:leave': (caller, input) => communities.leave(caller, input),
  });
