import { capability } from '../capability.js';
import type { RegionService } from './region.service.js';

export const regionsCapability = (regions: RegionService) =>
  capability('regions', {
    'region:mine': (caller) => regions.mine(caller),
    'region:overview': (caller) => regions.overview(caller),
    'region:saveDistrict': (caller, input) => regions.saveDistrict(caller, input),
    'region:saveStreet': (caller, input) => regions.saveStreet(caller, input),
    'region:assign': (caller, input) => regions.assign(caller, input),
    'region:grant': (caller, input) => regions.grant(caller, input),
    'region:revoke': (caller, input) => regions.revoke(caller, input),
  });
