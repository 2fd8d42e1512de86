/** Latency histogram with ~2% relative precision, cheap to fill and to merge across workers. */
const MIN_MS = 0.01;
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
export const HIST_BUCKETS = 1000; // 0.01 ms .. ~4e6 ms

export function newHist(): number[] {
  return new Array<number>(HIST_BUCKETS).fill(0);
}

export function histAdd(h: number[], ms: number): void {
  const i = ms <= MIN_MS ? 0 : Math.min(HIST_BUCKETS - 1, Math.floor(Math.log(ms / MIN_MS) / LOG_GROWTH));
  h[i] = (h[i] ?? 0) + 1;
}

export function histMerge(into: number[], from: number[]): void {
  for (let i = 0; i < HIST_BUCKETS; i++) into[i] = (into[i] ?? 0) + (from[i] ?? 0);
}

/** The q-quantile (0..1) in ms, or NaN for an empty histogram. */
export function histQuantile(h: number[], q: number): number {
  const total = h.reduce((a, b) => a + b, 0);
  if (total === 0) return NaN;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < h.length; i++) {
    seen += h[i] ?? 0;
    if (seen >= rank) return MIN_MS * GROWTH ** (i + 0.5);
  }
  return Infinity;
}

export function median(xs: number[]): number {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

export function spread(xs: number[]): [number, number] {
  const v = xs.filter((x) => Number.isFinite(x));
  return v.length ? [Math.min(...v), Math.max(...v)] : [NaN, NaN];
}

/** Right-aligned text table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : x === Infinity ? 'inf' : '-');
export const fmtInt = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-');
