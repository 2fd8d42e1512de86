import { capability } from '../capability.js';
import type { ReadService } from './read.service.js';

export const readsCapability = (reads: ReadService) =>
  capability('reads', {
    'channel:markRead': (caller, input) => reads.markRead(caller, input),
    'channel:readStates': (caller, input) => reads.readStates(caller, input),
  });
