import { capability } from '../capability.js';
import type { ReactionService } from './reaction.service.js';

export const reactionsCapability = (reactions: ReactionService) =>
  capability('reactions', { 'message:react': (caller, p) => reactions.react(caller, p) });
