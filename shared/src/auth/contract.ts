/** Accounts and sessions: login is HTTP (see auth schemas); the profile is a socket command. */
import { defineContract } from '../contract.js';
import type { SessionEndReason, UserSelf } from './types.js';
import { profile } from './schemas.js';

export interface AuthResults {
  'profile:update': UserSelf;
}

export interface AuthNotifications {
  'session:ended': (p: { reason: SessionEndReason }) => void;
}

export const authContract = defineContract<AuthResults, AuthNotifications>()({
  commands: { 'profile:update': profile.update },
});
