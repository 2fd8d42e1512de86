import { capability } from '../capability.js';
import type { OrganisationService } from './organisation.service.js';

export const organisationsCapability = (organisations: OrganisationService) =>
  capability('organisations', {
    'organisation:list': (caller, input) => organisations.list(caller, input),
    'organisation:create': (caller, input) => organisations.create(caller, input),
    'organisation:update': (caller, input) => organisations.update(caller, input),
    'organisation:remove': (caller, input) => organisations.remove(caller, input),
    'organisation:addStaff': (caller, input) => organisations.addStaff(caller, input),
    'organisation:removeStaff': (caller, input) => organisations.removeStaff(caller, input),
  });
