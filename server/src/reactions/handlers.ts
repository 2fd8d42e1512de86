import { capability } from '../capability.js';
import type { ReactionService } from './reaction.service.js';

export const reactionsCapability = (reactions: ReactionService) =>
  capability('reactions', { 'message:react': (caller, input) => reactions.react(caller, input) });
