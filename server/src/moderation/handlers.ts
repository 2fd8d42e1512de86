import { capability } from '../capability.js';
import type { ModerationService } from './moderation.service.js';

export const moderationCapability = (moderation: ModerationService) =>
  capability('moderation', {
    'message:report': (caller, p) => moderation.report(caller, p),
    'message:hide': (caller, p) => moderation.hide(caller, p),
    'report:list': (caller, p) => moderation.listReports(caller, p),
    'report:resolve': (caller, p) => moderation.resolveReport(caller, p),
    'member:mute': (caller, p) => moderation.mute(caller, p),
  });
