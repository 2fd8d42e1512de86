/**
 * The community's navigation as a user reaches it: on a desktop every entry is in the left column;
 * on a phone the tab bar holds 首页, 聊天, 问题, 议事投票 (hub-tab: the switch between deliberations,
 * polls and decisions) and 更多 (more-tab: every other entry).
 */
import type { Page } from 'playwright-core';

const hubEntries = ['deliberations-tab', 'polls-tab', 'decisions-tab'];
const visible = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`).first();

/** The tab-bar entry through which a phone reaches `testId` (itself when it is in the bar). */
export const phoneEntryOf = (testId: string): string => (['home-tab', 'chat-tab', 'issues-tab'].includes(testId) ? testId : hubEntries.includes(testId) ? 'hub-tab' : 'more-tab');

/** Opens a navigation entry by clicks, as a user would at the page's width (waits for the navigation to be drawn). */
export async function openEntry(page: Page, testId: string): Promise<void> {
  await page.locator('[data-testid="side-nav"]:visible, [data-testid="tab-bar"]:visible').first().waitFor({ timeout: 15_000 });
  const desktop = (await visible(page, 'side-nav').count()) > 0;
  if (desktop || (await visible(page, testId).count()) > 0) return visible(page, testId).click();
  await visible(page, phoneEntryOf(testId)).click();
  await visible(page, testId).click();
}

/** Whether the entry (or on a phone the tab-bar entry leading to it) is marked as the current page. */
export async function entryIsCurrent(page: Page, testId: string): Promise<boolean> {
  const marked = (id: string) =>
    visible(page, id).evaluate((el) => el.getAttribute('aria-selected') === 'true' || el.getAttribute('aria-current') === 'page');
  if ((await visible(page, testId).count()) > 0) return marked(testId);
  return marked(phoneEntryOf(testId));
}
