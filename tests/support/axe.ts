/**
 * Accessibility checks for the e2e tier: an axe-core scan (WCAG 2.1 A and AA rules) of the page as
 * it stands, written to test-results/a11y/<name>.json, and the measures axe does not take — no
 * horizontal scrolling, and in elder mode the size of text and of the controls one taps.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './server-process.js';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const a11yDir = path.join(repoRoot, 'test-results', 'a11y');

export const WCAG21AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/** Runs axe-core on the page (injected once per document) and returns its violations; the whole result goes to `<name>.json`. */
export async function axeScan(page: Page, name: string): Promise<AxeViolation[]> {
  const injected = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy (script-src 'self') refuses an inline <script>.
  if (!injected) await page.evaluate(axeSource);
  const result = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<Record<string, unknown>> } }).axe;
    const run = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    const violations = (run.violations as AxeViolation[]).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 300), failureSummary: n.failureSummary })),
    }));
    return { url: location.href, timestamp: run.timestamp, violations, passes: (run.passes as unknown[]).length, incomplete: (run.incomplete as unknown[]).length };
  }, [...WCAG21AA]);
  mkdirSync(a11yDir, { recursive: true });
  writeFileSync(path.join(a11yDir, `${name}.json`), JSON.stringify(result, null, 2));
  return result.violations;
}

/** One line per violating node, to read in a failed assertion. */
export const describeViolations = (violations: AxeViolation[]): string[] =>
  violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')} ${n.html.slice(0, 140)}`));

/** How far the page scrolls sideways: scrollWidth minus the viewport's width (0 or less: no horizontal scroll). */
export const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);

/** The elements wider than the viewport's right edge (to say what overflows). */
export const overflowingElements = (page: Page) =>
  page.evaluate(() => {
    const width = window.innerWidth;
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const rect = el.getBoundingClientRect();
      if (rect.right > width + 1 && rect.width > 0) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}[${el.dataset.testid ?? ''}] right=${Math.round(rect.right)}`);
      if (out.length > 12) break;
    }
    return out;
  });

/** The minimum sizes of elder mode (issue 11: >= 18 px text, >= 60 px targets). */
export const ELDER_MIN_FONT_PX = 18;
export const ELDER_MIN_TARGET_PX = 60;

/**
 * Elder-mode measures of what is shown. Definitions:
 * - text: every visible element with its own non-blank text node (not inside svg/canvas, aria-hidden, or a
 *   visually hidden .sr-only region) must have a computed font-size >= 18 px.
 * - controls: visible button, select, textarea, input (not hidden/checkbox/radio: those count through their
 *   <label>, which is then the target), summary, [role=button|tab|link|menuitem|option|checkbox|radio] and
 *   a[href] that is not inside running text, must be >= 60 px tall. A link inside running text is one whose
 *   computed display is inline and whose closest block container holds more text than the link
 *   (WCAG 2.5.5's "inline" exception). Disabled controls count too (they still are tapped).
 * Returns the elements that fail, described.
 */
export const elderMeasures = (page: Page) =>
  page.evaluate(
    ({ minFont, minTarget }) => {
      const describe = (el: Element) => {
        const h = el as HTMLElement;
        const text = (h.innerText ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
        const cls = [...el.classList].slice(0, 3).join('.');
        return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${h.dataset?.testid ? `[${h.dataset.testid}]` : ''} "${text}"`;
      };
      const hidden = (el: Element): boolean => {
        if (el.closest('svg, canvas, [aria-hidden="true"], .sr-only, .visually-hidden, [hidden]')) return true;
        const rect = el.getBoundingClientRect();
        if (rect.width <= 1 || rect.height <= 1) return true;
        const style = getComputedStyle(el);
        return style.visibility === 'hidden' || style.display === 'none' || style.opacity === '0';
      };
      const smallText: string[] = [];
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION'].includes(el.tagName)) continue;
        const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
        if (!ownText || hidden(el)) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < minFont - 0.01) smallText.push(`${describe(el)} ${size}px`);
      }
      const controlSelector = [
        'button',
        'select',
        'textarea',
        'input:not([type=hidden]):not([type=checkbox]):not([type=radio])',
        'label:has(> input[type=checkbox]), label:has(> input[type=radio])',
        'summary',
        'a[href]',
        '[role=button]',
        '[role=tab]',
        '[role=link]',
        '[role=menuitem]',
        '[role=option]',
        '[role=checkbox]',
        '[role=radio]',
      ].join(',');
      const inRunningText = (el: Element) => {
        if (getComputedStyle(el).display !== 'inline') return false;
        let block: Element | null = el.parentElement;
        while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
        const blockText = ((block as HTMLElement | null)?.innerText ?? '').trim().length;
        return blockText > ((el as HTMLElement).innerText ?? '').trim().length + 1;
      };
      const smallTargets: string[] = [];
      for (const el of Array.from(document.body.querySelectorAll(controlSelector))) {
        if (hidden(el)) continue;
        if ((el.tagName === 'A' || el.getAttribute('role') === 'link') && inRunningText(el)) continue;
        const height = el.getBoundingClientRect().height;
        if (height < minTarget - 0.5) smallTargets.push(`${describe(el)} ${Math.round(height)}px`);
      }
      return { smallText, smallTargets };
    },
    { minFont: ELDER_MIN_FONT_PX, minTarget: ELDER_MIN_TARGET_PX },
  );
