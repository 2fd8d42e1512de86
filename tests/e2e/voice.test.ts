/**
 * Voice messages in Chromium with a fake microphone (useDemoBrowsers({ microphone: true })):
 * 陈阿姨 on a 360 px phone in elder mode holds the talk button, the countdown runs, she
 * lets go and the recording is sent; 刘师傅, also on a phone in elder mode, sees it live
 * and plays it (the audio element's time advances). Sliding up cancels. On a desktop a
 * click starts and a click stops. A problem report takes a spoken description. Wrong
 * types and oversize uploads are refused.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PHONES, useDemoBrowsers } from '../support/demo-browsers.js';
import { namedShot } from '../support/browser.js';
import { openEntry } from '../support/nav.js';

const stage = useDemoBrowsers({ microphone: true });
const phone = { width: 360, height: 740 };

const channel = (page: Page, name: string) => page.getByTestId('channel-item').filter({ has: page.getByTestId('channel-name').getByText(name, { exact: true }) });
const voiceMessages = (page: Page) => page.getByTestId('message-list').getByTestId('message-item').filter({ has: page.getByTestId('voice-player') });

async function open(page: Page, name: string) {
  await channel(page, name).click();
  await page.getByTestId('chat-view').waitFor();
}

/** A finger on the button: pointerdown (touch), optionally a move, then pointerup, as a phone delivers them. */
async function hold(button: Locator, ms: number, opts: { slideUp?: number; during?: () => Promise<void> } = {}) {
  const box = (await button.boundingBox())!;
  const at = { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 };
  const init = { pointerType: 'touch', pointerId: 11, isPrimary: true, button: 0, buttons: 1 };
  await button.dispatchEvent('pointerdown', { ...init, ...at });
  const started = Date.now();
  await opts.during?.();
  if (opts.slideUp) await button.dispatchEvent('pointermove', { ...init, clientX: at.clientX, clientY: at.clientY - opts.slideUp });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, ms - (Date.now() - started))));
  await button.dispatchEvent('pointerup', { ...init, buttons: 0, clientX: at.clientX, clientY: at.clientY - (opts.slideUp ?? 0) });
}

/** Whether the player's audio is playing: 'playing' fired or its time advanced past 0.3 s. */
async function plays(player: Locator): Promise<boolean> {
  return player.locator('audio').evaluate(
    (audio: HTMLAudioElement) =>
      new Promise<boolean>((resolve) => {
        const check = () => audio.currentTime > 0.3 && resolve(true);
        audio.addEventListener('timeupdate', check);
        check();
        setTimeout(() => resolve(audio.currentTime > 0.3), 10_000);
      }),
  );
}

describe('voice messages', () => {
  // One login per phone (a second code within a minute is refused): the pages carry on between steps.
  let chen: Page;
  let liu: Page;

  it('a phone in elder mode records by holding, the other phone hears it', async () => {
    chen = await stage.member(DEMO_PHONES.chen, { viewport: phone, elder: true });
    liu = await stage.member(DEMO_PHONES.liu, { viewport: phone, elder: true });
    await open(chen, '邻里闲聊');
    await open(liu, '邻里闲聊');
    const before = await voiceMessages(liu).count();

    const talk = chen.getByTestId('voice-record');
    expect((await talk.boundingBox())!.height).toBeGreaterThanOrEqual(60);
    await hold(talk, 2500, {
      during: async () => {
        // The countdown shows while recording.
        const countdown = chen.getByTestId('voice-countdown');
        await countdown.waitFor({ timeout: 5000 });
        expect(await countdown.innerText()).toMatch(/还剩 (60|59|58) 秒/);
        await chen.screenshot({ path: namedShot('voice-01-phone-elder-recording') });
      },
    });

    // Sent, shown to her and live to him with its duration.
    await expect.poll(() => voiceMessages(chen).count(), { timeout: 15_000 }).toBe(before + 1);
    await expect.poll(() => voiceMessages(liu).count(), { timeout: 15_000 }).toBe(before + 1);
    const player = voiceMessages(liu).last().getByTestId('voice-player');
    expect(await player.getByTestId('voice-duration').innerText()).toMatch(/^0:0[2-3]$/);

    // Elder mode: the play button is a 60 px target, the text at least 18 px, nothing wider than the screen.
    const play = player.getByTestId('voice-play');
    const size = (await play.boundingBox())!;
    expect(Math.min(size.width, size.height)).toBeGreaterThanOrEqual(60);
    expect(parseFloat(await player.getByTestId('voice-duration').evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(18);
    expect(await liu.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await play.tap();
    expect(await plays(player)).toBe(true);
    await expect.poll(() => play.getAttribute('aria-pressed')).toBe('true');
    await liu.screenshot({ path: namedShot('voice-02-phone-elder-playing') });
  });

  it('sliding up cancels; a desktop clicks to start and clicks to stop', async () => {
    const before = await voiceMessages(chen).count();
    await hold(chen.getByTestId('voice-record'), 1500, { slideUp: 120 });
    await expect.poll(() => chen.getByTestId('voice-message').innerText()).toBe('已取消录音');
    expect(await voiceMessages(chen).count()).toBe(before);

    const zhao = await stage.member(DEMO_PHONES.zhao);
    await open(zhao, '邻里闲聊');
    const button = zhao.getByTestId('voice-record');
    await button.click();
    await zhao.getByTestId('voice-countdown').waitFor();
    await zhao.waitForTimeout(1500);
    await zhao.screenshot({ path: namedShot('voice-03-desktop-recording') });
    await button.click();
    await expect.poll(() => voiceMessages(zhao).count(), { timeout: 15_000 }).toBe(before + 1);
    await expect.poll(() => voiceMessages(chen).count(), { timeout: 15_000 }).toBe(before + 1);
    const player = voiceMessages(zhao).last().getByTestId('voice-player');
    await player.getByTestId('voice-play').click();
    expect(await plays(player)).toBe(true);
  });

  it('a problem report with a spoken description, on the phone in elder mode', async () => {
    // On a phone the open chat fills the screen: back to the page, then 问题 in the tab bar.
    await liu.goto(liu.url().replace(/\/c\/([a-f0-9]{24}).*/, '/c/$1'));
    await openEntry(liu, 'issues-tab');
    await liu.getByTestId('issue-file-button').click();
    await liu.getByTestId('issue-title-input').fill('单元门禁坏了');
    await liu.getByTestId('issue-category-select').selectOption({ label: '维修报修' });
    // Hold to talk: the recording is kept in the form and can be heard back before filing.
    await hold(liu.getByTestId('issue-voice-record'), 2000);
    await liu.getByTestId('issue-voice-draft').waitFor({ timeout: 15_000 });
    await liu.screenshot({ path: namedShot('voice-04-phone-elder-issue-form') });
    await liu.getByTestId('issue-submit').click();
    const spoken = liu.getByTestId('issue-voice');
    await spoken.waitFor({ timeout: 15_000 });
    expect(await liu.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await spoken.getByTestId('voice-play').tap();
    expect(await plays(spoken)).toBe(true);
    await liu.screenshot({ path: namedShot('voice-05-phone-elder-issue-page') });
  });

  it('refuses wrong types and oversize uploads from the page', async () => {
    const communityId = await chen.evaluate(() => location.pathname.match(/\/c\/([a-f0-9]{24})/)?.[1] ?? '');
    expect(communityId).toMatch(/^[a-f0-9]{24}$/);
    const answers = await chen.evaluate(async (id) => {
      const send = async (bytes: Uint8Array<ArrayBuffer>, type: string, name: string) => {
        const form = new FormData();
        form.append('voice', new Blob([bytes], { type }), name);
        const res = await fetch(`/api/voice?communityId=${id}`, { method: 'POST', body: form });
        const json = (await res.json()) as { error?: { issues?: { message: string }[] } };
        return [res.status, json.error?.issues?.[0]?.message];
      };
      const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
      return {
        png: await send(png, 'audio/webm', 'voice.webm'),
        text: await send(new TextEncoder().encode('just text renamed to voice.webm'), 'audio/webm', 'voice.webm'),
        big: await send(new Uint8Array(1024 * 1024 + 10).fill(7), 'audio/webm', 'voice.webm'),
      };
    }, communityId);
    expect(answers).toEqual({ png: [400, 'wrong_type'], text: [400, 'wrong_type'], big: [400, 'too_large'] });
    expect(stage.pageErrors).toEqual([]);
  });
});
