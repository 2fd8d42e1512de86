import { isAuditAction, type AuditAction, type AuditEntry, type EventPayload } from '@linli/shared';
import { olderThan } from '../lib/paging.js';
import type { Caller } from '../context/caller.js';
import { requireAccess, type AccessDeps } from '../context/access.js';

type Details = AuditEntry['details'];

export function createAuditService(deps: AccessDeps) {
  const { models } = deps;
  return {
    /** Appends one entry; called after the action it records was written. */
    async record(communityId: string, actor: Caller, action: AuditAction, target: { type: string; id: string }, details: Details = {}) {
      await models.Audit.create({
        communityId,
        actorId: actor.userId,
        actorName: actor.displayName,
        action,
        targetType: target.type,
        targetId: target.id,
        details,
        at: new Date(),
      });
    },

    async list(caller: Caller, input: EventPayload<'audit:list'>): Promise<AuditEntry[]> {
      await requireAccess(deps, caller, input.communityId, 'audit.read');
      const filter = olderThan({ communityId: input.communityId }, 'at', input.before, input.beforeId);
      const rows = await models.Audit.find(filter).sort({ at: -1, _id: -1 }).limit(input.limit).lean();
      // Names a newer release recorded and this one does not know are left out, not mislabelled.
      return rows.flatMap((row) =>
        isAuditAction(row.action)
          ? [
              {
                id: row._id.toString(),
                communityId: row.communityId.toString(),
                actorId: row.actorId.toString(),
                actorName: row.actorName,
                action: row.action,
                targetType: row.targetType,
                targetId: row.targetId,
                details: (row.details ?? {}) as Details,
                at: row.at.toISOString(),
              },
            ]
          : [],
      );
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
