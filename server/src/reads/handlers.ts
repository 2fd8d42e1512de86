import { capability } from '../capability.js';
import type { ReadService } from './read.service.js';

export const readsCapability = (reads: ReadService) =>
  capability('reads', {
    'channel:markRead': (caller, p) => reads.markRead(caller, p),
    'channel:readStates': (caller, p) => reads.readStates(caller, p),
  });
