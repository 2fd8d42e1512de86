import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from './server-process.js';

export const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');

/** Debian's Chromium, headless, with its background networking off (closed network); `extraArgs` add flags (a fake microphone). */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
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
      ...extraArgs,
    ],
  });
}

export const shot = (name: string) => path.join(screenshotDir, `${name}.png`);

/** Screenshots a feature's tests name themselves (`test-results/screenshots/<name>.png`), kept apart from the numbered ones. */
export const screenshotsDir = path.join(repoRoot, 'test-results', 'screenshots');
export const namedShot = (name: string) => {
  mkdirSync(screenshotsDir, { recursive: true });
  return path.join(screenshotsDir, `${name}.png`);
};
