/**
 * From a problem report to a decision carried out, in Chromium, each user in their own browser:
 * the moderator starts a deliberation from a report; two residents argue for and against and
 * one endorses the other; the moderator opens a ranked poll on the topic; both residents vote,
 * each watching the other's ballot move the tally live; the poll is closed early and both find
 * their receipt among those counted; a decision with an action item for the property company
 * is recorded; its staff post progress and both residents see the bar move. No resident page
 * is ever reloaded (a marker on window survives to the end). Then a sealed poll, where only the
 * turnout moves, and the pages at 360 px in elder mode.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { namedShot } from '../support/browser.js';
import { DEMO_PHONES, DEMO_PROPERTY, useDemoBrowsers } from '../support/demo-browsers.js';
import { openEntry } from '../support/nav.js';

const stage = useDemoBrowsers();
const { pageErrors } = stage;
const member = stage.member;
const PHONES = DEMO_PHONES;
const PROPERTY = DEMO_PROPERTY;
const REPORT = '小区南门路灯不亮'; // a fresh demo report (server/src/seed/demo-issues.ts)

/** A mark on window that only a full page load removes: proof that a page followed live. */
const markNoReload = (page: Page) => page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
const fitsWidth = async (page: Page, width: number, what: string) => expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(width);

const LIVE = { timeout: 10_000 };

describe('a report deliberated, voted on, decided and carried out, live in five browsers', () => {
  const topicTitle = '南门路灯：先修灯还是整体改造照明';
  const pollTitle = '南门照明怎么办：请排出您的优先顺序';
  const options = { repair: '只修坏的那盏灯', solar: '换成太阳能路灯', rewire: '整体重新布线改造' } as const;
  const forText = '整体改造一次到位，以后不用年年修，老人晚上出门也安心';
  const againstText = '先把坏的那盏修好就行，整体改造太贵，维修基金要留给电梯';
  const decisionTitle = '南门照明按投票结果实施';
  let li: Page; // 李社工, moderator
  let chen: Page; // 陈阿姨, resident
  let liu: Page; // 刘师傅, resident
  let zhao: Page; // 物业小赵, staff of the property company
  let topicUrl = '';
  let pollUrl = '';
  let decisionUrl = '';

  it('moderator starts a topic from a report; residents argue and vote; the poll closes; a decision is carried out', async () => {
    li = await member(PHONES.li);
    chen = await member(PHONES.chen);
    liu = await member(PHONES.liu);
    zhao = await member(PHONES.zhao);
    await markNoReload(chen);
    await markNoReload(liu);

    // 1. The moderator opens the report and starts a deliberation from it; the topic links back.
    await openEntry(li, 'issues-tab');
    await li.getByTestId('issues-board-triage').click();
    await li.getByTestId('issue-item').filter({ hasText: REPORT }).first().getByTestId('issue-open').click();
    await li.getByTestId('issue-page').waitFor();
    const issueId = li.url().split('/').at(-1)!;
    await li.getByTestId('start-deliberation').click();
    const dialog = li.getByTestId('start-deliberation-dialog');
    await dialog.waitFor();
    expect(await li.getByTestId('delib-title').inputValue()).toBe(REPORT);
    expect(await li.locator(`[data-testid="delib-issue-choice"][data-issue-id="${issueId}"]`).isChecked()).toBe(true);
    await li.getByTestId('delib-title').fill(topicTitle);
    await li.getByTestId('delib-description').fill('南门第三盏路灯坏了一周。是只修这一盏，还是借机整体改造？请大家摆理由。');
    await li.getByTestId('delib-submit').click();
    await li.getByTestId('delib-page-title').filter({ hasText: topicTitle }).waitFor(LIVE);
    topicUrl = li.url();
    expect(topicUrl).toMatch(/\/c\/[^/]+\/deliberations\/[^/]+$/);
    const topicId = topicUrl.split('/').at(-1)!;
    expect(await li.getByTestId('delib-issue-link').innerText()).toContain(REPORT);
    // ...and the report forwards to the topic.
    await li.getByTestId('delib-issue-link').click();
    await li.getByTestId('issue-page').waitFor();
    await li.locator(`[data-testid="deliberation-link"][data-id="${topicId}"]`).waitFor(LIVE);
    await li.locator(`[data-testid="deliberation-link"][data-id="${topicId}"]`).click();
    await li.getByTestId('delib-page-title').filter({ hasText: topicTitle }).waitFor(LIVE);

    // 2. Both residents open the topic from the deliberation tab.
    for (const page of [chen, liu]) {
      await openEntry(page, 'deliberations-tab');
      await page.getByTestId('delib-item').filter({ hasText: topicTitle }).getByTestId('delib-open').click();
      await page.getByTestId('delib-composer').waitFor(LIVE);
    }
    // 陈阿姨 argues for; 刘师傅 sees it in the "for" column without a reload.
    await chen.getByTestId('delib-stance-for').click();
    await chen.getByTestId('delib-composer-input').fill(forText);
    await chen.getByTestId('delib-send').click();
    const forArgument = (page: Page) => page.getByTestId('delib-side-for').getByTestId('delib-argument').filter({ hasText: forText });
    const againstArgument = (page: Page) => page.getByTestId('delib-side-against').getByTestId('delib-argument').filter({ hasText: againstText });
    await forArgument(chen).waitFor(LIVE);
    await forArgument(liu).waitFor(LIVE);
    // 刘师傅 argues against; 陈阿姨 sees it in the "against" column.
    await liu.getByTestId('delib-stance-against').click();
    expect(await liu.getByTestId('delib-stance').getAttribute('data-stance')).toBe('against');
    await liu.getByTestId('delib-composer-input').fill(againstText);
    await liu.getByTestId('delib-send').click();
    await againstArgument(liu).waitFor(LIVE);
    await againstArgument(chen).waitFor(LIVE);
    expect(await forArgument(chen).count()).toBe(1);
    expect(await chen.getByTestId('delib-side-against').getByTestId('delib-argument').filter({ hasText: forText }).count()).toBe(0);
    // 陈阿姨 endorses his argument (not her own: no button there); both see the count.
    expect(await forArgument(chen).getByTestId('delib-endorse').count()).toBe(0);
    await againstArgument(chen).getByTestId('delib-endorse').click();
    await expect.poll(() => againstArgument(chen).getByTestId('delib-endorsements').getAttribute('data-count'), LIVE).toBe('1');
    await expect.poll(() => againstArgument(liu).getByTestId('delib-endorsements').getAttribute('data-count'), LIVE).toBe('1');
    await forArgument(li).waitFor(LIVE);
    await againstArgument(li).waitFor(LIVE);
    await chen.screenshot({ path: namedShot('deliberation-01-topic-arguments'), fullPage: true });

    // 3. The moderator creates a ranked poll on the topic, results live.
    await openEntry(li, 'polls-tab');
    await li.getByTestId('poll-create').click();
    await li.getByTestId('poll-editor').waitFor();
    await li.getByTestId('poll-form-title').fill(pollTitle);
    await li.getByTestId('poll-form-kind').selectOption('ranked');
    await li.getByTestId('poll-form-add-option').click();
    const labels = li.getByTestId('poll-form-option-label');
    await labels.nth(0).fill(options.repair);
    await labels.nth(1).fill(options.solar);
    await labels.nth(2).fill(options.rewire);
    await li.getByTestId('poll-form-eligibility').selectOption('members'); // 刘师傅's household is not verified
    await li.getByTestId('poll-form-live').check();
    await li.getByTestId('poll-form-deliberation').selectOption(topicId);
    // It decides on the report too (a decision recorded from the poll takes the poll's reports).
    await li.getByTestId('poll-form-issues').locator('label').filter({ hasText: REPORT }).locator('input').check();
    await li.screenshot({ path: namedShot('deliberation-02-poll-form'), fullPage: true });
    await li.getByTestId('poll-form-submit').click();
    await li.getByTestId('poll-title').filter({ hasText: pollTitle }).waitFor(LIVE);
    pollUrl = li.url();
    expect(pollUrl).toMatch(/\/c\/[^/]+\/polls\/[^/]+$/);
    const pollId = pollUrl.split('/').at(-1)!;
    expect(await li.getByTestId('poll-page').getAttribute('data-state')).toBe('open');
    expect(await li.getByTestId('poll-page').getAttribute('data-kind')).toBe('ranked');
    await li.getByTestId('poll-deliberation-link').waitFor();

    // The topic page of both residents now links to the poll, live; they follow the link.
    for (const page of [chen, liu]) {
      const link = page.locator(`[data-testid="poll-link"][data-poll-id="${pollId}"]`);
      await link.waitFor(LIVE);
      await link.getByRole('button').click();
      await page.getByTestId('vote-panel').waitFor(LIVE);
      expect(await page.getByTestId('poll-page').getAttribute('data-kind')).toBe('ranked');
    }
    const optionId = async (label: string) => (await chen.getByTestId('ranked-add').filter({ hasText: label }).getAttribute('data-option'))!;
    const ids = { repair: await optionId(options.repair), solar: await optionId(options.solar), rewire: await optionId(options.rewire) };
    const cast = (page: Page) => page.getByTestId('poll-live').getAttribute('data-cast');
    // A round's cell: the votes, then (for screen readers) whether the option was eliminated there.
    const votesIn = async (cell: Locator) => (await cell.innerText()).split('\n')[0]!.trim();
    const firstRound = (page: Page, id: string) => votesIn(page.getByTestId('live-result').getByTestId(`round-1-${id}`));
    expect(await cast(liu)).toBe('0');

    // 4. 陈阿姨 ranks by tapping (改造 first, then 太阳能), confirms, and gets a receipt.
    await chen.getByTestId('ranked-add').filter({ hasText: options.rewire }).click();
    await chen.getByTestId('ranked-add').filter({ hasText: options.solar }).click();
    expect(await chen.getByTestId('ranked-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-option')))).toEqual([ids.rewire, ids.solar]);
    await chen.screenshot({ path: namedShot('deliberation-03-ranked-ballot'), fullPage: true });
    await chen.getByTestId('ballot-next').click();
    await chen.getByTestId('ballot-confirm').waitFor();
    await chen.getByTestId('ballot-cast').click();
    const chenReceipt = (await chen.getByTestId('receipt-code').innerText({ timeout: 10_000 })).trim();
    expect(chenReceipt).toMatch(/\S{6,}/);
    // 刘师傅's tally moves without a reload.
    await expect.poll(() => cast(liu), LIVE).toBe('1');
    await expect.poll(() => firstRound(liu, ids.rewire), LIVE).toBe('1');
    await liu.screenshot({ path: namedShot('deliberation-04-live-tally'), fullPage: true });

    // 刘师傅 ranks 只修 first, then 改造; 陈阿姨's tally moves.
    await liu.getByTestId('ranked-add').filter({ hasText: options.repair }).click();
    await liu.getByTestId('ranked-add').filter({ hasText: options.rewire }).click();
    await liu.getByTestId('ballot-next').click();
    await liu.getByTestId('ballot-cast').click();
    const liuReceipt = (await liu.getByTestId('receipt-code').innerText({ timeout: 10_000 })).trim();
    expect(liuReceipt).toMatch(/\S{6,}/);
    expect(liuReceipt).not.toBe(chenReceipt);
    await expect.poll(() => cast(chen), LIVE).toBe('2');
    await expect.poll(() => firstRound(chen, ids.repair), LIVE).toBe('1');
    expect(await firstRound(chen, ids.rewire)).toBe('1');
    await expect.poll(() => cast(li), LIVE).toBe('2');
    await chen.screenshot({ path: namedShot('deliberation-05-receipt-and-tally'), fullPage: true });

    // 5. The moderator closes it early; both residents see the result (IRV rounds) and their receipt.
    await li.getByTestId('poll-close-open').click();
    await li.getByTestId('poll-close-reason').fill('两位居民已投票，议题需要尽快落实');
    await li.getByTestId('poll-close').click();
    await li.getByTestId('poll-close-confirm').click();
    for (const [page, receipt] of [
      [li, null],
      [chen, chenReceipt],
      [liu, liuReceipt],
    ] as const) {
      await expect.poll(() => page.getByTestId('poll-page').getAttribute('data-state'), LIVE).toBe('closed');
      await page.getByTestId('poll-result-page').waitFor(LIVE);
      // 1 : 1 : 0 — 太阳能 goes first, then the tie between the other two is broken by the written rule.
      expect(Number(await page.getByTestId('result-rounds').getAttribute('data-rounds'))).toBeGreaterThanOrEqual(2);
      const solarFirst = page.getByTestId('poll-result').getByTestId(`round-1-${ids.solar}`);
      expect(await votesIn(solarFirst)).toBe('0');
      expect(await solarFirst.innerText()).toContain(options.solar); // "eliminated: ..." in round 1
      expect(await page.getByTestId('round-notes').innerText()).toContain(options.solar);
      await page.getByTestId('tie-rule').waitFor();
      expect(await page.getByTestId('receipt-row').count()).toBe(2);
      if (receipt) {
        expect(await page.locator(`[data-testid="receipt-row"][data-receipt="${receipt}"]`).getAttribute('data-mine')).toBe('true');
        await page.getByTestId('receipt-find').fill(receipt.toLowerCase());
        expect(await page.getByTestId('receipt-find-result').getAttribute('data-found')).toBe('true');
      }
    }
    // Round 2 ties 只修 and 改造 at 1 : 1; the written rule eliminates the one later in the list (改造),
    // so 陈阿姨's ballot (改造, 太阳能) is exhausted in round 3 and 只修 wins.
    expect(await chen.getByTestId('poll-result').getAttribute('data-winners')).toBe(ids.repair);
    expect(await chen.getByTestId('round-tie').count()).toBe(1);
    expect(await votesIn(chen.getByTestId('poll-result').getByTestId('round-3-exhausted'))).toBe('1');
    expect(await votesIn(chen.getByTestId('poll-result').getByTestId(`round-3-${ids.repair}`))).toBe('1');
    await chen.evaluate(() => window.scrollTo(0, 0));
    await chen.getByTestId('result-rounds-chart').locator('canvas').waitFor(LIVE);
    await chen.screenshot({ path: namedShot('deliberation-06-result-irv'), fullPage: true });

    // 6. The residents watch the decisions board; the moderator records the decision from the closed poll.
    for (const page of [chen, liu]) {
      await openEntry(page, 'decisions-tab');
      await page.getByTestId('decision-list').waitFor();
    }
    await openEntry(li, 'decisions-tab');
    await li.getByTestId('decision-record-open').click();
    await li.getByTestId('decision-title-input').fill(decisionTitle);
    await li.getByTestId('decision-poll-select').selectOption({ label: pollTitle });
    await li.getByTestId('decision-poll-outcome').waitFor();
    expect(await li.getByTestId('decision-record-submit').isDisabled()).toBe(true); // the outcome is confirmed first
    await li.getByTestId('decision-poll-confirm').check();
    await li.getByTestId('decision-rationale-input').fill('按排序投票的结果实施，物业负责，一个月内完成。');
    await li.getByTestId('decision-record-submit').click();
    await li.getByTestId('decision-page-title').filter({ hasText: decisionTitle }).waitFor(LIVE);
    decisionUrl = li.url();
    const decisionId = decisionUrl.split('/').at(-1)!;
    // Where it came from: the poll (and through it the topic and the report).
    const sources = await li.getByTestId('decision-page').innerText();
    expect(sources).toContain(pollTitle);
    expect(sources).toContain(topicTitle);
    expect(sources).toContain(REPORT);
    // The item, owned by the property company.
    await li.getByTestId('item-add').click();
    await li.getByTestId('item-title-input').fill('南门照明按投票结果施工');
    await li.getByTestId('item-owner-type').selectOption('organisation');
    await li.getByTestId('item-owner').selectOption({ label: PROPERTY });
    await li.getByTestId('item-submit').click();
    await li.getByTestId('action-item').filter({ hasText: '南门照明按投票结果施工' }).waitFor(LIVE);
    expect(await li.getByTestId('action-item-owner').innerText()).toContain(PROPERTY);

    // The residents' board shows it without a reload; they open it.
    for (const page of [chen, liu]) {
      const card = page.locator(`[data-testid="decision-item"][data-decision-id="${decisionId}"]`);
      await card.waitFor(LIVE);
      await card.getByTestId('decision-open').click();
      await page.getByTestId('decision-page').waitFor();
      await page.getByTestId('action-item').waitFor(LIVE);
      expect(await page.getByTestId('action-item-progress').getAttribute('data-percent')).toBe('0');
      expect(await page.getByTestId('progress-open').count()).toBe(0); // residents do not report progress
    }

    // 7. 物业小赵 finds it on the board and posts progress: 40 %.
    await openEntry(zhao, 'decisions-tab');
    await zhao.locator(`[data-testid="decision-item"][data-decision-id="${decisionId}"]`).getByTestId('decision-open').click();
    await zhao.getByTestId('action-item').waitFor(LIVE);
    await zhao.getByTestId('progress-open').click();
    await zhao.getByTestId('progress-text').fill('灯具已到货，本周六上午施工，施工期间南门右侧通行');
    await zhao.getByTestId('progress-percent').fill('40');
    await zhao.getByTestId('progress-submit').click();
    await expect.poll(() => zhao.getByTestId('action-item-progress').getAttribute('data-percent'), LIVE).toBe('40');

    // Both residents see the bars move and the entry appear, without a reload.
    for (const page of [chen, liu]) {
      await expect.poll(() => page.getByTestId('action-item-progress').getAttribute('data-percent'), LIVE).toBe('40');
      await expect.poll(() => page.getByTestId('decision-page-progress').getAttribute('data-percent'), LIVE).toBe('40');
      await page.getByTestId('progress-entry').filter({ hasText: '灯具已到货' }).waitFor(LIVE);
      expect(await page.getByTestId('action-item-state').innerText()).not.toBe('');
      expect(await page.getByTestId('action-item').getAttribute('data-state')).toBe('in_progress');
    }
    await liu.screenshot({ path: namedShot('deliberation-07-decision-progress'), fullPage: true });

    // The moderator's board shows the bar at 40 %.
    await li.getByTestId('decision-back').click();
    const boardCard = li.locator(`[data-testid="decision-item"][data-decision-id="${decisionId}"]`);
    await expect.poll(() => boardCard.getByTestId('decision-progress').getAttribute('data-percent'), LIVE).toBe('40');
    expect(await boardCard.innerText()).toContain(PROPERTY);
    await li.screenshot({ path: namedShot('deliberation-08-decisions-board'), fullPage: true });

    // The topic forwards to the poll and the decision.
    await openEntry(chen, 'deliberations-tab');
    await chen.getByTestId('delib-item').filter({ hasText: topicTitle }).getByTestId('delib-open').click();
    await chen.locator(`[data-testid="poll-link"][data-poll-id="${pollId}"]`).waitFor(LIVE);
    await chen.getByTestId('decision-link').filter({ hasText: decisionTitle }).waitFor(LIVE);

    // ...and the report forwards to all three.
    await chen.getByTestId('delib-issue-link').click();
    await chen.getByTestId('issue-page').waitFor();
    await chen.locator(`[data-testid="deliberation-link"][data-id="${topicId}"]`).waitFor(LIVE);
    await chen.locator(`[data-testid="poll-link"][data-poll-id="${pollId}"]`).waitFor(LIVE);
    await chen.getByTestId('decision-link').filter({ hasText: decisionTitle }).waitFor(LIVE);

    expect(await notReloaded(chen)).toBe(true);
    expect(await notReloaded(liu)).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('a sealed poll: only the turnout moves while it is open', async () => {
    const sealedTitle = '南门施工时间：周六还是周日';
    await openEntry(li, 'polls-tab');
    await li.getByTestId('poll-create').click();
    await li.getByTestId('poll-form-title').fill(sealedTitle);
    await li.getByTestId('poll-form-kind').selectOption('single');
    const labels = li.getByTestId('poll-form-option-label');
    await labels.nth(0).fill('周六上午');
    await labels.nth(1).fill('周日上午');
    await li.getByTestId('poll-form-eligibility').selectOption('members');
    await li.getByTestId('poll-form-sealed').check();
    await li.getByTestId('poll-form-submit').click();
    await li.getByTestId('poll-title').filter({ hasText: sealedTitle }).waitFor(LIVE);
    const sealedId = li.url().split('/').at(-1)!;

    for (const page of [chen, liu]) {
      await openEntry(page, 'polls-tab');
      await page.getByTestId('polls-open').getByText(sealedTitle).click();
      await page.getByTestId('vote-panel').waitFor(LIVE);
      expect(await page.getByTestId('poll-page').getAttribute('data-poll-id')).toBe(sealedId);
      await page.getByTestId('poll-sealed').waitFor();
      expect(await page.getByTestId('poll-live').getAttribute('data-sealed')).toBe('true');
    }
    expect(await liu.getByTestId('poll-live').getAttribute('data-cast')).toBe('0');
    await chen.getByTestId('ballot-option').filter({ hasText: '周六上午' }).locator('input').check();
    await chen.getByTestId('ballot-next').click();
    await chen.getByTestId('ballot-cast').click();
    await chen.getByTestId('receipt-code').waitFor(LIVE);
    // 刘师傅 sees the turnout move, and nothing of the count.
    await expect.poll(() => liu.getByTestId('poll-live').getAttribute('data-cast'), LIVE).toBe('1');
    expect(await liu.getByTestId('live-result').count()).toBe(0);
    expect(await liu.getByTestId('tally-row').count()).toBe(0);
    expect(await liu.getByTestId('poll-live').innerText()).not.toContain('周六上午');
    await liu.screenshot({ path: namedShot('deliberation-09-sealed-turnout'), fullPage: true });
    expect(await notReloaded(liu)).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('topic, result and decisions board on a 360 px phone in elder mode: nothing wider than the screen', async () => {
    const phone = await member(PHONES.wang, { viewport: { width: 360, height: 740 }, elder: true }); // 王书记, supervisor
    const check = async (name: string) => {
      await fitsWidth(phone, 360, name);
      await phone.screenshot({ path: namedShot(`deliberation-${name}`), fullPage: true });
    };
    await openEntry(phone, 'decisions-tab');
    await phone.getByTestId('decision-item').filter({ hasText: decisionTitle }).waitFor(LIVE);
    await check('10-phone-elder-decisions-board');
    await phone.getByTestId('decision-item').filter({ hasText: decisionTitle }).getByTestId('decision-open').click();
    await phone.getByTestId('progress-entry').waitFor(LIVE);
    await check('11-phone-elder-decision');
    await phone.goto(pollUrl);
    await phone.getByTestId('poll-result-page').waitFor(LIVE);
    await phone.getByTestId('result-rounds').waitFor();
    await phone.getByTestId('result-rounds-chart').locator('canvas').waitFor(LIVE);
    await check('12-phone-elder-result');
    await phone.goto(topicUrl);
    await phone.getByTestId('delib-side-for').getByTestId('delib-argument').waitFor(LIVE);
    await check('13-phone-elder-topic');
    expect(pageErrors).toEqual([]);
  });
});
