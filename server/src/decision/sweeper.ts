import { runningItemStates } from '@linli/shared';
import { op } from '../lib/db.js';
import { SUPERVISION_ROLES, climbLevels, dueLevel, roleHolders } from '../issues/escalation.js';
import type { ActionItemDoc } from './decision.model.js';
import type { DecisionStore, DecisionStoreDeps } from './decision-store.js';

export interface DecisionSweepSettings {
  /** Past its due date by this long, an item goes from the owner and supervisors (level 1) to the admins (level 2): ISSUE_ESCALATE_AFTER_HOURS. */
  escalateAfterHours: number;
}

const SYSTEM = { userId: null, name: '系统' } as const;

/**
 * Overdue action items go through the problem reports' supervision (issues/escalation.ts):
 * level 1 tells the owner (the organisation's staff, or the member) and the community's
 * supervisors, level 2 its admins. Every node may sweep at once: each level is a
 * conditional update only one of them wins, so each is announced exactly once.
 */
export function createDecisionSweeper(deps: DecisionStoreDeps & { store: DecisionStore; settings: DecisionSweepSettings }) {
  const { models, store, settings } = deps;

  async function claim(item: ActionItemDoc, level: number): Promise<ActionItemDoc | null> {
    // The due date in the filter: an item extended meanwhile is not escalated on its old one.
    return (await models.ActionItem.findOneAndUpdate(
      { _id: item._id, overdueLevel: level - 1, dueAt: item.dueAt, state: op({ $in: [...runningItemStates] }) },
      { $set: { overdueLevel: level }, $inc: { version: 1 } },
      { new: true, timestamps: false },
    ).lean()) as ActionItemDoc | null;
  }

  async function escalate(item: ActionItemDoc, now: Date): Promise<number> {
    if (item.dueAt >= now) return 0;
    return climbLevels(item.overdueLevel ?? 0, dueLevel(item.dueAt, now, settings.escalateAfterHours), (level) => claim(item, level), async (won, level) => {
      store.pushItem(won);
      const { decision } = await store.refresh(won.decisionId.toString());
      store.pushDecision(decision);
      const communityId = won.communityId.toString();
      const users = new Set(roleHolders(deps.memberships, communityId, SUPERVISION_ROLES[level]));
      if (level === 1) for (const userId of await store.ownerUsers(won)) users.add(userId);
      await store.tell(decision, users, SYSTEM, `「${won.title}」${level === 1 ? '已逾期，督办' : '逾期未办，上报街道'}（${won.owner.name}）`);
    });
  }

  return {
    /** One pass over the running action items of every community. */
    async sweep(): Promise<{ escalated: number }> {
      const now = deps.clock();
      const items = (await models.ActionItem.find({ state: op({ $in: [...runningItemStates] }), dueAt: op({ $lt: now }) }).lean()) as ActionItemDoc[];
      let escalated = 0;
      for (const item of items) escalated += await escalate(item, now);
      return { escalated };
    },
  };
}

export type DecisionSweeper = ReturnType<typeof createDecisionSweeper>;
