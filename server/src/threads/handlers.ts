import { capability } from '../capability.js';
import type { ThreadService } from './thread.service.js';

export const threadsCapability = (threads: ThreadService) =>
  capability('threads', { 'message:thread': (caller, input) => threads.thread(caller, input) });
