import { capability } from '../capability.js';
import type { DecisionService } from './decision.service.js';

export const decisionsCapability = (decisions: DecisionService) =>
  capability('decisions', {
    'decision:list': (caller, input) => decisions.list(caller, input),
    'decision:get': (caller, input) => decisions.get(caller, input),
    'decision:record': (caller, input) => decisions.record(caller, input),
    'decision:saveItem': (caller, input) => decisions.saveItem(caller, input),
    'decision:abandonItem': (caller, input) => decisions.abandonItem(caller, input),
    'decision:progress': (caller, input) => decisions.progress(caller, input),
    'decision:milestone': (caller, input) => decisions.milestone(caller, input),
    'decision:rate': (caller, input) => decisions.rate(caller, input),
    'decision:overdue': (caller, input) => decisions.overdue(caller, input),
  });
