import { capability } from '../capability.js';
import type { MemberService } from './member.service.js';

export const membersCapability = (members: MemberService) =>
  capability('members', {
    'member:list': (caller, input) => members.list(caller, input),
    'member:setRole': (caller, input) => members.setRole(caller, input),
    'member:ban': (caller, input) => members.ban(caller, input),
    'member:unban': (caller, input) => members.unban(caller, input),
  });
