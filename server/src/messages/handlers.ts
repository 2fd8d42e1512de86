import { capability } from '../capability.js';
import type { MessageService } from './message.service.js';

export const messagesCapability = (messages: MessageService) =>
  capability('messages', {
    'message:send': (caller, p) => messages.send(caller, p),
    'message:edit': (caller, p) => messages.edit(caller, p),
    'message:delete': (caller, p) => messages.remove(caller, p),
    'message:history': (caller, p) => messages.history(caller, p),
    'message:sync': (caller, p) => messages.sync(caller, p),
  });
