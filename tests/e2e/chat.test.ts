import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { launchChromium, shot } from '../support/browser.js';

let server: ServerProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServerProcess({ SEED_DEMO: 'true' });
  browser = await launchChromium();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

/** A demo member logged in through the UI, inside the demo community. */
async function member(phone: string, viewport = { width: 1280, height: 860 }): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(server.url);
  await page.getByTestId('phone-input').fill(phone);
  await page.getByTestId('request-code-button').click();
  await page.getByTestId('code-input').fill(await server.codeFor(phone));
  await page.getByTestId('verify-button').click();
  await page.getByTestId('community-item').filter({ hasText: '桃源社区' }).click();
  await page.getByTestId('channel-list').waitFor();
  return page;
}

const channel = (page: Page, name: string) => page.getByTestId('channel-item').filter({ has: page.getByTestId('channel-name').getByText(name, { exact: true }) });
const message = (page: Page, text: string) => page.getByTestId('message-list').getByTestId('message-item').filter({ hasText: text });

async function open(page: Page, name: string) {
  await channel(page, name).click();
  await page.getByTestId('chat-view').waitFor();
}

async function say(page: Page, text: string) {
  await page.getByTestId('composer-input').fill(text);
  await page.getByTestId('send-button').click();
}

describe('two residents and a moderator chat live', () => {
  it('chat, thread, reaction, mentions, unread badges and a hidden message', async () => {
    const chen = await member('13800000003'); // 陈阿姨
    const liu = await member('13800000004'); // 刘师傅
    await open(chen, '邻里闲聊');
    await open(liu, '邻里闲聊');

    // live both ways
    await say(chen, '大家好，周六上午楼下有义诊');
    await message(liu, '周六上午楼下有义诊').waitFor({ timeout: 10_000 });
    await say(liu, '好的，我带我妈去');
    await message(chen, '我带我妈去').waitFor({ timeout: 10_000 });
    expect(await message(chen, '周六上午楼下有义诊').getAttribute('data-state')).toBe('visible');

    // reply in a thread: the parent shows the reply count for both
    const parent = message(liu, '周六上午楼下有义诊');
    await parent.hover();
    await parent.getByTestId('message-actions').click();
    await liu.getByTestId('action-reply').click();
    await liu.getByTestId('thread-panel').waitFor();
    await liu.getByTestId('thread-composer-input').fill('几点开始？');
    await liu.getByTestId('thread-send-button').click();
    await liu.getByTestId('thread-panel').getByText('几点开始？').waitFor();
    await message(chen, '周六上午楼下有义诊').getByTestId('reply-count').waitFor({ timeout: 10_000 });
    expect(await message(chen, '周六上午楼下有义诊').getByTestId('reply-count').innerText()).toMatch(/1/);

    // react: the chip with its count appears for the other resident
    const mine = message(chen, '我带我妈去');
    await mine.hover();
    await mine.getByTestId('react-button').click();
    await chen.getByTestId('emoji-option').and(chen.locator('[data-emoji="👍"]')).first().click();
    const chip = message(liu, '我带我妈去').getByTestId('reaction-button').and(liu.locator('[data-emoji="👍"]'));
    await chip.waitFor({ timeout: 10_000 });
    expect(await chip.innerText()).toContain('1');

    // mention with autocomplete: the other side's bell counts it
    await chen.getByTestId('composer-input').fill('@刘');
    await chen.getByTestId('mention-option').filter({ hasText: '刘师傅' }).click();
    expect(await chen.getByTestId('composer-input').inputValue()).toContain('@刘师傅');
    await chen.getByTestId('composer-input').press('End');
    await chen.getByTestId('composer-input').pressSequentially('记得带医保卡');
    await chen.getByTestId('send-button').click();
    await message(liu, '记得带医保卡').waitFor({ timeout: 10_000 });
    await expect.poll(async () => Number((await liu.getByTestId('notifications-count').innerText().catch(() => '0')) || 0), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);

    // unread badge: a message in another channel counts up for 刘师傅, and clears when he reads it
    await say(chen, '@刘师傅 这边也看看');
    await open(chen, '议事厅');
    await say(chen, '提议：在3栋门口加装雨棚');
    const badge = channel(liu, '议事厅').getByTestId('unread-badge');
    await badge.waitFor({ timeout: 10_000 });
    expect(await badge.innerText()).toBe('1');
    await liu.screenshot({ path: shot('10-chat-unread-badge') });
    await open(liu, '议事厅');
    await message(liu, '加装雨棚').waitFor();
    await badge.waitFor({ state: 'detached', timeout: 10_000 });

    // a moderator hides a message: it disappears for both residents, live
    const li = await member('13800000001'); // 李社工
    await open(li, '议事厅');
    await say(chen, '这个物业就是骗钱的');
    const bad = message(li, '骗钱');
    await bad.waitFor({ timeout: 10_000 });
    await bad.hover();
    await bad.getByTestId('message-actions').click();
    await li.getByTestId('action-hide').click();
    await li.getByTestId('hide-reason-input').fill('人身攻击');
    await li.getByTestId('hide-submit').click();
    for (const page of [chen, liu]) {
      await page.getByTestId('message-item').and(page.locator('[data-state="hidden"]')).first().waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('message-list').innerText()).not.toContain('骗钱');
    }
    await chen.screenshot({ path: shot('11-chat-after-hide-chen') });
    await liu.screenshot({ path: shot('12-chat-after-hide-liu') });
  });

  it('works on a 360 px phone in elder mode', async () => {
    const phone = await member('13800000005', { width: 360, height: 740 }); // 物业小赵
    await phone.getByTestId('elder-toggle').click();
    await open(phone, '邻里闲聊');
    await say(phone, '水管明天上午九点来修');
    await message(phone, '水管明天上午九点来修').and(phone.locator('[data-state="visible"]')).waitFor({ timeout: 10_000 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const sendHeight = await phone.getByTestId('send-button').evaluate((el) => el.getBoundingClientRect().height);
    expect(sendHeight).toBeGreaterThanOrEqual(60);
    await phone.screenshot({ path: shot('13-chat-phone-elder') });
  });
});
