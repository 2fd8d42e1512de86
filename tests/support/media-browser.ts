/**
 * The demo stage (as demo-browsers.ts) with a Chromium that has a fake microphone: its
 * fake capture device plays a beep into getUserMedia and the permission prompt is
 * accepted by itself (--use-fake-device-for-media-stream --use-fake-ui-for-media-stream).
 * For voice messages' e2e; every other flag as browser.ts launches it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { screenshotDir } from './browser.js';
import { DEMO_COMMUNITY, type DemoBrowsers, type MemberOptions } from './demo-browsers.js';

/** Debian's Chromium, headless, closed network, with a fake microphone. */
export async function launchChromiumWithMicrophone(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath} (apt-get install chromium fonts-noto-cjk)`);
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
}

/** useDemoBrowsers() with the microphone: the app with the demo community, demo members logged in through the UI. */
export function useMediaBrowsers(): DemoBrowsers {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServerProcess({ SEED_DEMO: 'true' });
    browser = await launchChromiumWithMicrophone();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  return {
    get server() {
      return server!;
    },
    pageErrors,
    async member(phone: string, opts: MemberOptions = {}): Promise<Page> {
      const viewport = opts.viewport ?? { width: 1280, height: 900 };
      const context = await browser!.newContext({
        viewport,
        locale: 'zh-CN',
        storageState: opts.storageState,
        permissions: ['microphone'],
        ...(viewport.width < 500 ? { isMobile: true, hasTouch: true } : {}),
      });
      await opts.prepare?.(context, server!.url);
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(`${phone}: ${e.message}`));
      await page.goto(server!.url);
      if (!opts.storageState) {
        await page.getByTestId('phone-input').fill(phone);
        await page.getByTestId('request-code-button').click();
        await page.getByTestId('code-input').fill(await server!.codeFor(phone));
        await page.getByTestId('verify-button').click();
      }
      if (opts.elder) await page.getByTestId('elder-toggle').click();
      await page.getByTestId('community-item').filter({ hasText: DEMO_COMMUNITY }).click();
      await page.getByTestId('channel-list').waitFor();
      return page;
    },
  };
}
