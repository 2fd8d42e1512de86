import { capability } from '../capability.js';
import type { InsightsService } from './insights.service.js';

export const insightsCapability = (insights: InsightsService) =>
  capability('insights', {
    'insights:get': (caller, input) => insights.get(caller, input),
  });
