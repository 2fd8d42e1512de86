import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { launchChromium, shot } from '../support/browser.js';
import { openEntry } from '../support/nav.js';

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  server = await startServerProcess({ SEED_DEMO: 'true' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Logs in through the UI, reading the code from the console SMS driver's log line. */
async function login(page: Page, phone: string, name?: string) {
  await page.goto(server.url);
  await page.getByTestId('phone-input').fill(phone);
  await page.getByTestId('request-code-button').click();
  await page.getByTestId('code-input').waitFor();
  await page.getByTestId('code-input').fill(await server.codeFor(phone));
  if (name) await page.getByTestId('display-name-input').fill(name);
  await page.getByTestId('verify-button').click();
}

describe('a new resident on a phone', () => {
  it('logs in, joins the demo community, sees channels with topic and owner, switches to English and elder mode', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(server.url);
    await page.getByTestId('phone-input').waitFor();
    await page.screenshot({ path: shot('01-login-zh'), fullPage: true });
    await login(page, '13900123456', '新邻居');

    await page.getByTestId('invite-code-input').waitFor();
    await page.screenshot({ path: shot('02-picker-zh'), fullPage: true });
    await page.getByTestId('invite-code-input').fill('taoyuan8');
    await page.getByTestId('join-by-code-button').click();

    // entering the community (the join may land on the home directly or on the list)
    const channelList = page.getByTestId('channel-list');
    await Promise.race([
      channelList.waitFor({ timeout: 15_000 }),
      page.getByTestId('community-item').first().waitFor({ timeout: 15_000 }).then(() => page.getByTestId('community-item').first().click()),
    ]);
    await channelList.waitFor();
    const items = page.getByTestId('channel-item');
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(6);
    // the restricted staff channel is not shown to a resident
    expect(await page.getByText('工作人员协调').count()).toBe(0);
    const first = items.first();
    expect(await first.getByTestId('channel-name').innerText()).toBe('社区公告');
    expect((await first.getByTestId('channel-topic').innerText()).length).toBeGreaterThan(10);
    expect(await first.getByTestId('channel-owner').innerText()).toContain('张主任');
    await expect.poll(() => page.getByTestId('connection-state').getAttribute('data-state')).toBe('connected');
    await page.screenshot({ path: shot('03-home-zh'), fullPage: true });

    // no horizontal scrolling at 360 px
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // English
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toMatch(/^en/);
    expect(await page.locator('body').innerText()).toMatch(/Channels|Members/);
    await page.screenshot({ path: shot('04-home-en'), fullPage: true });

    // Elder mode: >= 18px text, >= 1.3 line height, >= 60px touch targets
    await page.getByTestId('elder-toggle').click();
    const metrics = await page.evaluate(() => {
      const body = getComputedStyle(document.body);
      const buttons = [...document.querySelectorAll('button')].filter((b) => b.offsetParent !== null);
      return {
        font: parseFloat(body.fontSize),
        line: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
        minButton: Math.min(...buttons.map((b) => b.getBoundingClientRect().height)),
      };
    });
    expect(metrics.font).toBeGreaterThanOrEqual(18);
    expect(metrics.line).toBeGreaterThanOrEqual(1.3);
    expect(metrics.minButton).toBeGreaterThanOrEqual(60);
    await page.screenshot({ path: shot('05-home-en-elder'), fullPage: true });

    // preferences survive a reload
    await page.reload();
    await channelList.waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^en/);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a moderator and an applicant, live', () => {
  it('a request to join appears for the moderator and approval lets the applicant in', async () => {
    const modCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const mod = await modCtx.newPage();
    await login(mod, '13800000001');
    await mod.getByTestId('community-item').first().click();
    await openEntry(mod, 'mod-tab');
    await mod.getByTestId('invite-code').waitFor();
    expect(await mod.getByTestId('invite-code').innerText()).toContain('TAOYUAN8');

    const appCtx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', isMobile: true });
    const app = await appCtx.newPage();
    await login(app, '13900654321', '申请居民');
    await app.getByTestId('discover-input').fill('桃源');
    // The street has two demo communities (桃源社区 and 杏林社区, both in 桃源街道): ask to join the first.
    const card = app.getByTestId('discover-item').filter({ hasText: '桃源社区' });
    await card.waitFor();
    await card.getByTestId('join-message-input').fill('5栋住户，刚搬来');
    await card.getByTestId('request-join-button').click();

    const request = mod.getByTestId('join-request-item').filter({ hasText: '申请居民' });
    await request.waitFor({ timeout: 10_000 });
    await mod.screenshot({ path: shot('06-moderation-request') });
    await request.getByTestId('approve-join').click();

    // the applicant's picker updates live with the new community
    await app.getByTestId('community-item').filter({ hasText: '桃源社区' }).waitFor({ timeout: 10_000 });
    await app.screenshot({ path: shot('07-applicant-approved'), fullPage: true });
    await modCtx.close();
    await appCtx.close();
  });
});
