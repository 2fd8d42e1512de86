import { capability } from '../capability.js';
import type { TypingService } from './typing.service.js';

export const typingCapability = (typing: TypingService) =>
  capability('typing', { 'typing:start': (caller, input) => typing.typing(caller, input) });
