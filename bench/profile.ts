/** Summarises a V8 .cpuprofile: self time per function, and time per package/file group. */
import { readFileSync } from 'node:fs';
import { fmt } from './stats.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  const u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = u.slice(nm + 'node_modules/'.length).split('/');
    const pkg = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    return `${pkg}/${rest.at(-1)}`;
  }
  const i = u.indexOf('/server/src/');
  if (i >= 0) return u.slice(i + 1);
  return u.startsWith('node:') ? u : u.split('/').slice(-2).join('/') || '(native)';
}

function group(url: string, name: string): string {
  const u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = u.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (u.includes('/server/src/')) return 'linli server/src';
  if (u.startsWith('node:')) return 'node core (js)';
  if (!u) return name === '(garbage collector)' ? '(garbage collector)' : name === '(idle)' ? '(idle)' : name === '(program)' ? '(program)' : '(native/other)';
  return 'other js';
}

export function topHotspots(file: string, n: number): string[] {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((x) => [x.id, x]));
  const self = new Map<number, number>();
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const fn = new Map<string, number>();
  const groups = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    busy += us;
    const key = `${functionName || '(anonymous)'}  ${where(url)}${url ? `:${lineNumber + 1}` : ''}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const g = group(url, functionName);
    groups.set(g, (groups.get(g) ?? 0) + us);
  }
  const pct = (us: number) => `${fmt((us / busy) * 100, 1).padStart(5)}%`;
  const out = [`busy (non-idle) samples: ${fmt(busy / 1e6, 1)} s`, 'by package:'];
  for (const [g, us] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 12)) out.push(`  ${pct(us)}  ${g}`);
  out.push('top functions (self time):');
  for (const [k, us] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, n)) out.push(`  ${pct(us)}  ${k}`);
  return out;
}
