import { capability } from '../capability.js';
import type { OrganisationService } from './organisation.service.js';

export const organisationsCapability = (organisations: OrganisationService) =>
  capability('organisations', {
    'organisation:list': (caller, p) => organisations.list(caller, p),
    'organisation:create': (caller, p) => organisations.create(caller, p),
    'organisation:update': (caller, p) => organisations.update(caller, p),
    'organisation:remove': (caller, p) => organisations.remove(caller, p),
    'organisation:addStaff': (caller, p) => organisations.addStaff(caller, p),
    'organisation:removeStaff': (caller, p) => organisations.removeStaff(caller, p),
  });
