/** The audit log: every staff action, for supervisors to follow up on. */
import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { id } from '../fields.js';
import { defineContract, type Rule } from '../contract.js';
import { isStaff } from '../actor.js';
import type { AuditAction } from './actions.js';

/** One staff action, as the audit log shows it. */
export interface AuditEntry {
  id: string;
  communityId: string;
  actorId: string;
  actorName: string;
  action: AuditAction;
  targetType: string;
  targetId: string;
  details: Record<string, string | number | boolean | null>;
  at: string;
}

export const audit = {
  list: z.strictObject({
    communityId: id,
    /** ISO time; entries strictly older than this (cursor for the next page). */
    before: z.iso.datetime().optional(),
    /** With `before`: the last entry seen, so entries of the same time are neither skipped nor repeated. */
    beforeId: id.optional(),
    limit: z.int().min(1).max(LIMITS.pageSize.max).default(LIMITS.pageSize.default),
  }),
};

export const auditRules = {
  'audit.read': (a) => isStaff(a.role),
} satisfies Record<string, Rule>;

export const auditContract = defineContract<{ 'audit:list': AuditEntry[] }>()({
  commands: { 'audit:list': audit.list },
  rules: auditRules,
});
