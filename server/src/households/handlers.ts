import { capability } from '../capability.js';
import type { HouseholdService } from './household.service.js';

export const householdsCapability = (households: HouseholdService) =>
  capability('households', {
    'household:set': (caller, input) => households.set(caller, input),
    'household:verify': (caller, input) => households.verify(caller, input),
  });
