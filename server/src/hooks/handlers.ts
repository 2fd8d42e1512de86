import { capability } from '../capability.js';
import type { HookService } from './hook.service.js';

export const hooksCapability = (hooks: HookService) =>
  capability('hooks', {
    'hook:list': (caller, input) => hooks.list(caller, input),
    'hook:create': (caller, input) => hooks.create(caller, input),
    'hook:test': (caller, input) => hooks.test(caller, input),
    'hook:remove': (caller, input) => hooks.remove(caller, input),
    'hook:deliveries': (caller, input) => hooks.deliveries(caller, input),
  });
