/**
 * Every page of the app, at 360 and 1280 px, in normal and in elder mode: an axe-core scan with
 * the WCAG 2.1 A/AA rules finds no violation (results kept in test-results/a11y/<page>-<width>[-elder].json),
 * the page does not scroll sideways, and in elder mode its text is >= 18 px and the controls one taps
 * are >= 60 px tall (definitions in tests/support/axe.ts). A screenshot of each page at each width is
 * kept in test-results/screenshots/a11y-*.png.
 *
 * Pages are opened by URL. Their ids are found first through the pages' own links, as 张主任 (admin,
 * platform admin: every staff page and /oversight) and 陈阿姨 (a resident: her ballot and her survey form).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { namedShot } from '../support/browser.js';
import { a11yDir, axeScan, describeViolations, elderMeasures, horizontalOverflow, overflowingElements } from '../support/axe.js';
import { DEMO_PHONES, useDemoBrowsers } from '../support/demo-browsers.js';

// One account opens some thirty pages in a row, each a fresh load with its queries; the per-user limit
// of socket events (60 per 10 s by default) would refuse some. The server process inherits this.
process.env.SOCKET_EVENTS_PER_10S = '2000';
const stage = useDemoBrowsers();
const LIVE = { timeout: 15_000 };

type Who = 'zhang' | 'chen' | 'anon';
interface Target {
  name: string;
  who: Who;
  path: string;
  /** CSS selector that shows the page is there. */
  ready: string;
  /** What to do once the page is there (open a panel) before the checks. */
  then?: (page: Page) => Promise<void>;
}

const tid = (id: string) => `[data-testid="${id}"]`;
const pathOf = (page: Page) => new URL(page.url()).pathname + new URL(page.url()).search;

/** Opens a list page and returns the path of the item the first matching "open" button leads to (null if the list has none). */
async function itemPath(page: Page, listPath: string, itemSelector: string, openTestId: string, ready: string): Promise<string | null> {
  await page.goto(stage.server.url + listPath);
  try {
    await page.locator(ready).first().waitFor(LIVE);
  } catch (error) {
    await page.screenshot({ path: namedShot(`a11y-failed-${listPath.split('/').at(-1)}`), fullPage: true });
    throw error;
  }
  const item = page.locator(itemSelector).first();
  try {
    await item.waitFor({ timeout: 5_000 });
  } catch {
    return null;
  }
  const before = pathOf(page);
  await item.locator(tid(openTestId)).first().click();
  await expect.poll(() => pathOf(page), LIVE).not.toBe(before);
  return pathOf(page);
}

describe('every page passes axe (WCAG 2.1 AA), fits 360 px and holds elder mode', () => {
  const targets: Target[] = [];
  const sessions: Partial<Record<Who, Awaited<ReturnType<BrowserContext['storageState']>>>> = {};
  const THREAD_PARENT = '无障碍检查：周六上午楼下有义诊';

  it('finds each page (ids through the pages themselves)', async () => {
    const zhang = await stage.member(DEMO_PHONES.zhang);
    const chen = await stage.member(DEMO_PHONES.chen);
    sessions.zhang = await zhang.context().storageState();
    sessions.chen = await chen.context().storageState();
    const communityId = /\/c\/([^/?]+)/.exec(zhang.url())?.[1];
    expect(communityId, zhang.url()).toBeTruthy();
    const c = `/c/${communityId}`;

    // A channel with a thread: 张主任 writes, 陈阿姨 replies in the thread.
    await zhang.getByTestId('channel-item').filter({ hasText: '邻里闲聊' }).first().click();
    await zhang.getByTestId('composer-input').waitFor(LIVE);
    const channelPath = pathOf(zhang);
    await zhang.getByTestId('composer-input').fill(THREAD_PARENT);
    await zhang.getByTestId('send-button').click();
    const parent = zhang.getByTestId('message-list').getByTestId('message-item').filter({ hasText: THREAD_PARENT });
    await parent.waitFor(LIVE);
    await parent.hover();
    await parent.getByTestId('message-actions').click();
    await zhang.getByTestId('action-reply').click();
    await zhang.getByTestId('thread-panel').waitFor(LIVE);
    await zhang.getByTestId('thread-composer-input').fill('几点开始？');
    await zhang.getByTestId('thread-send-button').click();
    await zhang.getByTestId('thread-panel').getByText('几点开始？').waitFor(LIVE);

    const issue = await itemPath(zhang, `${c}/issues`, tid('issue-item'), 'issue-open', tid('issue-item'));
    const topic = await itemPath(zhang, `${c}/deliberations`, tid('delib-item'), 'delib-open', tid('deliberation-view'));
    const openPoll = await itemPath(chen, `${c}/polls`, `${tid('poll-item')}[data-state="open"]`, 'poll-open', tid('poll-view'));
    const closedPoll = await itemPath(zhang, `${c}/polls`, `${tid('poll-item')}[data-state="closed"]`, 'poll-open', tid('poll-view'));
    const decision = await itemPath(zhang, `${c}/decisions`, tid('decision-item'), 'decision-open', tid('decision-view'));
    const survey = await itemPath(chen, `${c}/surveys`, `${tid('survey-item')}[data-phase="open"]`, 'survey-open', tid('survey-view'));
    const activities: Record<string, string | null> = {};
    for (const kind of ['call', 'quiz', 'event']) {
      activities[kind] = await itemPath(zhang, `${c}/activities`, `${tid('activity-item')}[data-kind="${kind}"]`, 'activity-open', tid('activity-view'));
    }
    await zhang.goto(stage.server.url + '/oversight');
    await zhang.getByTestId('oversight-region').first().waitFor(LIVE);
    await zhang.getByTestId('oversight-region').first().click();
    await zhang.getByTestId('oversight-view').waitFor(LIVE);
    await expect.poll(() => pathOf(zhang), LIVE).toMatch(/^\/oversight\/.+/);
    const region = pathOf(zhang);
    const lastMonth = new Date(Date.now() - 35 * 24 * 3600_000).toISOString().slice(0, 7);

    const add = (name: string, who: Who, path: string | null, ready: string, then?: Target['then']) => {
      expect(path, `no page found for ${name}`).toBeTruthy();
      targets.push({ name, who, path: path!, ready, then });
    };
    add('login', 'anon', '/', tid('phone-input'));
    add('picker', 'zhang', '/', tid('community-item'));
    add('home', 'zhang', c, `${tid('agenda-view')}[data-ready="true"]`);
    add('home-resident', 'chen', c, `${tid('agenda-view')}[data-ready="true"]`);
    add('chat-channels', 'chen', `${c}/chat`, tid('chat-screen'));
    add('about', 'chen', `${c}/about`, tid('about-page'));
    add('profile', 'chen', `${c}/me`, tid('profile-page'));
    add('more', 'chen', `${c}/more`, tid('more-page'));
    add('chat', 'zhang', channelPath, tid('message-list'));
    add('chat-thread', 'zhang', channelPath, tid('message-list'), async (page) => {
      const item = page.getByTestId('message-item').filter({ hasText: THREAD_PARENT });
      await item.getByTestId('reply-count').click();
      await page.getByTestId('thread-panel').getByText('几点开始？').waitFor(LIVE);
    });
    add('issues', 'zhang', `${c}/issues`, tid('issue-item'));
    for (const board of ['triage', 'assignments', 'overdue', 'figures', 'categories']) add(`issues-${board}`, 'zhang', `${c}/issues?tab=${board}`, 'main');
    add('issue', 'zhang', issue, tid('issue-page'));
    add('deliberations', 'zhang', `${c}/deliberations`, tid('deliberation-view'));
    add('deliberation', 'zhang', topic, tid('delib-page-title'));
    add('polls', 'zhang', `${c}/polls`, tid('poll-view'));
    add('poll-ballot', 'chen', openPoll, tid('vote-panel'));
    add('poll-staff', 'zhang', openPoll, tid('poll-page'));
    if (closedPoll) add('poll-result', 'zhang', closedPoll, tid('poll-page'));
    add('decisions', 'zhang', `${c}/decisions`, tid('decision-view'));
    add('decision', 'zhang', decision, tid('decision-page'));
    add('surveys', 'zhang', `${c}/surveys`, tid('survey-view'));
    add('survey-form', 'chen', survey, tid('survey-page'));
    add('survey-results', 'zhang', survey, tid('survey-results'));
    add('activities', 'zhang', `${c}/activities`, tid('activity-view'));
    for (const kind of ['call', 'quiz', 'event']) add(`activity-${kind}`, 'zhang', activities[kind]!, tid('activity-page'));
    add('index', 'zhang', `${c}/index`, tid('index-view'));
    add('index-month', 'zhang', `${c}/index/${lastMonth}`, tid('index-view'));
    add('insights', 'zhang', `${c}/insights`, tid('insights-view'));
    add('moderation', 'zhang', `${c}/manage`, 'main');
    add('oversight', 'zhang', '/oversight', tid('oversight-view'));
    add('oversight-region', 'zhang', region, tid('oversight-view'));
    console.log(`a11y: ${targets.length} pages${closedPoll ? '' : ' (no closed poll in the demo: result page not scanned)'}`);
  }, 240_000);

  for (const width of [360, 1280]) {
    for (const elder of [false, true]) {
      const mode = `${width}${elder ? '-elder' : ''}`;
      it(`at ${width} px${elder ? ' in elder mode' : ''}: no axe violation, no sideways scroll${elder ? ', 18 px text and 60 px targets' : ''}`, async () => {
        expect(targets.length).toBeGreaterThan(20);
        const viewport = { width, height: width < 500 ? 740 : 900 };
        const pages: Partial<Record<Who, Page>> = {};
        const contexts: BrowserContext[] = [];
        const pageFor = async (who: Who): Promise<Page> => {
          if (pages[who]) return pages[who];
          if (who === 'anon') {
            const browser = (await pageFor('zhang')).context().browser()!;
            const context = await browser.newContext({ viewport, locale: 'zh-CN', ...(width < 500 ? { isMobile: true, hasTouch: true } : {}) });
            contexts.push(context);
            if (elder) await context.addInitScript(() => localStorage.setItem('linli.elder', '1'));
            pages.anon = await context.newPage();
          } else {
            pages[who] = await stage.member(DEMO_PHONES[who], { viewport, elder, storageState: sessions[who] });
          }
          return pages[who]!;
        };
        const failures: string[] = [];
        for (const target of targets) {
          const page = await pageFor(target.who);
          const where = `${target.name} @${mode}`;
          try {
            await page.goto(stage.server.url + target.path);
            await page.locator(target.ready).first().waitFor(LIVE);
            await target.then?.(page);
            await page.waitForTimeout(700); // queries settle, charts draw
            if (elder) expect(await page.evaluate(() => document.documentElement.classList.contains('elder')), where).toBe(true);
            const violations = await axeScan(page, `${target.name}-${mode}`);
            failures.push(...describeViolations(violations).map((line) => `${where} axe ${line}`));
            const overflow = await horizontalOverflow(page);
            if (overflow > 0) failures.push(`${where} scrolls sideways by ${overflow}px: ${(await overflowingElements(page)).join('; ')}`);
            if (elder) {
              const { smallText, smallTargets } = await elderMeasures(page);
              failures.push(...smallText.map((line) => `${where} text < 18px: ${line}`));
              failures.push(...smallTargets.map((line) => `${where} target < 60px: ${line}`));
            }
            await page.screenshot({ path: namedShot(`a11y-${target.name}-${mode}`), fullPage: true });
          } catch (error) {
            failures.push(`${where} did not open: ${(error as Error).message.split('\n')[0]}`);
          }
        }
        for (const context of contexts) await context.close();
        for (const [who, page] of Object.entries(pages)) if (who !== 'anon') await page.context().close();
        mkdirSync(a11yDir, { recursive: true });
        writeFileSync(path.join(a11yDir, `failures-${mode}.txt`), failures.join('\n'));
        expect(failures).toEqual([]);
      }, 900_000);
    }
  }

  it('raised no page errors', () => {
    expect(stage.pageErrors).toEqual([]);
  });
});
