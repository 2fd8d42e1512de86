/**
 * "What needs me" (`agenda:*`): a member's own agenda in a community and the counts of
 * the navigation, in one answer. Any member may ask for their own; outsiders get NOT_FOUND.
 */
import { z } from 'zod';
import { id } from '../fields.js';
import { defineContract, type Rule } from '../contract.js';
import { isMember } from '../actor.js';
import type { Agenda } from './types.js';

export const agenda = {
  get: z.strictObject({ communityId: id }),
};

export interface AgendaResults {
  'agenda:get': Agenda;
}

export const agendaRules = {
  /** One's own agenda: every member (platform admins outside the community are outsiders here). */
  'agenda.view': (a) => isMember(a),
} satisfies {
  'agenda.view': Rule;
};

export const agendaContract = defineContract<AgendaResults>()({
  commands: {
    'agenda:get': agenda.get,
  },
  rules: agendaRules,
});
