/**
 * The installable app in Chromium: the manifest and its icons, the service worker taking
 * control, a push shown by the worker (delivered through DevTools, as its Push button
 * does), 手机通知 on 我的 saving kinds and quiet hours, and the app opened with no network:
 * the shell and what was last loaded, a message written offline sent when the network returns.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PHONES, useDemoBrowsers } from '../support/demo-browsers.js';
import { namedShot } from '../support/browser.js';

const stage = useDemoBrowsers();

const channel = (page: Page, name: string) => page.getByTestId('channel-item').filter({ has: page.getByTestId('channel-name').getByText(name, { exact: true }) });
const message = (page: Page, text: string) => page.getByTestId('message-list').getByTestId('message-item').filter({ hasText: text });

async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 20_000 });
}

describe('installable app, push and offline', () => {
  it('manifest, icons and the service worker in control; a push is shown with its page', async () => {
    const page = await stage.member(DEMO_PHONES.chen);
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = (await (await page.request.get(new URL(manifestHref!, stage.server.url).href)).json()) as { name: string; short_name: string; display: string; theme_color: string; icons: { src: string; purpose?: string }[] };
    expect(manifest).toMatchObject({ name: '邻里 Linli', short_name: '邻里', display: 'standalone', theme_color: '#1c5d7a' });
    expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
    for (const icon of [...manifest.icons.map((i) => i.src), '/icons/apple-touch-icon-180.png', '/icons/badge-96.png']) {
      const res = await page.request.get(new URL(icon, stage.server.url).href);
      expect(res.status(), icon).toBe(200);
      expect(res.headers()['content-type']).toBe('image/png');
    }
    await controlled(page);

    // A push as the push service would hand it to the worker.
    await page.context().grantPermissions(['notifications'], { origin: stage.server.url });
    const cdp = await page.context().newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const mine = registrations.find((registration) => registration.scopeURL.startsWith(stage.server.url) && !registration.isDeleted);
        if (mine) resolve(mine.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    const payload = { title: '刘师傅 在消息中提到了您', body: '桃源社区 · @陈阿姨 周六义诊', url: '/c/x/channels/y?message=z', tag: 'mention:z' };
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: stage.server.url, registrationId: await registrationId, data: JSON.stringify(payload) });
    let shown: { title: string; body: string; tag: string; data: unknown }[] = [];
    for (let i = 0; i < 50 && shown.length === 0; i++) {
      shown = await page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown })));
      if (shown.length === 0) await page.waitForTimeout(100);
    }
    expect(shown).toEqual([{ title: payload.title, body: payload.body, tag: payload.tag, data: { url: payload.url } }]);
    expect(stage.pageErrors).toEqual([]);
  });

  it('我的 → 手机通知 on a 360 px phone in elder mode: kinds and quiet hours are saved for the member', async () => {
    const page = await stage.member(DEMO_PHONES.liu, { viewport: { width: 360, height: 740 }, elder: true });
    const communityPath = new URL(page.url()).pathname.match(/^\/c\/[^/]+/)![0];
    await page.goto(`${stage.server.url}${communityPath}/me`);
    const section = page.getByTestId('push-section');
    await section.waitFor();
    await expect.poll(() => section.getByTestId('push-state').getAttribute('data-on')).toBe('false');
    expect(await section.getByTestId('push-kind-mention').isChecked()).toBe(true);
    expect(await section.getByTestId('push-kind-other').isChecked()).toBe(false);
    await section.getByTestId('push-kind-reply').uncheck();
    await section.getByTestId('push-quiet').check();
    await section.getByTestId('push-quiet-start').fill('21:30');
    await section.getByTestId('push-quiet-end').fill('06:45');
    await section.getByTestId('push-save').click();
    await section.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    // Nothing wider than the phone; elder mode's 60 px touch targets.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect((await section.getByTestId('push-save').boundingBox())!.height).toBeGreaterThanOrEqual(60);
    await section.screenshot({ path: namedShot('pwa-push-profile-360-elder') });
    await page.reload();
    await page.getByTestId('push-section').waitFor();
    await expect.poll(() => page.getByTestId('push-quiet-start').inputValue()).toBe('21:30');
    expect(await page.getByTestId('push-kind-reply').isChecked()).toBe(false);
    expect(await page.getByTestId('push-quiet-end').inputValue()).toBe('06:45');
    expect(stage.pageErrors).toEqual([]);
  });

  it('with no network the app opens with what was last loaded; a message written offline goes out when the network returns', async () => {
    // Others than the tests above: a second code for one phone within a minute is refused.
    const writer = await stage.member(DEMO_PHONES.wang);
    const reader = await stage.member(DEMO_PHONES.zhao);
    for (const page of [writer, reader]) {
      await channel(page, '邻里闲聊').click();
      await page.getByTestId('chat-view').waitFor();
    }
    await controlled(writer);
    await writer.waitForFunction(() => Object.keys(localStorage).some((key) => key.startsWith('linli.lastLoaded.')), undefined, { timeout: 10_000 });
    // Past the first save: the channel list is in the copy.
    await writer.waitForTimeout(2500);

    await writer.context().setOffline(true);
    await writer.reload();
    // Linli's page, not the browser's "no internet" page.
    expect(await writer.title()).toContain('邻里');
    await writer.getByTestId('chat-view').waitFor({ timeout: 15_000 });
    await channel(writer, '邻里闲聊').waitFor();

    const text = `离线时写的消息 ${Date.now()}`;
    await writer.getByTestId('composer-input').fill(text);
    await writer.getByTestId('send-button').click();
    await message(writer, text).getByTestId('pending-icon').or(message(writer, text).getByTestId('retry-button')).first().waitFor();
    await writer.waitForTimeout(1000);
    expect(await message(reader, text).count()).toBe(0);

    await writer.context().setOffline(false);
    await message(reader, text).waitFor({ timeout: 30_000 });
    await expect.poll(() => message(writer, text).getByTestId('pending-icon').count(), { timeout: 15_000 }).toBe(0);
    expect(await message(reader, text).count()).toBe(1);
  });
});
