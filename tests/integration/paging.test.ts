/**
 * Paging of the lists that grow without bound, over real sockets and the embedded
 * database: every page command walks its list exactly once in the list's order,
 * an item added between two pages is neither skipped nor repeated (it is newer, so it
 * sorts ahead of the cursor), limits are enforced, back-link filters still apply per
 * page, and refusals are what they were (a stranger pages nothing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '@linli/shared';
import { call, must, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { createTestCommunity } from '../support/community.js';

const DAY = 24 * 3_600_000;
const N = 7;
const PAGE = 3;

/** Walks a list page by page; `between` runs after the first page. */
async function walk<T extends { id: string }, C>(
  page: (cursor: C | undefined) => Promise<T[]>,
  cursorOf: (last: T) => C,
  between?: () => Promise<unknown>,
): Promise<T[]> {
  const seen: T[] = [];
  let cursor: C | undefined;
  for (let round = 0; round < 50; round += 1) {
    const items = await page(cursor);
    expect(items.length).toBeLessThanOrEqual(PAGE);
    seen.push(...items);
    if (round === 0 && between) await between();
    if (items.length < PAGE) return seen;
    cursor = cursorOf(items.at(-1)!);
  }
  throw new Error('paging did not end');
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('paging', () => {
  let c: Cluster;
  const now = Date.parse('2026-12-01T09:00:00Z');
  const clock = () => new Date(now);
  let communityId: string;
  let admin: ClientSocket;
  let moderator: ClientSocket;
  let resident: ClientSocket;
  let outsider: ClientSocket;
  const users: Record<string, Session> = {};
  const at = (ms: number) => new Date(ms).toISOString();
  let serial = 0;

  beforeAll(async () => {
    c = await startCluster({ nodes: 2, clock });
    const community = await createTestCommunity(c, '翻页测试社区', users);
    ({ admin, communityId } = community);
    moderator = await community.join('moderator', '13900950001', '李社工', 0);
    resident = await community.join('resident', '13900950002', '陈阿姨', 1);
    await community.setRole('moderator', 'moderator');
    users.outsider = await c.login('13900950003', '外人');
    outsider = await c.connect(users.outsider, 1);
  });

  afterAll(async () => {
    await c?.stop();
  });

  /** The same walk twice: once as it is, once with a new item made after the first page. */
  async function checkPaging<T extends { id: string }, C>(
    make: () => Promise<unknown>,
    full: () => Promise<T[]>,
    page: (cursor: C | undefined) => Promise<T[]>,
    cursorOf: (last: T) => C,
  ) {
    for (let i = 0; i < N; i += 1) await make();
    const all = await full();
    expect(all.length).toBeGreaterThanOrEqual(N);
    expect(ids(await walk(page, cursorOf))).toEqual(ids(all));
    // A new item arrives while someone scrolls: the pages after the first are unchanged.
    const walked = await walk(page, cursorOf, make);
    expect(ids(walked)).toEqual(ids(all));
    expect(new Set(ids(walked)).size).toBe(walked.length);
    // And the new one leads the list when it is read again.
    const after = await full();
    expect(after.length).toBe(all.length + 1);
    expect(ids(after.slice(1))).toEqual(ids(all));
  }

  it('deliberation:list pages by number, newest first, and keeps the back-link filter', async () => {
    const issue = await must(resident, 'issue:file', { communityId, title: '楼道灯坏了', categoryId: (await must(resident, 'issue:categories', { communityId }))[0]!.id });
    const make = () => must(moderator, 'deliberation:open', { communityId, title: `议题 ${++serial}`, issueIds: serial % 2 ? [issue.id] : [] });
    await checkPaging(
      make,
      async () => (await must(resident, 'deliberation:list', { communityId, limit: 200 })).items,
      async (beforeNumber?: number) => (await must(resident, 'deliberation:list', { communityId, limit: PAGE, ...(beforeNumber ? { beforeNumber } : {}) })).items,
      (last) => last.number,
    );
    const linked = (await must(resident, 'deliberation:list', { communityId, issueId: issue.id, limit: 200 })).items;
    expect(linked.length).toBeGreaterThan(PAGE);
    const pages = await walk(
      async (beforeNumber?: number) => (await must(resident, 'deliberation:list', { communityId, issueId: issue.id, limit: PAGE, ...(beforeNumber ? { beforeNumber } : {}) })).items,
      (last) => last.number,
    );
    expect(ids(pages)).toEqual(ids(linked));
    expect(pages.every((topic) => topic.issues.some((ref) => ref.issueId === issue.id))).toBe(true);
  });

  it('poll:list pages by number', async () => {
    const make = () => must(moderator, 'poll:create', { communityId, kind: 'yesno', title: `投票 ${++serial}`, closesAt: at(now + 7 * DAY) } as EventInput<'poll:create'>);
    await checkPaging(
      make,
      async () => (await must(resident, 'poll:list', { communityId, limit: 200 })).items,
      async (beforeNumber?: number) => (await must(resident, 'poll:list', { communityId, limit: PAGE, ...(beforeNumber ? { beforeNumber } : {}) })).items,
      (last) => last.number,
    );
  });

  it('decision:list pages by number', async () => {
    const make = () => must(moderator, 'decision:record', { communityId, title: `决议 ${++serial}`, rationale: '居民议事会讨论通过' });
    await checkPaging(
      make,
      async () => (await must(resident, 'decision:list', { communityId, limit: 200 })).items,
      async (beforeNumber?: number) => (await must(resident, 'decision:list', { communityId, limit: PAGE, ...(beforeNumber ? { beforeNumber } : {}) })).items,
      (last) => last.number,
    );
  });

  it('survey:list pages by number (staff see drafts, residents the published only)', async () => {
    const make = () => must(moderator, 'survey:create', { communityId, template: 'study', title: { 'zh-CN': `问卷 ${++serial}` }, closesAt: at(now + 7 * DAY) } as EventInput<'survey:create'>);
    await checkPaging(
      make,
      async () => (await must(moderator, 'survey:list', { communityId, limit: 200 })).items,
      async (beforeNumber?: number) => (await must(moderator, 'survey:list', { communityId, limit: PAGE, ...(beforeNumber ? { beforeNumber } : {}) })).items,
      (last) => last.number,
    );
    expect((await must(resident, 'survey:list', { communityId, limit: PAGE })).items).toEqual([]);
  });

  it('activity:list pages by (createdAt, id), also when many share one time', async () => {
    const make = () => must(moderator, 'activity:createCall', { communityId, title: `活动点子 ${++serial}`, closesAt: at(now + 7 * DAY) });
    const full = async () => (await must(resident, 'activity:list', { communityId, limit: 200 })).items;
    const page = async (before?: { createdAt: string; id: string }) => (await must(resident, 'activity:list', { communityId, limit: PAGE, ...(before ? { before } : {}) })).items;
    const cursorOf = (last: { createdAt: string; id: string }) => ({ createdAt: last.createdAt, id: last.id });
    await checkPaging(make, full, page, cursorOf);
    // Ties on the time: the id decides, so nothing is skipped or repeated.
    await c.models.Activity.updateMany({ communityId }, { $set: { createdAt: new Date(now) } }, { timestamps: false });
    const tied = await full();
    expect(new Set(tied.map((item) => item.createdAt)).size).toBe(1);
    expect(ids(await walk(page, cursorOf))).toEqual(ids(tied));
    // The phase filter is applied before the page is cut.
    const open = (await must(resident, 'activity:list', { communityId, phase: 'open', limit: PAGE })).items;
    expect(open).toHaveLength(PAGE);
  });

  it('notification:list pages by (createdAt, id), ties included', async () => {
    const userId = users.resident!.user.id;
    const make = () => c.nodes[0]!.app.services.notifications.create({ userId, communityId, kind: 'poll', actorName: '李社工', excerpt: `通知 ${++serial}` });
    const full = async () => (await must(resident, 'notification:list', { limit: 100 })).items;
    const page = async (before?: { before: string; beforeId: string }) => (await must(resident, 'notification:list', { limit: PAGE, ...before })).items;
    const cursorOf = (last: { createdAt: string; id: string }) => ({ before: last.createdAt, beforeId: last.id });
    await checkPaging(make, full, page, cursorOf);
    await c.models.Notification.updateMany({ userId }, { $set: { createdAt: new Date(now) } });
    const tied = await full();
    expect(ids(await walk(page, cursorOf))).toEqual(ids(tied));
    // The older cursor (a time only) still answers what is strictly older.
    expect((await must(resident, 'notification:list', { before: at(now), limit: PAGE })).items).toEqual([]);
  });

  it('audit:list pages by (at, id), ties included; only staff read it', async () => {
    let turns = 0;
    // Moderator, resident, moderator...: every step is a change, so every step is audited.
    const make = () => must(admin, 'member:setRole', { communityId, userId: users.resident!.user.id, role: turns++ % 2 === 0 ? 'moderator' : 'resident' });
    const full = async () => must(moderator, 'audit:list', { communityId, limit: 100 });
    const page = async (before?: { before: string; beforeId: string }) => must(moderator, 'audit:list', { communityId, limit: PAGE, ...before });
    const cursorOf = (last: { at: string; id: string }) => ({ before: last.at, beforeId: last.id });
    // N + 1 steps (an even number): the resident is a resident again for the refusal below.
    await checkPaging(make, full, page, cursorOf);
    expect(turns % 2).toBe(0);
    await c.models.Audit.updateMany({ communityId }, { $set: { at: new Date(now) } });
    const tied = await full();
    expect(ids(await walk(page, cursorOf))).toEqual(ids(tied));
    const before = await c.models.Audit.countDocuments({ communityId });
    expect(await call(resident, 'audit:list', { communityId, limit: PAGE })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.models.Audit.countDocuments({ communityId })).toBe(before);
  });

  it('limits are enforced and refusals are unchanged', async () => {
    for (const [event, payload] of [
      ['deliberation:list', { communityId, limit: 201 }],
      ['poll:list', { communityId, limit: 0 }],
      ['decision:list', { communityId, beforeNumber: 0 }],
      ['survey:list', { communityId, limit: 1.5 }],
      ['activity:list', { communityId, before: { createdAt: 'yesterday', id: communityId } }],
      ['notification:list', { limit: 101 }],
      ['audit:list', { communityId, beforeId: 'nope' }],
    ] as const) {
      expect(await call(resident, event, payload as never), event).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    for (const event of ['deliberation:list', 'poll:list', 'decision:list', 'survey:list'] as const) {
      // A stranger is refused with a cursor exactly as without one.
      const plain = await call(outsider, event, { communityId });
      expect(plain.ok, event).toBe(false);
      expect(await call(outsider, event, { communityId, beforeNumber: 5, limit: PAGE }), event).toEqual(plain);
    }
    const plain = await call(outsider, 'activity:list', { communityId });
    expect(plain.ok).toBe(false);
    expect(await call(outsider, 'activity:list', { communityId, before: { createdAt: at(now), id: communityId }, limit: PAGE })).toEqual(plain);
    // A full page is at most `limit` long.
    expect((await must(resident, 'poll:list', { communityId, limit: 2 })).items).toHaveLength(2);
    expect((await must(resident, 'decision:list', { communityId, limit: 1, beforeNumber: 3 })).items.map((d) => d.number)).toEqual([2]);
  });
});
