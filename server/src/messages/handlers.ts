import { capability } from '../capability.js';
import type { MessageService } from './message.service.js';

export const messagesCapability = (messages: MessageService) =>
  capability('messages', {
    'message:send': (caller, input) => messages.send(caller, input),
    'message:edit': (caller, input) => messages.edit(caller, input),
    'message:delete': (caller, input) => messages.remove(caller, input),
    'message:history': (caller, input) => messages.history(caller, input),
    'message:sync': (caller, input) => messages.sync(caller, input),
  });
