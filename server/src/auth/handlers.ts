import { capability } from '../capability.js';
import type { AuthService } from './auth.service.js';

/** Login is HTTP (auth.routes.ts); over the socket a signed-in user edits their profile. */
export const authCapability = (auth: AuthService) =>
  capability('auth', {
    'profile:update': (caller, input) => auth.updateProfile(caller.userId, input.displayName),
  });
