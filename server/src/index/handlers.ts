import { capability } from '../capability.js';
import type { IndexService } from './index.service.js';

export const indexCapability = (index: IndexService) =>
  capability('index', {
    'index:ranking': (caller, input) => index.ranking(caller, input),
    'index:trend': (caller, input) => index.trend(caller, input),
    'index:community': (caller, input) => index.community(caller, input),
    'index:publish': (caller, input) => index.publish(caller, input),
  });
