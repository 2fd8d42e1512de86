/**
 * The e2e tier's stage: the built app with the demo community seeded, one Chromium, and
 * demo members logged in through the UI, each in their own browser context. Page errors
 * are collected so a test can assert there were none.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { launchChromium } from './browser.js';

/** Demo logins (server/src/seed/demo.ts). */
export const DEMO_PHONES = { zhang: '13800000000', li: '13800000001', wang: '13800000002', chen: '13800000003', liu: '13800000004', zhao: '13800000005' } as const;
export const DEMO_COMMUNITY = '桃源社区';
export const DEMO_PROPERTY = '桃源物业服务中心';

export interface MemberOptions {
  viewport?: { width: number; height: number };
  /** Switch elder mode on before entering the community. */
  elder?: boolean;
  /** Cookies of an earlier login (a second code for one phone within a minute is refused). */
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>;
  /** Called on the new context before the first page opens. */
  prepare?: (context: BrowserContext, url: string) => Promise<void>;
}

export interface DemoBrowsers {
  readonly server: ServerProcess;
  readonly pageErrors: string[];
  /** A demo member in the demo community (channel list shown), logged in through the UI unless a session is given. */
  member(phone: string, opts?: MemberOptions): Promise<Page>;
}

/** Chromium flags for a fake microphone: its capture device plays a beep, the permission prompt accepts itself. */
export const FAKE_MICROPHONE = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/**
 * Registers beforeAll/afterAll for a test file: the app, Chromium, and every context closed at the end.
 * `microphone`: Chromium with a fake microphone and the permission granted (voice messages).
 */
export function useDemoBrowsers(stage: { microphone?: boolean } = {}): DemoBrowsers {
  const microphone = stage.microphone === true;
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServerProcess({ SEED_DEMO: 'true' });
    browser = await launchChromium(microphone ? FAKE_MICROPHONE : []);
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
    async member(phone, opts = {}) {
      const viewport = opts.viewport ?? { width: 1280, height: 900 };
      const context = await browser!.newContext({
        viewport,
        locale: 'zh-CN',
        storageState: opts.storageState,
        ...(microphone ? { permissions: ['microphone'] } : {}),
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
