import { capability } from '../capability.js';
import type { MemberService } from './member.service.js';

export const membersCapability = (members: MemberService) =>
  capability('members', {
    'member:list': (caller, p) => members.list(caller, p),
    'member:setRole': (caller, p) => members.setRole(caller, p),
    'member:ban': (caller, p) => members.ban(caller, p),
    'member:unban': (caller, p) => members.unban(caller, p),
  });
