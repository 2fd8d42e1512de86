import { capability } from '../capability.js';
import type { ModerationService } from './moderation.service.js';

export const moderationCapability = (moderation: ModerationService) =>
  capability('moderation', {
    'message:report': (caller, input) => moderation.report(caller, input),
    'message:hide': (caller, input) => moderation.hide(caller, input),
    'report:list': (caller, input) => moderation.listReports(caller, input),
    'report:resolve': (caller, input) => moderation.resolveReport(caller, input),
    'member:mute': (caller, input) => moderation.mute(caller, input),
  });
