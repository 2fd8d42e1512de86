import { capability } from '../capability.js';
import type { HouseholdService } from './household.service.js';

export const householdsCapability = (households: HouseholdService) =>
  capability('households', {
    'household:set': (caller, p) => households.set(caller, p),
    'household:verify': (caller, p) => households.verify(caller, p),
  });
