/** Organisations responsible for the community (committees, property company, social organisations) and their staff. */
import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { id, line, text } from '../fields.js';
import { defineContract, type Rule } from '../contract.js';
import { isMember, isStaff } from '../actor.js';
import { organisationKinds, type Organisation } from './types.js';

const staffEntry = z.strictObject({
  userId: id,
  /** Role inside the organisation, e.g. 主任. */
  title: line(0, LIMITS.staffTitle.max).default(''),
});

export const organisation = {
  list: z.strictObject({ communityId: id }),
  create: z.strictObject({
    communityId: id,
    name: line(LIMITS.organisationName.min, LIMITS.organisationName.max),
    kind: z.enum(organisationKinds),
    description: text(LIMITS.description.max).default(''),
  }),
  update: z.strictObject({
    organisationId: id,
    name: line(LIMITS.organisationName.min, LIMITS.organisationName.max).optional(),
    kind: z.enum(organisationKinds).optional(),
    description: text(LIMITS.description.max).optional(),
  }),
  remove: z.strictObject({ organisationId: id }),
  addStaff: z.strictObject({ organisationId: id, ...staffEntry.shape }),
  removeStaff: z.strictObject({ organisationId: id, userId: id }),
};

export interface OrganisationResults {
  'organisation:list': Organisation[];
  'organisation:create': Organisation;
  'organisation:update': Organisation;
  'organisation:remove': { organisationId: string };
  'organisation:addStaff': Organisation;
  'organisation:removeStaff': Organisation;
}

export interface OrganisationNotifications {
  'organisation:saved': (p: Organisation) => void;
  'organisation:removed': (p: { communityId: string; organisationId: string }) => void;
}

export const organisationRules = {
  'organisation.view': (a) => isMember(a),
  'organisation.manage': (a) => isStaff(a.role),
} satisfies Record<string, Rule>;

export const organisationsContract = defineContract<OrganisationResults, OrganisationNotifications>()({
  commands: {
    'organisation:list': organisation.list,
    'organisation:create': organisation.create,
    'organisation:update': organisation.update,
    'organisation:remove': organisation.remove,
    'organisation:addStaff': organisation.addStaff,
    'organisation:removeStaff': organisation.removeStaff,
  },
  rules: organisationRules,
});
