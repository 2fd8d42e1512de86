import { capability } from '../capability.js';
import type { Presence } from './presence.service.js';

export const presenceCapability = (presence: Presence) =>
  capability('presence', { 'presence:list': (caller, input) => presence.list(caller, input) });
