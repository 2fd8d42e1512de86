/**
 * Long lists, empty lists and reconnects, in Chromium at 360 px: a list longer than a page
 * loads more as the resident scrolls (and says when it has reached the end); an empty list
 * says what to do next; after the resident's socket is cut and comes back, a poll another
 * member started meanwhile is on the page (the lists are refetched, nothing stale stays).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, EventInput, ServerToClientEvents } from '@linli/shared';
import { namedShot } from '../support/browser.js';
import { DEMO_PHONES, useDemoBrowsers } from '../support/demo-browsers.js';

const stage = useDemoBrowsers();
const PHONE = { width: 360, height: 740 };
const LIVE = { timeout: 10_000 };

/**
 * Wraps the page's WebSocket so the test can cut every open socket (as a dropped network
 * would) and refuse new ones until it lets them through again.
 */
const socketSwitch = `(() => {
  const Native = window.WebSocket;
  const open = [];
  window.__ws = { blocked: false, open };
  window.WebSocket = function (url, protocols) {
    const ws = new Native(window.__ws.blocked ? 'ws://127.0.0.1:9/' : url, protocols);
    open.push(ws);
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
})();`;

const cut = (page: Page) =>
  page.evaluate(() => {
    const ws = (window as unknown as { __ws: { blocked: boolean; open: WebSocket[] } }).__ws;
    ws.blocked = true;
    for (const socket of ws.open) socket.close();
  });
const restore = (page: Page) => page.evaluate(() => void ((window as unknown as { __ws: { blocked: boolean } }).__ws.blocked = false));

type ApiSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client with a member's session cookie: the test's way to add items quickly. */
async function apiSocket(url: string, page: Page): Promise<ApiSocket> {
  const cookies = await page.context().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const socket: ApiSocket = io(url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

async function createPoll(socket: ApiSocket, payload: EventInput<'poll:create'>): Promise<void> {
  const emitter = socket.timeout(10_000) as unknown as { emitWithAck(event: string, payload: unknown): Promise<{ ok: boolean; error?: unknown }> };
  const res = await emitter.emitWithAck('poll:create', payload);
  if (!res.ok) throw new Error(`poll:create failed: ${JSON.stringify(res.error)}`);
}

describe('lists: load as you scroll, next steps when empty, fresh after a reconnect', () => {
  it('a long poll list loads more as the resident scrolls at 360 px; an empty list says what to do; a reconnect shows what changed meanwhile', async () => {
    const li = await stage.member(DEMO_PHONES.li);
    const communityId = /\/c\/([^/]+)/.exec(li.url())?.[1];
    expect(communityId, li.url()).toBeTruthy();
    const api = await apiSocket(stage.server.url, li);
    const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    for (let i = 1; i <= 26; i += 1) {
      await createPoll(api, { communityId: communityId!, kind: 'yesno', title: `楼道公约第 ${i} 条是否通过`, closesAt } as EventInput<'poll:create'>);
    }

    const chen = await stage.member(DEMO_PHONES.chen, { viewport: PHONE, prepare: async (context) => { await context.addInitScript(socketSwitch); } });
    await chen.goto(`${stage.server.url}/c/${communityId}/polls`);
    await chen.getByTestId('poll-view').waitFor();
    await chen.getByTestId('poll-item').first().waitFor(LIVE);
    const firstPage = await chen.getByTestId('poll-item').count();
    expect(firstPage).toBe(20);
    await chen.screenshot({ path: namedShot('lists-polls-first-page-360'), fullPage: false });

    // Scrolling to the foot loads the next page; at the end the list says so.
    await chen.getByTestId('poll-more').scrollIntoViewIfNeeded();
    await expect.poll(() => chen.getByTestId('poll-item').count(), LIVE).toBeGreaterThan(firstPage);
    for (let round = 0; round < 5 && !(await chen.getByTestId('poll-more-end').isVisible()); round += 1) {
      await chen.mouse.wheel(0, 5000);
      await chen.waitForTimeout(300);
    }
    await chen.getByTestId('poll-more-end').waitFor(LIVE);
    const all = await chen.getByTestId('poll-item').count();
    expect(all).toBeGreaterThanOrEqual(26);
    const ids = await chen.getByTestId('poll-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-poll-id')));
    expect(new Set(ids).size, 'no poll twice').toBe(ids.length);
    expect(await chen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await chen.getByTestId('poll-more-end').scrollIntoViewIfNeeded();
    await chen.screenshot({ path: namedShot('lists-polls-end-360'), fullPage: false });

    // The keyboard / screen-reader way: the 加载更多 button is there while more remain.
    await chen.goto(`${stage.server.url}/c/${communityId}/polls`);
    await chen.getByTestId('poll-more-button').waitFor(LIVE);
    expect(await chen.getByTestId('poll-more-button').innerText()).toContain('加载更多');

    // An empty list says what it is for and what to do next, with the action.
    await chen.goto(`${stage.server.url}/c/${communityId}/deliberations`);
    await chen.getByTestId('delib-filter-rejected').click();
    const empty = chen.getByTestId('delib-empty');
    await empty.waitFor(LIVE);
    expect(await empty.innerText()).toContain('提议');
    await empty.getByTestId('delib-empty-action').waitFor();
    await chen.screenshot({ path: namedShot('lists-empty-deliberations-360'), fullPage: false });

    // Cut the resident's socket; a poll is started meanwhile; when the socket is back, it is listed.
    await chen.goto(`${stage.server.url}/c/${communityId}/polls`);
    await chen.getByTestId('poll-item').first().waitFor(LIVE);
    await cut(chen);
    await chen.waitForTimeout(500);
    const meanwhile = '断线期间发起：是否增设快递柜';
    await createPoll(api, { communityId: communityId!, kind: 'yesno', title: meanwhile, closesAt } as EventInput<'poll:create'>);
    await chen.waitForTimeout(1500);
    expect(await chen.getByTestId('poll-item').filter({ hasText: meanwhile }).count(), 'not pushed while cut').toBe(0);
    await restore(chen);
    await chen.getByTestId('poll-item').filter({ hasText: meanwhile }).waitFor({ timeout: 20_000 });
    await chen.screenshot({ path: namedShot('lists-polls-after-reconnect-360'), fullPage: false });

    api.disconnect();
    expect(stage.pageErrors).toEqual([]);
  });
});
