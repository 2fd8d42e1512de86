import { capability } from '../capability.js';
import type { Open311Service } from './open311.service.js';

export const open311Capability = (open311: Open311Service) =>
  capability('open311', {
    'open311:keys': (caller, input) => open311.settings(caller, input),
    'open311:createKey': (caller, input) => open311.createKey(caller, input),
    'open311:revokeKey': (caller, input) => open311.revokeKey(caller, input),
    'open311:setJurisdiction': (caller, input) => open311.setJurisdiction(caller, input),
  });
