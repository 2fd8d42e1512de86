import { openIssueStates } from '@linli/shared';
import { op } from '../lib/db.js';
import type { IssueDoc } from './issue.model.js';
import type { IssueStore, IssueStoreDeps } from './issue-store.js';
import { SUPERVISION_ROLES, climbLevels, dueLevel, roleHolders } from './escalation.js';

const HOUR = 3_600_000;

export interface SweepSettings {
  /** Past a deadline by this long, an issue goes from the supervisor (level 1) to the admins (level 2). */
  escalateAfterHours: number;
  /** A resolved issue the reporter does not answer within this many days is confirmed automatically. */
  autoConfirmDays: number;
}

const SYSTEM = { userId: null, name: '系统' } as const;

/** The deadline an issue is late against now, or null when it is on time. */
export function lateSince(issue: Pick<IssueDoc, 'state' | 'respondBy' | 'resolveBy'>, now: Date): Date | null {
  if (issue.state === 'submitted' && issue.respondBy < now) return issue.respondBy;
  if ((issue.state === 'assigned' || issue.state === 'in_progress' || issue.state === 'reopened') && issue.resolveBy && issue.resolveBy < now) return issue.resolveBy;
  return null;
}

/**
 * Finds late issues and escalates each exactly once per level, and confirms
 * resolved issues nobody answered. Every node may sweep at the same moment:
 * each step is a conditional update (a claim) that only one of them wins, so
 * nothing is announced twice. The clock is injected (tests move it).
 */
export function createIssueSweeper(deps: IssueStoreDeps & { store: IssueStore; settings: SweepSettings }) {
  const { models, store, settings } = deps;

  /** Claims one escalation level; true when this call won it. */
  async function claim(issue: IssueDoc, level: number, now: Date): Promise<IssueDoc | null> {
    return (await models.Issue.findOneAndUpdate(
      { _id: issue._id, overdueLevel: level - 1, state: issue.state },
      { $set: { overdueLevel: level, updatedAt: now }, $inc: { version: 1 } },
      { new: true, timestamps: false },
    ).lean()) as IssueDoc | null;
  }

  async function escalate(issue: IssueDoc, now: Date): Promise<number> {
    const since = lateSince(issue, now);
    if (!since) return 0;
    return climbLevels(
      issue.overdueLevel ?? 0,
      dueLevel(since, now, settings.escalateAfterHours),
      (level) => claim(issue, level, now),
      async (won, level) => {
        const communityId = won.communityId.toString();
        const events = await store.record(won, [{ kind: 'escalate', actor: SYSTEM, action: `level${level}`, text: level === 1 ? '已逾期，督办' : '逾期未办，上报街道' }]);
        store.push(won, events);
        // Level 1: the community's supervisors (and the assignees); level 2: its admins.
        await store.tell(won, { users: roleHolders(deps.memberships, communityId, SUPERVISION_ROLES[level]), assignees: level === 1 }, SYSTEM, won.title);
      },
    );
  }

  async function autoConfirm(issue: IssueDoc, now: Date): Promise<boolean> {
    if (issue.state !== 'resolved' || !issue.resolvedAt || now.getTime() - issue.resolvedAt.getTime() < settings.autoConfirmDays * 24 * HOUR) return false;
    const won = (await models.Issue.findOneAndUpdate(
      { _id: issue._id, state: 'resolved', version: issue.version },
      { $set: { state: 'confirmed', autoConfirmed: true, updatedAt: now }, $inc: { version: 1 } },
      { new: true, timestamps: false },
    ).lean()) as IssueDoc | null;
    if (!won) return false;
    const events = await store.record(won, [{ kind: 'transition', action: 'autoConfirm', from: 'resolved', to: 'confirmed', actor: SYSTEM, text: `${settings.autoConfirmDays} 天未回复，自动确认` }]);
    store.push(won, events);
    await store.tell(won, { watchers: true, assignees: true }, SYSTEM, won.title);
    return true;
  }

  return {
    /** One pass over the open and resolved issues of every community. */
    async sweep(): Promise<{ escalated: number; autoConfirmed: number }> {
      const now = deps.clock();
      const issues = (await models.Issue.find({ state: op({ $in: [...openIssueStates, 'resolved'] }) }).lean()) as IssueDoc[];
      let escalated = 0;
      let autoConfirmed = 0;
      for (const issue of issues) {
        escalated += await escalate(issue, now);
        if (await autoConfirm(issue, now)) autoConfirmed++;
      }
      return { escalated, autoConfirmed };
    },
  };
}

export type IssueSweeper = ReturnType<typeof createIssueSweeper>;
