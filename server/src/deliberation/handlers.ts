import { capability } from '../capability.js';
import type { DeliberationService } from './deliberation.service.js';

export const deliberationCapability = (deliberations: DeliberationService) =>
  capability('deliberation', {
    'deliberation:list': (caller, input) => deliberations.list(caller, input),
    'deliberation:get': (caller, input) => deliberations.get(caller, input),
    'deliberation:propose': (caller, input) => deliberations.propose(caller, input),
    'deliberation:open': (caller, input) => deliberations.open(caller, input),
    'deliberation:review': (caller, input) => deliberations.review(caller, input),
    'deliberation:support': (caller, input) => deliberations.support(caller, input),
    'deliberation:close': (caller, input) => deliberations.close(caller, input),
    'deliberation:settings': (caller, input) => deliberations.settings(caller, input),
    'deliberation:configure': (caller, input) => deliberations.configure(caller, input),
  });
