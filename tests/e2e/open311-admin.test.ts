/**
 * The Open311 admin screen in Chromium: the demo admin 张主任 opens the moderation view,
 * sees the jurisdiction (taoyuan, seeded) and the endpoint, creates an API key that is
 * shown once, files a GeoReport v2 request with it from outside the browser, revokes it
 * in two steps, and the same request is then refused (403). Both actions are in the
 * activity log. Then the screen at 360 px in elder mode, in Chinese and in English.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { namedShot } from '../support/browser.js';
import { DEMO_PHONES, useDemoBrowsers } from '../support/demo-browsers.js';
import { openEntry } from '../support/nav.js';

const stage = useDemoBrowsers();
const { pageErrors } = stage;
const ADMIN = DEMO_PHONES.zhang; // 张主任
/** The first login's cookies: a second code for the same phone within a minute is refused (resend after 60 s). */
let session: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;

/** 张主任 logged in through the UI (later contexts reuse that session), on the moderation view of the demo community. */
async function admin(opts: { viewport?: { width: number; height: number }; elder?: boolean } = {}): Promise<Page> {
  const page = await stage.member(ADMIN, {
    ...opts,
    storageState: session,
    prepare: (context, url) => context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url }),
  });
  session ??= await page.context().storageState();
  await openSettings(page);
  return page;
}

async function openSettings(page: Page) {
  await openEntry(page, 'mod-tab');
  await page.getByTestId('open311-key-list').waitFor({ timeout: 10_000 });
}

/** Creates a key in the UI and reads it from the once-only notice. */
async function createKey(page: Page, label: string): Promise<string> {
  await page.getByTestId('open311-key-label').fill(label);
  await page.getByTestId('open311-create-key').click();
  const value = page.getByTestId('open311-new-key-value');
  await value.waitFor({ timeout: 10_000 });
  return (await value.innerText()).trim();
}

const keyItem = (page: Page, label: string) => page.getByTestId('open311-key-item').filter({ hasText: label });

/** A GeoReport v2 POST as a 311 app sends it: form-encoded, from outside the browser. */
async function file(apiKey: string, serviceCode: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${stage.server.url}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({
      api_key: apiKey,
      jurisdiction_id: 'taoyuan',
      service_code: serviceCode,
      lat: '22.5431',
      long: '113.9428',
      description: '东门路灯不亮\n晚上出入看不清',
      first_name: '热线',
    }).toString(),
  });
  return { status: res.status, body: await res.json() };
}

/** Nothing wider than the phone, and every button a 60 px touch target (elder mode). */
async function fitsElderPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const heights = await page.getByTestId('open311-settings').locator('button').evaluateAll((buttons) => buttons.map((button) => button.getBoundingClientRect().height));
  expect(heights.length).toBeGreaterThan(0);
  for (const height of heights) expect(height).toBeGreaterThanOrEqual(60);
}

describe('Open311 settings for the community admin', () => {
  it('the jurisdiction and the endpoint; a key shown once files a request; revoked in two steps, it is refused', async () => {
    const page = await admin();
    const settings = page.getByTestId('open311-settings');
    // The seeded jurisdiction, what it is, and where the API is.
    expect(await page.getByTestId('open311-jurisdiction-current').innerText()).toContain('taoyuan');
    expect(await settings.innerText()).toContain('311 应用用来指明本社区的编号');
    expect(await page.getByTestId('open311-jurisdiction-input').inputValue()).toBe('taoyuan');
    expect(await page.getByTestId('open311-base-url').innerText()).toBe(`${stage.server.url}/open311/v2/`);
    expect(await page.getByTestId('open311-discovery-link').getAttribute('href')).toBe(`${stage.server.url}/open311/v2/discovery.json`);
    expect(await page.getByTestId('open311-services-link').getAttribute('href')).toBe(`${stage.server.url}/open311/v2/services.json?jurisdiction_id=taoyuan`);
    // The same id again cannot be saved; a malformed one shows its error code and is not sent.
    expect(await page.getByTestId('open311-jurisdiction-save').isDisabled()).toBe(true);
    await page.getByTestId('open311-jurisdiction-input').fill('Tao Yuan');
    await page.getByTestId('open311-jurisdiction-save').click();
    const invalid = page.getByTestId('open311-jurisdiction-error');
    await invalid.waitFor();
    expect(await invalid.getAttribute('data-code')).toBe('VALIDATION_FAILED');
    expect(await invalid.innerText()).toContain('VALIDATION_FAILED');
    await page.getByTestId('open311-jurisdiction-input').fill('taoyuan');
    expect(await invalid.count()).toBe(0);
    expect(await page.getByTestId('open311-jurisdiction-save').isDisabled()).toBe(true);

    // A new key, shown once, with a copy button and the warning.
    expect(await page.getByTestId('open311-key-item').count()).toBe(0);
    const key = await createKey(page, '12345 市民热线');
    expect(key).toMatch(/^linli311_[A-Za-z0-9_-]{32}$/);
    expect(await page.getByTestId('open311-new-key').innerText()).toContain('只显示这一次');
    await page.getByTestId('open311-copy-key').click();
    await expect.poll(() => page.getByTestId('open311-copy-key').getAttribute('data-copied')).toBe('true');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    const item = keyItem(page, '12345 市民热线');
    expect(await item.getAttribute('data-revoked')).toBe('false');
    expect(await item.innerText()).toContain('从未使用');
    expect(await item.innerText()).not.toContain(key);
    await settings.screenshot({ path: namedShot('open311-01-new-key-1280') });

    // A 311 app files a request with it.
    const services = (await (await fetch(`${stage.server.url}/open311/v2/services.json?jurisdiction_id=taoyuan`)).json()) as { service_code: string; service_name: string }[];
    expect(services.length).toBeGreaterThan(0);
    const serviceCode = services[0]!.service_code;
    const filed = await file(key, serviceCode);
    expect([200, 201]).toContain(filed.status);
    expect(filed.body).toEqual([expect.objectContaining({ service_request_id: expect.stringMatching(/^[a-f0-9]{24}$/) })]);

    // Never shown again: after a reload the list has the key's label and its use, not the key.
    await page.reload();
    await openSettings(page);
    expect(await page.getByTestId('open311-new-key').count()).toBe(0);
    expect(await page.content()).not.toContain(key);
    expect(await keyItem(page, '12345 市民热线').innerText()).not.toContain('从未使用');

    // Revoke: two steps.
    await keyItem(page, '12345 市民热线').getByTestId('open311-revoke').click();
    const confirm = keyItem(page, '12345 市民热线').getByTestId('open311-revoke-confirm');
    await confirm.waitFor();
    expect(await keyItem(page, '12345 市民热线').getAttribute('data-revoked')).toBe('false');
    await settings.screenshot({ path: namedShot('open311-02-revoke-confirm-1280') });
    await confirm.click();
    await expect.poll(() => keyItem(page, '12345 市民热线').getAttribute('data-revoked'), { timeout: 10_000 }).toBe('true');
    expect(await keyItem(page, '12345 市民热线').getByTestId('open311-key-state').innerText()).toBe('已吊销');
    expect(await keyItem(page, '12345 市民热线').getByTestId('open311-revoke').count()).toBe(0);

    const refused = await file(key, serviceCode);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual([{ code: 403, description: 'This api_key was revoked' }]);

    // The activity log has both, with the label and never the key.
    const audit = page.getByTestId('audit-list');
    for (const action of ['open311.createKey', 'open311.revokeKey']) {
      await audit.locator(`[data-action="${action}"]`).first().waitFor({ timeout: 10_000 });
    }
    expect(await audit.locator('[data-action="open311.revokeKey"]').first().innerText()).toContain('张主任 吊销了 Open311 接口密钥 「12345 市民热线」');
    expect(await audit.innerText()).not.toContain(key);
    await settings.screenshot({ path: namedShot('open311-03-revoked-1280') });
    await page.screenshot({ path: namedShot('open311-04-moderation-1280'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('on a 360 px phone in elder mode, in Chinese and in English', async () => {
    const phone = await admin({ viewport: { width: 360, height: 740 }, elder: true });
    await phone.getByTestId('open311-settings').scrollIntoViewIfNeeded();
    await phone.getByTestId('open311-key-item').first().waitFor();
    await fitsElderPhone(phone);
    await phone.getByTestId('open311-settings').screenshot({ path: namedShot('open311-05-phone-elder') });

    const key = await createKey(phone, '城管通');
    await phone.getByTestId('open311-jurisdiction-input').fill('-taoyuan');
    await phone.getByTestId('open311-jurisdiction-save').click();
    await phone.getByTestId('open311-jurisdiction-error').waitFor();
    await keyItem(phone, '城管通').getByTestId('open311-revoke').click();
    await keyItem(phone, '城管通').getByTestId('open311-revoke-confirm').waitFor();
    await fitsElderPhone(phone);
    expect(await phone.getByTestId('open311-new-key-value').innerText()).toBe(key);
    await phone.getByTestId('open311-settings').screenshot({ path: namedShot('open311-06-phone-elder-new-key') });
    await phone.getByTestId('open311-new-key-done').click();
    expect(await phone.getByTestId('open311-new-key').count()).toBe(0);

    await phone.getByTestId('lang-switch').click();
    await phone.getByTestId('open311-settings').getByText('Jurisdiction id (jurisdiction_id)').waitFor();
    expect(await phone.getByTestId('open311-settings').innerText()).toContain('the id 311 apps use for this community');
    await fitsElderPhone(phone);
    await phone.getByTestId('open311-settings').screenshot({ path: namedShot('open311-07-phone-elder-en') });
    expect(pageErrors).toEqual([]);
  });
});
