/** Child processes of the bench: start, measure through /proc, and always clean up. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const TICK_US = 1_000_000 / 100; // CLK_TCK is 100 on Linux x86-64/arm64
const live = new Set<ChildProcess>();

/** Kills every child this bench started, by pid (never by name). */
export function killAll(): void {
  for (const c of live) {
    if (c.exitCode === null && c.signalCode === null && c.pid) {
      try {
        process.kill(c.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  live.clear();
}

function track(c: ChildProcess): ChildProcess {
  live.add(c);
  c.once('exit', () => live.delete(c));
  return c;
}

export interface ServerProc {
  child: ChildProcess;
  port: number;
  /** Every server-side pid whose CPU counts: node, and FerretDB for Linli. */
  pids: number[];
  ferretPid: number | null;
}

/** Starts a TypeScript entry as a server and waits for its `BENCH_READY {json}` line. */
export async function startServer(entry: string, env: Record<string, string>, logFile: string, nodeArgs: string[] = []): Promise<ServerProc> {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const child = track(
    spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
      env: { ...process.env, ...env },
      // stdin stays a pipe: if the bench dies, the server's FerretDB sees EOF too.
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  child.stderr!.pipe(log);
  const ready = await new Promise<{ port: number; ferretPid?: number | null }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} not ready within 90 s (see ${logFile})`)), 90_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('BENCH_READY ')) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('BENCH_READY '.length)) as { port: number });
      } else log.write(line + '\n');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before ready (see ${logFile})`));
    });
  });
  const ferretPid = ready.ferretPid ?? null;
  return { child, port: ready.port, pids: [child.pid!, ...(ferretPid ? [ferretPid] : [])], ferretPid };
}

/** Asks a server to stop (SIGTERM, so --cpu-prof is written), then kills it after a grace period. */
export async function stopProcess(child: ChildProcess, graceMs = 8000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      try {
        child.kill('SIGKILL');
      } catch {
        // gone
      }
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function forkDriver(entry: string): ChildProcess {
  return track(fork(entry, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
}

export interface ProcSample {
  /** user + system CPU, microseconds. */
  cpuUs: number;
  rssBytes: number;
}

export function sample(pid: number): ProcSample {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" of the command name: state is field 3; utime 14, stime 15, rss 24 (pages).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuUs = (Number(f[11]) + Number(f[12])) * TICK_US;
    const rssBytes = Number(f[21]) * 4096;
    return { cpuUs, rssBytes };
  } catch {
    return { cpuUs: 0, rssBytes: 0 };
  }
}

/** Busy CPU of the whole machine, microseconds (all cores). */
export function machineBusyUs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const busy = v[0]! + v[1]! + v[2]! + v[5]! + v[6]! + v[7]!;
  return busy * TICK_US;
}

/** Waits until the given processes together use less than `pct`% of a core over 500 ms, bounded by maxMs. */
export async function waitQuiet(pids: number[], pct = 5, maxMs = 60_000): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const a = pids.reduce((n, p) => n + sample(p).cpuUs, 0);
    await new Promise((r) => setTimeout(r, 500));
    const b = pids.reduce((n, p) => n + sample(p).cpuUs, 0);
    const used = ((b - a) / 500_000) * 100;
    if (used < pct || Date.now() - t0 > maxMs) return Date.now() - t0;
  }
}
