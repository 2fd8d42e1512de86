import { capability } from '../capability.js';
import type { PushService } from './push.service.js';

export const pushCapability = (push: PushService) =>
  capability('push', {
    'push:vapidKey': () => push.vapidKey(),
    'push:subscribe': (caller, input) => push.subscribe(caller, input),
    'push:unsubscribe': (caller, input) => push.unsubscribe(caller, input),
    'push:preferences': (caller) => push.preferences(caller),
    'push:setPreferences': (caller, input) => push.setPreferences(caller, input),
  });
