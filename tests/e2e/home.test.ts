/**
 * "What needs me" (the community home, issue 11), each role in their own browser:
 *   - 陈阿姨 (resident), 李社工 (community worker), 物业小赵 (the property company's staff) and 王书记
 *     (supervisor) each see the items the demo seed made for them, at 1280 and 360 px;
 *   - every item is a link that opens its page;
 *   - live: a poll the worker opens appears among the resident's "等我投票" without a reload, and the
 *     report the resident files from the home page's 反映问题 appears in the worker's triage queue;
 *     the navigation's counts follow.
 * Screenshots: test-results/screenshots/home-*.png.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { namedShot } from '../support/browser.js';
import { DEMO_PHONES, useDemoBrowsers } from '../support/demo-browsers.js';

process.env.SOCKET_EVENTS_PER_10S = '2000';
const stage = useDemoBrowsers();
const LIVE = { timeout: 15_000 };

type Role = 'chen' | 'li' | 'zhao' | 'wang';

/** What the demo seed put on each role's home page: section → a title that must be listed in it. */
const SEEDED: Record<Role, Record<string, string>> = {
  chen: { myReports: '3栋电梯经常停运', pollsToVote: '北门夜间', myDecisions: '3栋电梯先做安全评估', surveysToAnswer: '', myActivities: '' },
  li: { triage: '', overdue: '健身器材螺丝松动', pollsToVote: '北门夜间', myDecisions: '' },
  zhao: { assignments: '3栋电梯经常停运', actionItems: '电梯全面大修' },
  wang: { overdue: '健身器材螺丝松动', index: '' },
};
/** Sections a role must not see (another hat's work). */
const NOT_SEEN: Record<Role, string[]> = {
  chen: ['triage', 'overdue', 'joinRequests', 'reportedMessages', 'assignments', 'index'],
  li: ['index'],
  zhao: ['triage', 'overdue', 'joinRequests', 'index'],
  wang: ['joinRequests', 'reportedMessages'],
};

const section = (page: Page, key: string) => page.locator(`[data-testid="agenda-section"][data-section="${key}"]`);
const markNoReload = (page: Page) => page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
const navCount = async (page: Page, tab: string) => {
  const badge = page.locator(`[data-testid="${tab}"] [data-testid="nav-count"]`).first();
  return (await badge.count()) === 0 ? 0 : Number((await badge.textContent())?.replace('+', '') ?? 0);
};

describe('what needs me, per role, live', () => {
  const sessions: Partial<Record<Role, Awaited<ReturnType<BrowserContext['storageState']>>>> = {};

  for (const width of [1280, 360]) {
    it(`at ${width} px each role's home lists what the seed left for them, and each item opens its page`, async () => {
      const viewport = { width, height: width < 500 ? 740 : 900 };
      for (const role of Object.keys(SEEDED) as Role[]) {
        const page = await stage.member(DEMO_PHONES[role], { viewport, storageState: sessions[role], elder: width < 500 && role === 'chen' });
        sessions[role] ??= await page.context().storageState();
        await page.locator('[data-testid="agenda-view"][data-ready="true"]').waitFor(LIVE);
        for (const [key, title] of Object.entries(SEEDED[role])) {
          const where = `${role} @${width}: section ${key}`;
          await section(page, key).waitFor({ ...LIVE, state: 'visible' }).catch(() => undefined);
          expect(await section(page, key).count(), where).toBe(1);
          if (title) expect(await section(page, key).getByTestId('agenda-item').filter({ hasText: title }).count(), `${where} lists ${title}`).toBeGreaterThan(0);
        }
        for (const key of NOT_SEEN[role]) expect(await section(page, key).count(), `${role} @${width}: no ${key}`).toBe(0);
        expect(await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth), `${role} @${width}: no sideways scroll`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: namedShot(`home-${role}-${width}`), fullPage: true });

        // Every item is a link to its page: open the first of each section and come back.
        for (const key of Object.keys(SEEDED[role])) {
          const link = section(page, key).getByTestId('agenda-item').first().locator('a');
          const href = await link.getAttribute('href');
          expect(href, `${role} ${key}: a link`).toMatch(/^\/(c|oversight)/);
          await link.click();
          await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search, { ...LIVE, message: `${role} ${key} opens ${href}` }).toContain(href!.split('?')[0]!);
          await page.locator('[data-testid="community-main"] > *, main > *').first().waitFor(LIVE);
          await page.goBack();
          await page.locator('[data-testid="agenda-view"][data-ready="true"]').waitFor(LIVE);
        }
        await page.context().close();
      }
    }, 600_000);
  }

  it('live: the worker opens a poll and the resident’s home lists it; the resident files a report from home and it reaches the worker’s triage queue', async () => {
    const chen = await stage.member(DEMO_PHONES.chen, { viewport: { width: 360, height: 740 }, elder: true, storageState: sessions.chen });
    const li = await stage.member(DEMO_PHONES.li, { storageState: sessions.li });
    await chen.locator('[data-testid="agenda-view"][data-ready="true"]').waitFor(LIVE);
    await li.locator('[data-testid="agenda-view"][data-ready="true"]').waitFor(LIVE);
    await markNoReload(chen);
    await markNoReload(li);

    // A poll opened in the worker's browser.
    const pollTitle = '首页测试：是否在中心花园加装座椅';
    const pollsBefore = await navCount(chen, 'hub-tab');
    await li.getByTestId('polls-tab').click();
    await li.getByTestId('poll-create').click();
    await li.getByTestId('poll-editor').waitFor(LIVE);
    await li.getByTestId('poll-form-title').fill(pollTitle);
    await li.getByTestId('poll-form-option-label').nth(0).fill('加装');
    await li.getByTestId('poll-form-option-label').nth(1).fill('不加装');
    await li.getByTestId('poll-form-eligibility').selectOption('members');
    await li.getByTestId('poll-form-submit').click();
    await li.getByTestId('poll-title').filter({ hasText: pollTitle }).waitFor(LIVE);
    await section(chen, 'pollsToVote').getByTestId('agenda-item').filter({ hasText: pollTitle }).waitFor(LIVE);
    await expect.poll(() => navCount(chen, 'hub-tab'), LIVE).toBe(pollsBefore + 1);
    await chen.screenshot({ path: namedShot('home-chen-360-elder-live-poll'), fullPage: true });

    // The resident files a report from the home page; it reaches the worker's triage queue live.
    await li.getByTestId('home-tab').click();
    await li.locator('[data-testid="agenda-view"][data-ready="true"]').waitFor(LIVE);
    const triageBefore = await navCount(li, 'triage-tab');
    const reportTitle = '首页测试：5栋门口路灯不亮';
    await chen.getByTestId('agenda-report').click();
    await chen.getByTestId('issue-title-input').fill(reportTitle);
    await chen.getByTestId('issue-category-select').selectOption({ index: 1 });
    await chen.getByTestId('issue-submit').click();
    await chen.getByTestId('issue-page').waitFor(LIVE);
    await section(li, 'triage').getByTestId('agenda-item').filter({ hasText: reportTitle }).waitFor(LIVE);
    await expect.poll(() => navCount(li, 'triage-tab'), LIVE).toBe(triageBefore + 1);
    await li.screenshot({ path: namedShot('home-li-1280-live-triage'), fullPage: true });

    // Back home, the resident's own reports list it.
    await chen.getByTestId('home-tab').click();
    await section(chen, 'myReports').getByTestId('agenda-item').filter({ hasText: reportTitle }).waitFor(LIVE);
    expect(await notReloaded(chen)).toBe(true);
    expect(await notReloaded(li)).toBe(true);
  }, 240_000);

  it('raised no page errors', () => {
    expect(stage.pageErrors).toEqual([]);
  });
});
