import type { AuditEntry } from '@linli/shared';
import { op } from '../lib/mongo.model.js';
import type { Caller } from '../realtime/handlers.js';
import { requireAccess, type AccessDeps } from '../communities/access.js';

type Details = AuditEntry['details'];

export function createAuditService(deps: AccessDeps) {
  const { models } = deps;
  return {
    /** Appends one entry; called after the action it records was written. */
    async record(communityId: string, actor: Caller, action: string, target: { type: string; id: string }, details: Details = {}) {
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

    async list(caller: Caller, input: { communityId: string; before?: string | undefined; limit: number }): Promise<AuditEntry[]> {
      await requireAccess(deps, caller, input.communityId, 'audit.read');
      const filter = input.before
        ? { communityId: input.communityId, at: op({ $lt: new Date(input.before) }) }
        : { communityId: input.communityId };
      const rows = await models.Audit.find(filter).sort({ at: -1 }).limit(input.limit).lean();
      return rows.map((r) => ({
        id: r._id.toString(),
        communityId: r.communityId.toString(),
        actorId: r.actorId.toString(),
        actorName: r.actorName,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        details: (r.details ?? {}) as Details,
        at: r.at.toISOString(),
      }));
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
