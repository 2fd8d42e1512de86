import { capability } from '../capability.js';
import type { PollService } from './poll.service.js';

export const pollCapability = (polls: PollService) =>
  capability('poll', {
    'poll:list': (caller, input) => polls.list(caller, input),
    'poll:get': (caller, input) => polls.get(caller, input),
    'poll:create': (caller, input) => polls.create(caller, input),
    'poll:update': (caller, input) => polls.update(caller, input),
    'poll:cast': (caller, input) => polls.cast(caller, input),
    'poll:castFor': (caller, input) => polls.castFor(caller, input),
    'poll:close': (caller, input) => polls.close(caller, input),
    'poll:watch': (caller, input) => polls.watch(caller, input),
    'poll:unwatch': (caller, input) => polls.unwatch(caller, input),
    'poll:result': (caller, input) => polls.result(caller, input),
  });
