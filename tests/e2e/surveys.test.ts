/**
 * The study's questionnaire in Chromium: the community director starts a survey from the
 * ready template and publishes it; two residents answer it on a 360 px phone in elder mode
 * (big Likert buttons, nothing wider than the screen), each then sees "already answered";
 * the director's results page and its chart follow every response live, without a reload,
 * to the exact scores (all 5s, then all 3s: overall 100, then 75).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { namedShot } from '../support/browser.js';
import { DEMO_PHONES, useDemoBrowsers } from '../support/demo-browsers.js';
import { openEntry } from '../support/nav.js';

const stage = useDemoBrowsers();
const { pageErrors } = stage;
const LIVE = { timeout: 15_000 };
const PHONE = { viewport: { width: 360, height: 740 }, elder: true };

const markNoReload = (page: Page) => page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
const fitsWidth = async (page: Page, width: number, what: string) => expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(width);

/** Answers every Likert item with `value` and the first two demographics; sends the form. */
async function answer(page: Page, value: number) {
  const form = page.getByTestId('survey-form');
  await form.waitFor(LIVE);
  await form.locator('[data-testid="survey-demographic"][data-question="gender"] [data-option="female"]').click();
  await form.locator('[data-testid="survey-demographic"][data-question="age"] [data-option="51-65"]').click();
  await form.locator('[data-testid="survey-text"][data-question="community-name"]').fill('桃源社区');
  const items = form.getByTestId('survey-item-question');
  expect(await items.count()).toBe(25);
  for (let i = 0; i < 25; i++) await items.nth(i).locator(`[data-testid="likert"][data-value="${value}"]`).click();
  await page.getByTestId('survey-form-submit').click();
  await page.getByTestId('survey-already-answered').waitFor(LIVE);
}

describe('the study questionnaire published by staff, answered by residents on a phone, results live', () => {
  it('publish from the template; two residents answer at 360 px in elder mode; the results and chart update', async () => {
    const director = await stage.member(DEMO_PHONES.zhang);
    await markNoReload(director);
    await openEntry(director, 'surveys-tab');
    await director.getByTestId('survey-view').waitFor();
    await director.getByTestId('survey-use-template').click();
    const page = director.getByTestId('survey-page');
    await page.waitFor(LIVE);
    expect(await page.getAttribute('data-phase')).toBe('draft');
    await director.screenshot({ path: namedShot('surveys-01-draft-from-template'), fullPage: true });
    await director.getByTestId('survey-publish').click();
    await expect.poll(() => page.getAttribute('data-phase'), LIVE).toBe('open');
    const surveyId = (await page.getAttribute('data-survey-id'))!;
    const results = director.getByTestId('survey-results');
    await results.waitFor(LIVE);
    expect(await results.getAttribute('data-respondents')).toBe('0');
    await director.getByTestId('survey-chart-dimensions').locator('canvas').waitFor(LIVE);

    // 陈阿姨 on a phone in elder mode: the survey in the list, the form with big buttons, all "strongly agree".
    const chen = await stage.member(DEMO_PHONES.chen, PHONE);
    await openEntry(chen, 'surveys-tab');
    const item = chen.locator(`[data-testid="survey-item"][data-survey-id="${surveyId}"]`);
    await item.waitFor(LIVE);
    await item.getByTestId('survey-open').click();
    await chen.getByTestId('survey-form').waitFor(LIVE);
    const likert = chen.getByTestId('likert').first();
    const box = (await likert.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(56); // elder mode: 60 px targets, not tiny radios
    expect(box.width).toBeGreaterThan(250); // one full-width button per line on a phone
    await fitsWidth(chen, 360, 'survey form');
    await chen.screenshot({ path: namedShot('surveys-02-phone-elder-form'), fullPage: true });
    await answer(chen, 5);
    await fitsWidth(chen, 360, 'answered');
    await chen.screenshot({ path: namedShot('surveys-03-phone-elder-answered'), fullPage: true });

    // The director's page follows: one response, every score 100.
    await expect.poll(() => results.getAttribute('data-respondents'), LIVE).toBe('1');
    expect(await results.getAttribute('data-overall')).toBe('100');
    await expect.poll(() => director.getByTestId('survey-chart-dimensions').getAttribute('data-respondents'), LIVE).toBe('1');

    // 刘师傅, also on a phone in elder mode: all "neutral".
    const liu = await stage.member(DEMO_PHONES.liu, PHONE);
    await openEntry(liu, 'surveys-tab');
    await liu.locator(`[data-testid="survey-item"][data-survey-id="${surveyId}"]`).getByTestId('survey-open').click();
    await answer(liu, 3);
    await expect.poll(() => results.getAttribute('data-respondents'), LIVE).toBe('2');
    expect(await results.getAttribute('data-overall')).toBe('75');
    await expect.poll(() => director.getByTestId('survey-chart-items').getAttribute('data-respondents'), LIVE).toBe('2');
    expect(await director.locator('[data-testid="survey-item-row"][data-item="q1"]').getAttribute('data-score')).toBe('75');
    // Two respondents: every group is under 10 and hidden.
    expect(await director.locator('[data-testid="survey-breakdown-row"][data-group="gender:female"]').innerText()).toContain('少于 10 人');
    expect(await notReloaded(director)).toBe(true);
    await results.scrollIntoViewIfNeeded();
    await director.screenshot({ path: namedShot('surveys-04-results-live'), fullPage: true });

    // Answering again is not offered; the list shows the badge.
    await chen.getByTestId('survey-back').click();
    await chen.locator(`[data-testid="survey-item"][data-survey-id="${surveyId}"]`).getByTestId('survey-answered-badge').waitFor(LIVE);
    await fitsWidth(chen, 360, 'survey list');
    await chen.screenshot({ path: namedShot('surveys-05-phone-elder-list'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
