/**
 * The index's arithmetic, written once for the server, the screen and the tests:
 * months in Asia/Shanghai time, component scores, the weighted total and the
 * "not enough data" rule. Every function here is pure.
 */
import { INDEX_MIN_EVENTS, indexComponentKeys, type IndexComponent, type IndexComponentKey, type IndexDifference, type IndexFigures, type IndexWeights } from './types.js';

/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month's first instant and the next month's first instant, [from, to), for 'YYYY-MM' in Shanghai time. */
export function monthRange(month: string): { from: Date; to: Date } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(year, mon - 1, 1) - SHANGHAI_OFFSET_MS), to: new Date(Date.UTC(year, mon, 1) - SHANGHAI_OFFSET_MS) };
}

/** The month (Shanghai time) an instant falls in. */
export function monthOf(at: Date): string {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month `delta` months after `month` (negative: before). */
export function addMonths(month: string, delta: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** numerator / denominator * 100, rounded half up to one decimal (exact: integer arithmetic); null without a denominator. */
export function score(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.floor((2000 * numerator + denominator) / (2 * denominator)) / 10;
}

/** Rounded half up to one decimal. */
export function roundTenth(value: number): number {
  // Scaled with a tolerance so 12.25 (stored as 12.2499999...) still rounds up.
  return Math.floor(value * 10 + 0.5 + 1e-9) / 10;
}

export const component = (key: IndexComponentKey, numerator: number, denominator: number): IndexComponent => ({ key, numerator, denominator, value: score(numerator, denominator) });

/** Weighted mean over the components with data and a positive weight, one decimal; null when none. */
export function weightedTotal(components: readonly IndexComponent[], weights: IndexWeights): number | null {
  let sum = 0;
  let weight = 0;
  for (const part of components) {
    const w = weights[part.key] ?? 0;
    if (part.value === null || w <= 0) continue;
    sum += w * part.value;
    weight += w;
  }
  return weight === 0 ? null : roundTenth(sum / weight);
}

/** The lowest-scoring component with data (ties: the first in display order). */
export function weakestOf(components: readonly IndexComponent[]): IndexComponentKey | null {
  let weakest: IndexComponent | null = null;
  for (const key of indexComponentKeys) {
    const part = components.find((c) => c.key === key);
    if (!part || part.value === null) continue;
    if (!weakest || part.value < weakest.value!) weakest = part;
  }
  return weakest?.key ?? null;
}

/** Total, "enough data" and weakest from the components (events: what the month holds). */
export function finish(parts: Omit<IndexFigures, 'total' | 'enoughData' | 'weakest'>): IndexFigures {
  const total = weightedTotal(parts.components, parts.weights);
  const enoughData = parts.events >= INDEX_MIN_EVENTS && total !== null;
  return { ...parts, total: enoughData ? total : null, enoughData, weakest: enoughData ? weakestOf(parts.components) : null };
}

/** Ranks by total, highest first; equal totals share a rank (1, 2, 2, 4); rows without enough data get null. */
export function rankOf<Row extends { figures: { total: number | null; enoughData: boolean } }>(rows: readonly Row[]): (Row & { rank: number | null })[] {
  const ranked = rows.filter((row) => row.figures.enoughData && row.figures.total !== null).sort((a, b) => b.figures.total! - a.figures.total!);
  const ranks = new Map<Row, number>();
  ranked.forEach((row, index) => ranks.set(row, index > 0 && ranked[index - 1]!.figures.total === row.figures.total ? ranks.get(ranked[index - 1]!)! : index + 1));
  return [...ranked, ...rows.filter((row) => !ranks.has(row))].map((row) => ({ ...row, rank: ranks.get(row) ?? null }));
}

/** Where the live figures differ from the published ones (each component's score and the total). */
export function differencesOf(published: IndexFigures, live: IndexFigures): IndexDifference[] {
  const out: IndexDifference[] = [];
  for (const key of indexComponentKeys) {
    const a = published.components.find((c) => c.key === key);
    const b = live.components.find((c) => c.key === key);
    if ((a?.value ?? null) !== (b?.value ?? null) || a?.numerator !== b?.numerator || a?.denominator !== b?.denominator) out.push({ key, published: a?.value ?? null, live: b?.value ?? null });
  }
  if (published.total !== live.total) out.push({ key: 'total', published: published.total, live: live.total });
  return out;
}
