import type { MembershipCache } from '../members/membership-cache.js';

const HOUR = 3_600_000;

/**
 * Supervision of deadlines, shared by problem reports and decisions' action items:
 * past its deadline a thing is escalated to level 1 (the community's supervisors, and
 * whoever handles it), and after `escalateAfterHours` more to level 2 (its admins).
 */
export const SUPERVISION_ROLES: Record<1 | 2, readonly string[]> = { 1: ['supervisor'], 2: ['admin'] };

/** The level due for something late since `since`: 1, or 2 once it is late by escalateAfterHours. */
export function dueLevel(since: Date, now: Date, escalateAfterHours: number): 1 | 2 {
  return now.getTime() - since.getTime() >= escalateAfterHours * HOUR ? 2 : 1;
}

/** The community's members holding one of these roles. */
export function roleHolders(memberships: Pick<MembershipCache, 'ofCommunity'>, communityId: string, roles: readonly string[]): string[] {
  return memberships
    .ofCommunity(communityId)
    .filter((membership) => roles.includes(membership.role))
    .map((membership) => membership.userId.toString());
}

/**
 * Climbs from the level already reached to the due one, one level at a time. Each level
 * is a conditional update (`claim`, e.g. `{ overdueLevel: level - 1 } -> level`) that
 * exactly one of several sweeping nodes wins; only the winner announces it. Stops at the
 * first claim lost (another node is climbing). Returns how many levels this call won.
 */
export async function climbLevels<T>(
  reached: number,
  due: number,
  claim: (level: number) => Promise<T | null>,
  announce: (won: T, level: 1 | 2) => Promise<void>,
): Promise<number> {
  let won = 0;
  for (let level = reached + 1; level <= due; level++) {
    const claimed = await claim(level);
    if (!claimed) break;
    won++;
    await announce(claimed, level as 1 | 2);
  }
  return won;
}
