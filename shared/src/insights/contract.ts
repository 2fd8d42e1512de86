/**
 * Needs analysis (`insights:*`): counts of problem reports by category, building, time and
 * organisation, rising words in reports and public chat, repeat problems at one place.
 * Staff only: residents are refused (FORBIDDEN), outsiders do not learn the community exists.
 */
import { z } from 'zod';
import { id } from '../fields.js';
import { defineContract, type Rule } from '../contract.js';
import { isStaff } from '../actor.js';
import { insightPeriods, type CommunityInsights } from './types.js';

export const insights = {
  get: z.strictObject({
    communityId: id,
    period: z.enum(insightPeriods).default('month'),
  }),
};

export interface InsightsResults {
  'insights:get': CommunityInsights;
}

export const insightsRules = {
  'insights.view': (a) => isStaff(a.role),
} satisfies {
  'insights.view': Rule;
};

export const insightsContract = defineContract<InsightsResults>()({
  commands: {
    'insights:get': insights.get,
  },
  rules: insightsRules,
});
