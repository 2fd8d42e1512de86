/**
 * Problem reports in Chromium, each user in their own browser: a resident turns a chat
 * message into an issue with a photo; a moderator sees it arrive and assigns it to the
 * property company; its staff member resolves it; the resident confirms and rates it.
 * Every screen follows without a reload. Then the issue page at 360 px in elder mode.
 */
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { namedShot } from '../support/browser.js';
import { DEMO_PHONES, DEMO_PROPERTY, useDemoBrowsers } from '../support/demo-browsers.js';
import { openEntry } from '../support/nav.js';

const stage = useDemoBrowsers();
const { pageErrors } = stage;
const member = stage.member;
const PHONES = DEMO_PHONES;
const PROPERTY = DEMO_PROPERTY;

async function openIssues(page: Page, board?: 'triage' | 'assignments') {
  await openEntry(page, 'issues-tab');
  if (board) await page.getByTestId(`issues-board-${board}`).click();
  await page.getByTestId('issue-list').first().waitFor();
}

const issueItem = (page: Page, title: string) => page.getByTestId('issue-item').filter({ hasText: title });
const stateOf = (page: Page) => page.getByTestId('issue-page').getAttribute('data-state');

/** A small real JPEG, made here (sharp is the server's image library). */
const photo = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 190, g: 120, b: 60 } } })
    .jpeg({ quality: 80 })
    .toBuffer();

describe('a problem report from chat to a rated resolution, live in four browsers', () => {
  const body = '5栋1单元楼道的灯坏了三天了，晚上老人上下楼看不见台阶';
  const title = '5栋1单元楼道的灯坏了三天了';
  let issueUrl = '';

  it('resident files it from a chat message with a photo; the moderator assigns it; the property staff resolve it; the resident rates it', async () => {
    const li = await member(PHONES.li); // 李社工, moderator
    await openIssues(li, 'triage');
    const zhao = await member(PHONES.zhao); // 物业小赵, staff of the property company
    await openIssues(zhao, 'assignments');
    const chen = await member(PHONES.chen); // 陈阿姨, resident

    // 陈阿姨 says it in chat, then turns her message into a problem report.
    await chen.getByTestId('channel-item').filter({ hasText: '邻里闲聊' }).click();
    await chen.getByTestId('composer-input').fill(body);
    await chen.getByTestId('send-button').click();
    const sent = chen.getByTestId('message-item').filter({ hasText: body }).and(chen.locator('[data-state="visible"]'));
    await sent.waitFor({ timeout: 10_000 });
    await sent.hover();
    await sent.getByTestId('message-actions').click();
    await chen.getByTestId('action-issue').click();
    const dialog = chen.getByTestId('issue-file-dialog');
    await dialog.waitFor();
    expect(await chen.getByTestId('issue-description-input').inputValue()).toBe(body);
    await chen.getByTestId('issue-title-input').fill(title);
    await chen.getByTestId('issue-category-select').selectOption({ label: '维修报修' });
    await chen.getByTestId('issue-building-input').fill('5栋');
    await chen.getByTestId('issue-unit-input').fill('1单元');
    await chen.getByTestId('photo-input').setInputFiles({ name: 'stairs.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await chen.getByTestId('photo-thumbs').locator('img').first().waitFor();
    await expect.poll(() => chen.getByTestId('photo-thumbs').locator('img').first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await chen.screenshot({ path: namedShot('issues-01-file-from-chat') });
    await chen.getByTestId('issue-submit').click();

    // She lands on the issue page: her photo, the submitted state, herself as the reporter.
    await chen.getByTestId('issue-page').waitFor({ timeout: 10_000 });
    expect(await chen.getByTestId('issue-page-title').innerText()).toBe(title);
    expect(await stateOf(chen)).toBe('submitted');
    expect(await chen.getByTestId('issue-reporter').innerText()).toContain('陈阿姨');
    await chen.getByTestId('issue-photo').first().waitFor();
    issueUrl = chen.url();
    expect(issueUrl).toMatch(/\/c\/[^/]+\/issues\/[^/]+$/);

    // The moderator's triage board shows it without a reload; he assigns it to the property company.
    await issueItem(li, title).waitFor({ timeout: 10_000 });
    await li.screenshot({ path: namedShot('issues-02-triage-arrived'), fullPage: true });
    await issueItem(li, title).getByTestId('issue-open').click();
    await li.getByTestId('issue-page').waitFor();
    await li.getByTestId('issue-photo').first().click();
    await li.getByTestId('photo-viewer').locator('img').waitFor();
    await expect.poll(() => li.getByTestId('photo-viewer').locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
    await li.getByTestId('dialog-close').click();
    await li.getByTestId('act-assign').click();
    const property = li.getByTestId('assign-org').filter({ hasText: PROPERTY });
    if (!(await property.getByTestId('assign-org-check').isChecked())) await property.getByTestId('assign-org-check').check();
    for (const other of await li.getByTestId('assign-org').all()) {
      if ((await other.getAttribute('data-org-name')) !== PROPERTY && (await other.getByTestId('assign-org-check').isChecked())) await other.getByTestId('assign-org-check').uncheck();
    }
    await property.getByTestId('assign-org-lead').check();
    await li.screenshot({ path: namedShot('issues-03-assign'), fullPage: true });
    await li.getByTestId('act-submit').click();
    await expect.poll(() => stateOf(li), { timeout: 10_000 }).toBe('assigned');
    expect(await li.getByTestId('issue-assignments').innerText()).toContain(PROPERTY);

    // The resident's page follows live.
    await expect.poll(() => stateOf(chen), { timeout: 10_000 }).toBe('assigned');
    expect(await chen.getByTestId('issue-assignments').innerText()).toContain(PROPERTY);

    // 物业小赵's "our assignments" board shows it without a reload, with its countdown; he resolves it.
    await issueItem(zhao, title).waitFor({ timeout: 10_000 });
    expect(await issueItem(zhao, title).getByTestId('issue-countdown').innerText()).toMatch(/还剩/);
    await zhao.screenshot({ path: namedShot('issues-04-our-assignments'), fullPage: true });
    await issueItem(zhao, title).getByTestId('issue-open').click();
    await zhao.getByTestId('issue-page').waitFor();
    await zhao.getByTestId('issue-reply-input').fill('维保合同的灯具型号要先确认');
    await zhao.getByTestId('issue-reply-internal').check();
    await zhao.getByTestId('issue-reply-send').click();
    await zhao.getByTestId('timeline-entry').and(zhao.locator('[data-internal="true"]')).waitFor();
    await li.getByTestId('timeline-entry').and(li.locator('[data-internal="true"]')).waitFor({ timeout: 10_000 });
    await zhao.getByTestId('act-resolve').click();
    await zhao.getByTestId('act-reason').fill('已更换楼道声控灯，并检查了整栋楼的照明');
    await zhao.getByTestId('act-submit').click();
    await expect.poll(() => stateOf(zhao), { timeout: 10_000 }).toBe('resolved');

    // 陈阿姨 sees it resolved, live, with the confirm button; she never sees the internal note.
    await expect.poll(() => stateOf(chen), { timeout: 10_000 }).toBe('resolved');
    await chen.getByTestId('timeline-entry').and(chen.locator('[data-action="resolve"]')).waitFor({ timeout: 10_000 });
    expect(await chen.getByTestId('issue-timeline').innerText()).not.toContain('灯具型号');
    await chen.getByTestId('act-confirm').click();
    await chen.getByTestId('rating-satisfied').check();
    expect(await chen.getByTestId('act-submit').innerText()).toBe('确认解决');
    await chen.getByTestId('rating-dissatisfied').check();
    await chen.getByTestId('poor-rating-note').waitFor();
    await chen.screenshot({ path: namedShot('issues-05-rate-poor-warning'), fullPage: true });
    await chen.getByTestId('rating-satisfied').check();
    await chen.getByTestId('act-comment').fill('亮了，谢谢物业');
    await chen.getByTestId('act-submit').click();
    await expect.poll(() => stateOf(chen), { timeout: 10_000 }).toBe('confirmed');
    expect(await chen.getByTestId('issue-rating').innerText()).toContain('满意');

    // Everyone's page follows, without a reload.
    await expect.poll(() => stateOf(li), { timeout: 10_000 }).toBe('confirmed');
    await expect.poll(() => stateOf(zhao), { timeout: 10_000 }).toBe('confirmed');
    await li.getByTestId('timeline-entry').and(li.locator('[data-kind="rate"]')).waitFor({ timeout: 10_000 });
    await chen.screenshot({ path: namedShot('issues-06-confirmed-resident'), fullPage: true });
    await li.screenshot({ path: namedShot('issues-07-confirmed-moderator'), fullPage: true });

    // The bell of the property staff holds the confirmation; it opens the issue page.
    await zhao.getByTestId('issue-back').click();
    await zhao.getByTestId('notifications-button').click();
    await zhao.getByTestId('notification-item').and(zhao.locator('[data-kind="issue"]')).first().click();
    await zhao.getByTestId('issue-page').waitFor();
    expect(zhao.url()).toBe(issueUrl);

    // The moderator's figures count it (last 30 days by default), drawn by ECharts, each beside its formula.
    await li.getByTestId('issue-back').click();
    await li.getByTestId('issues-board-figures').click();
    await li.getByTestId('figure-satisfactionRate').waitFor({ timeout: 10_000 });
    // From today only (the seed's history fills the months before): the five demo reports (server/src/seed/demo-issues.ts) and this one.
    await li.getByTestId('figures-from').fill(new Date().toISOString().slice(0, 10));
    await expect.poll(() => li.getByTestId('figures-filed').innerText(), { timeout: 10_000 }).toMatch(/\b6\b|\s6\s/);
    expect(await li.getByTestId('figure-residentConfirmedRate').innerText()).toContain('÷');
    await li.getByTestId('chart-categories').locator('canvas').waitFor({ timeout: 10_000 });
    await li.getByTestId('chart-organisations').locator('canvas').waitFor();
    expect(await li.getByTestId('issues-csv').getAttribute('href')).toMatch(/\/api\/communities\/[^/]+\/issues\.csv$/);
    await li.screenshot({ path: namedShot('issues-10-figures'), fullPage: true });
    await li.getByTestId('issues-board-categories').click();
    await li.getByTestId('category-item').first().waitFor();
    await li.screenshot({ path: namedShot('issues-11-categories'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('the issue page on a 360 px phone in elder mode', async () => {
    const phone = await member(PHONES.liu, { viewport: { width: 360, height: 740 }, elder: true }); // 刘师傅, a neighbour
    await phone.goto(issueUrl);
    await phone.getByTestId('issue-page').waitFor();
    await phone.getByTestId('issue-photo').first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const height = await phone.getByTestId('issue-back').evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBeGreaterThanOrEqual(60);
    await phone.screenshot({ path: namedShot('issues-08-phone-elder'), fullPage: true });

    await phone.getByTestId('issue-back').click();
    await phone.getByTestId('issue-list').waitFor();
    await phone.getByTestId('issue-file-button').click();
    await phone.getByTestId('issue-title-input').fill('电梯');
    await phone.getByTestId('issue-title-input').fill('3栋电梯经常停运');
    await phone.getByTestId('similar-issues').waitFor({ timeout: 10_000 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await phone.screenshot({ path: namedShot('issues-09-phone-elder-file-similar') });
    // "Me too" instead of filing the same problem twice: counted at once.
    const lift = phone.getByTestId('similar-item').filter({ hasText: '3栋电梯经常停运' });
    await lift.getByTestId('similar-me-too').click();
    await phone.getByTestId('similar-issues').getByRole('status').waitFor();
    await phone.getByTestId('dialog-close').click();
    await phone.getByTestId('filter-supported').check();
    await issueItem(phone, '3栋电梯经常停运').waitFor();
    expect(await issueItem(phone, '3栋电梯经常停运').getByTestId('issue-support-count').innerText()).toMatch(/1/);

    // In English, the same page still fits, and the history is worded in English.
    await phone.getByTestId('lang-switch').click();
    await phone.goto(issueUrl);
    await phone.getByTestId('issue-page').waitFor();
    expect(await phone.getByTestId('issue-timeline').innerText()).toContain('marked it resolved');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await phone.screenshot({ path: namedShot('issues-15-phone-elder-en'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('staff boards on a 360 px phone in elder mode: nothing wider than the screen', async () => {
    const phone = await member(PHONES.wang, { viewport: { width: 360, height: 740 }, elder: true }); // 王书记, supervisor
    const fits = async (name: string) => {
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(360);
      await phone.screenshot({ path: namedShot(`issues-${name}`), fullPage: true });
    };
    await openIssues(phone, 'triage');
    await phone.getByTestId('issue-item').first().waitFor();
    await fits('12-phone-elder-triage');
    await phone.getByTestId('triage-column-submitted').getByTestId('issue-open').first().click();
    await phone.getByTestId('act-assign').click();
    await phone.getByTestId('act-panel-assign').waitFor();
    await fits('13-phone-elder-assign');
    await phone.getByTestId('issue-back').click();
    await phone.getByTestId('issues-board-figures').click();
    await phone.getByTestId('chart-categories').locator('canvas').waitFor({ timeout: 10_000 });
    await fits('14-phone-elder-figures');
    expect(pageErrors).toEqual([]);
  });
});
