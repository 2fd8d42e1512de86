import { capability } from '../capability.js';
import type { IssueService } from './issue.service.js';
import type { IssueLifecycle } from './lifecycle.service.js';

export const issuesCapability = (issues: IssueService, lifecycle: IssueLifecycle) =>
  capability('issues', {
    'issue:categories': (caller, input) => issues.categories(caller, input),
    'issue:saveCategory': (caller, input) => issues.saveCategory(caller, input),
    'issue:file': (caller, input) => issues.file(caller, input),
    'issue:similar': (caller, input) => issues.similar(caller, input),
    'issue:list': (caller, input) => issues.list(caller, input),
    'issue:get': (caller, input) => issues.get(caller, input),
    'issue:support': (caller, input) => issues.support(caller, input),
    'issue:follow': (caller, input) => issues.follow(caller, input),
    'issue:act': (caller, input) => lifecycle.act(caller, input),
    'issue:comment': (caller, input) => issues.comment(caller, input),
    'issue:figures': (caller, input) => issues.figures(caller, input),
  });
