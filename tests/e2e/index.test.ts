/**
 * The community deliberation index in Chromium on the demo data: the street supervisor
 * (王书记, who oversees 桃源街道 in the demo seed) opens oversight from the picker and sees
 * the two communities of the street ranked with their components, weakest component and
 * trend chart, at 1280 px and on a 360 px phone in elder mode; a resident sees their own
 * community's published month and rank.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { namedShot } from '../support/browser.js';
import { DEMO_PHONES, useDemoBrowsers } from '../support/demo-browsers.js';

const stage = useDemoBrowsers();
const { pageErrors } = stage;

const fitsWidth = async (page: Page, width: number, what: string) => expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(width);
const LIVE = { timeout: 15_000 };

describe('deliberation index: a supervisor compares the communities of the street', () => {
  let regionPath = '';
  let wangState: Awaited<ReturnType<ReturnType<Page['context']>['storageState']>> | undefined;

  it('the supervisor sees the ranking of both communities with their components (1280 px)', async () => {
    const wang = await stage.member(DEMO_PHONES.wang);
    wangState = await wang.context().storageState();
    await wang.goto(`${stage.server.url}/`);
    await wang.getByTestId('oversight-open').click();
    await wang.getByTestId('oversight-region').filter({ hasText: '桃源街道' }).click();
    const rows = wang.getByTestId('oversight-row');
    await expect.poll(() => rows.count(), LIVE).toBe(2);
    const names = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-community')));
    expect(names.sort()).toEqual(['杏林社区', '桃源社区']);
    for (let i = 0; i < 2; i++) {
      const row = rows.nth(i);
      // A published month: a total with one decimal, a rank, a weakest component, eight component cells.
      await expect.poll(() => row.getByTestId('oversight-total').innerText(), LIVE).toMatch(/^\d{1,3}\.\d$/);
      expect(await row.getByTestId('oversight-rank').innerText()).toMatch(/^[12]$/);
      expect((await row.getByTestId('oversight-weakest').innerText()).length).toBeGreaterThan(1);
      expect(await row.locator('td.num').count()).toBe(1 + 1 + 8);
      expect(await row.innerText()).toContain('已发布');
    }
    // Ranked by total, highest first.
    const totals = await rows.evaluateAll((els) => els.map((el) => Number((el.querySelector('[data-testid="oversight-total"]') as HTMLElement).innerText)));
    expect(totals[0]).toBeGreaterThanOrEqual(totals[1]!);
    await wang.getByTestId('index-trend-chart').locator('canvas').first().waitFor(LIVE);
    const href = await wang.getByTestId('oversight-export').getAttribute('href');
    expect(href).toMatch(/^\/api\/index\/[a-f0-9]{24}\/\d{4}-\d{2}\.csv$/);
    const csv = await wang.evaluate(async (url) => (await fetch(url)).text(), href!);
    expect(csv).toContain('桃源社区');
    expect(csv).toContain('杏林社区');
    regionPath = new URL(wang.url()).pathname;
    expect(regionPath).toMatch(/^\/oversight\/[a-f0-9]{24}$/);
    await wang.screenshot({ path: namedShot('index-01-oversight-ranking'), fullPage: true });
  });

  it('a resident sees their community\'s published month and its rank', async () => {
    const chen = await stage.member(DEMO_PHONES.chen);
    const communityPath = new URL(chen.url()).pathname.split('/').slice(0, 3).join('/');
    await chen.goto(`${stage.server.url}${communityPath}/index`);
    await chen.getByTestId('index-published').waitFor(LIVE);
    expect(await chen.getByTestId('index-total').innerText()).toMatch(/^\d{1,3}\.\d$/);
    expect(await chen.getByTestId('index-rank').innerText()).toMatch(/街道内第 [12] 名/);
    await chen.getByTestId('index-recompute').click();
    await chen.getByTestId('index-differences').waitFor(LIVE);
    await chen.screenshot({ path: namedShot('index-02-community-month'), fullPage: true });
  });

  it('the platform admin manages the regions on /oversight: the district, its street, both communities, the supervisor', async () => {
    const zhang = await stage.member(DEMO_PHONES.zhang);
    await zhang.goto(`${stage.server.url}/oversight`);
    const admin = zhang.getByTestId('region-admin');
    await admin.waitFor(LIVE);
    expect(await zhang.getByTestId('region-district').innerText()).toContain('南山区');
    const communities = await zhang.getByTestId('region-community').allInnerTexts();
    expect(communities.some((text) => text.includes('杏林社区'))).toBe(true);
    expect(communities.some((text) => text.includes('桃源社区'))).toBe(true);
    expect(await zhang.getByTestId('region-grants').innerText()).toContain('王书记');
    await zhang.screenshot({ path: namedShot('index-04-region-admin'), fullPage: true });
  });

  it('the ranking on a 360 px phone in elder mode: nothing wider than the screen', async () => {
    const phone = await stage.member(DEMO_PHONES.wang, { viewport: { width: 360, height: 740 }, elder: true, storageState: wangState });
    await phone.goto(`${stage.server.url}${regionPath}`);
    await expect.poll(() => phone.getByTestId('oversight-row').count(), LIVE).toBe(2);
    await phone.getByTestId('index-trend-chart').locator('canvas').first().waitFor(LIVE);
    await fitsWidth(phone, 360, 'oversight ranking');
    await phone.screenshot({ path: namedShot('index-03-phone-elder-ranking'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
