/**
 * `npm run bench`: bare socket.io vs Linli's chat path, interleaved A/B with
 * the same light load driver. See bench/README.md for the method.
 *
 * Environment (all optional):
 *   BENCH_SCENARIOS     big,small,memory,twonode,history,polls   which parts to run (BENCH_ONLY=<list> is the same)
 *   BENCH_PAIRS_BIG     2                  raw/Linli pairs in the big channel
 *   BENCH_PAIRS_SMALL   1                  pairs in the small channels
 *   BENCH_CONNECT_BUDGET_S 60              max seconds a Linli run spends connecting its sockets
 *   BENCH_SAT_P99_MS    200                p99 bound of the raw saturation ramp (100 on a quiet machine)
 *   BENCH_WARM_MS       3000               warm-up before each measured window
 *   BENCH_MEASURE_MS    10000              measured window per load point
 *   BENCH_WORKERS       2                  load-driver processes
 *   BENCH_BODY_BYTES    64                 message body length
 *   BENCH_SATURATION_BIG / _SMALL          skip the ramp and use this raw saturation (deliveries/s)
 *   BENCH_PROFILE       0                  1: one extra Linli run under --cpu-prof, top hotspots
 *   BENCH_PROFILE_SCENARIO big             which scenario that run uses (big or small)
 *   BENCH_REDIS         0                  1: also one Linli run with the Redis adapter (needs redis-server)
 *   BENCH_TWONODE_PAIRS 3                  one-node/two-node pairs of bench/two-node.ts (also BENCH_TWONODE_MESSAGES, _MS, _WARM_MS, _OBSERVERS)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { ClientSpec, ConnectResult, DriverCommand, LoadResult, Phase, ServerKind } from './driver.js';
import type { Fixture } from './fixtures.js';
import { LAYOUTS } from './fixtures.js';
import { forkDriver, killAll, machineBusyUs, sample, startServer, stopProcess, waitQuiet, type ServerProc } from './procs.js';
import { fmt, fmtInt, histMerge, histQuantile, median, newHist, spread, table } from './stats.js';
import { topHotspots } from './profile.js';
import { runHistoryBench } from './history.js';
import { runTwoNode } from './two-node.js';
import { runPollBench } from './polls.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const work = path.join(here, '.data');
const env = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
const SCENARIOS = (process.env.BENCH_ONLY ?? process.env.BENCH_SCENARIOS ?? 'big,small,memory,twonode,history,polls').split(',').map((s) => s.trim());
const PAIRS_BIG = env('BENCH_PAIRS_BIG', 2);
const PAIRS_SMALL = env('BENCH_PAIRS_SMALL', 1);
const WARM_MS = env('BENCH_WARM_MS', 3000);
const MEASURE_MS = env('BENCH_MEASURE_MS', 10_000);
const WORKERS = env('BENCH_WORKERS', 2);
const BODY = env('BENCH_BODY_BYTES', 64);
const PROFILE = process.env.BENCH_PROFILE === '1';
/** Linli connects are bounded: past this, the run goes on with the sockets that joined (and says so). */
const CONNECT_BUDGET_MS = env('BENCH_CONNECT_BUDGET_S', 60) * 1000;
const REDIS = process.env.BENCH_REDIS === '1';
const SAT_P99_MS = env('BENCH_SAT_P99_MS', 200);
/** Handshakes in flight per driver for Linli; more only queues in the database and makes every join late. */
const LINLI_CONNECT_CONCURRENCY = env('BENCH_LINLI_CONNECT_CONCURRENCY', 8);
/** message:send allows sendBurst per sendWindowSeconds per user; stay below it with margin. */
const SEND_PER_USER_PER_S = 0.8;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (s: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

// ---------- cleanup on every exit path ----------
let redisProc: ChildProcess | null = null;
const cleanup = () => {
  killAll();
  if (redisProc?.pid && redisProc.exitCode === null) redisProc.kill('SIGKILL');
};
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}
// Bounded: the whole bench gives up after 45 minutes.
setTimeout(() => {
  say('bench exceeded 45 minutes; aborting');
  cleanup();
  process.exit(3);
}, 45 * 60_000).unref();

// ---------- scenario plumbing ----------
interface Scenario {
  key: 'big' | 'small';
  title: string;
  db: string;
  fanout: number;
  pairs: number;
  /** First step of the raw saturation ramp, deliveries/s. */
  rampStart: number;
}

const scenarios: Scenario[] = [
  { key: 'big', title: 'Big channel: 1 channel x 2,000 members', db: LAYOUTS.big.db, fanout: LAYOUTS.big.membersPerCommunity, pairs: PAIRS_BIG, rampStart: 10_000 },
  { key: 'small', title: 'Small channels: 200 channels x 10 members', db: LAYOUTS.small.db, fanout: LAYOUTS.small.membersPerCommunity, pairs: PAIRS_SMALL, rampStart: 5_000 },
];

let template = '';
const fixtures = new Map<string, Fixture>();
let runCounter = 0;

function fixtureFor(db: string): Fixture {
  let f = fixtures.get(db);
  if (!f) {
    f = JSON.parse(readFileSync(path.join(template, `fixtures-${db}.json`), 'utf8')) as Fixture;
    fixtures.set(db, f);
  }
  return f;
}

/**
 * Client specs channel by channel: if a connect budget runs out, the channels
 * that did fill are whole. Drivers send round-robin across channels.
 */
function specsFor(db: string, kind: ServerKind): ClientSpec[] {
  const f = fixtureFor(db);
  const perChannel = f.users.length / f.channels.length;
  return f.users.map((u, i) => {
    const channelId = f.channels[u.channel]!.channelId;
    const member = i % perChannel;
    return kind === 'raw' ? { channel: u.channel, member, channelId } : { channel: u.channel, member, channelId, cookie: `linli.sid=${u.token}`, userId: u.userId };
  });
}

interface Running {
  kind: ServerKind;
  server: ServerProc;
  drivers: ChildProcess[];
  dataDir: string | null;
  connect: { ok: number; failed: number; skipped: number; wanted: number; ms: number; rate: number; firstError: string | null; presenceFrames: number; perChannel: Record<number, number> };
  rssBefore: number;
  rssAfter: number;
  ferretRssAfter: number;
  quietMs: number;
}

function ask<T>(child: ChildProcess, cmd: DriverCommand, expect: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMsg);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`driver ${child.pid} did not answer ${cmd.type} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMsg = (m: { type: string; message?: string }) => {
      if (m.type === expect || m.type === 'error') {
        done();
        if (m.type === 'error') reject(new Error(`driver error: ${m.message}`));
        else resolve(m as T);
      }
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`driver exited (${code})`));
    };
    child.on('message', onMsg);
    child.on('exit', onExit);
    child.send(cmd);
  });
}

async function boot(kind: ServerKind, db: string, clients: ClientSpec[], label: string, opts: { profileDir?: string; redisUrl?: string } = {}): Promise<Running> {
  const n = ++runCounter;
  let dataDir: string | null = null;
  let server: ServerProc;
  if (kind === 'raw') {
    server = await startServer(path.join(here, 'raw-server.ts'), {}, path.join(work, 'logs', `${n}-${label}.log`));
  } else {
    // A fresh copy of the seeded database per run: every run starts from the same state.
    dataDir = path.join(work, `run-${n}`);
    rmSync(dataDir, { recursive: true, force: true });
    cpSync(template, dataDir, { recursive: true });
    server = await startServer(
      path.join(here, 'linli-server.ts'),
      { BENCH_DATA_DIR: dataDir, BENCH_DB: db, ...(opts.redisUrl ? { BENCH_REDIS_URL: opts.redisUrl } : {}) },
      path.join(work, 'logs', `${n}-${label}.log`),
      opts.profileDir ? ['--cpu-prof', '--cpu-prof-dir', opts.profileDir] : [],
    );
  }
  await sleep(300);
  const rssBefore = sample(server.child.pid!).rssBytes;
  const drivers = Array.from({ length: WORKERS }, () => forkDriver(path.join(here, 'driver.ts')));
  const url = `http://127.0.0.1:${server.port}`;
  const shares = drivers.map((_, w) => clients.filter((_, i) => i % WORKERS === w));
  const budgetMs = kind === 'linli' ? CONNECT_BUDGET_MS : 120_000;
  const results = await Promise.all(
    drivers.map((d, w) =>
      ask<ConnectResult>(d, { type: 'connect', url, kind, clients: shares[w]!, concurrency: kind === 'linli' ? LINLI_CONNECT_CONCURRENCY : 100, timeoutMs: 60_000, budgetMs }, 'connected', budgetMs + 120_000),
    ),
  );
  const ms = Math.max(...results.map((r) => r.ms));
  const ok = results.reduce((a, r) => a + r.ok, 0);
  const perChannel: Record<number, number> = {};
  for (const r of results) for (const [c, k] of Object.entries(r.perChannel)) perChannel[Number(c)] = (perChannel[Number(c)] ?? 0) + k;
  const connect = {
    ok,
    failed: results.reduce((a, r) => a + r.failed, 0),
    skipped: results.reduce((a, r) => a + r.skipped, 0),
    wanted: clients.length,
    ms,
    rate: ok / (ms / 1000),
    firstError: results.find((r) => r.firstError)?.firstError ?? null,
    presenceFrames: results.reduce((a, r) => a + r.presenceFrames, 0),
    perChannel,
  };
  const quietMs = await waitQuiet(server.pids, 5, 30_000);
  await sleep(1000);
  return {
    kind,
    server,
    drivers,
    dataDir,
    connect,
    rssBefore,
    rssAfter: sample(server.child.pid!).rssBytes,
    ferretRssAfter: server.ferretPid ? sample(server.ferretPid).rssBytes : 0,
    quietMs,
  };
}

async function shutdown(r: Running): Promise<void> {
  for (const d of r.drivers) {
    try {
      d.send({ type: 'close' } satisfies DriverCommand);
    } catch {
      // gone
    }
  }
  await Promise.all(r.drivers.map((d) => stopProcess(d, 3000)));
  await stopProcess(r.server.child, 10_000);
  if (r.dataDir) rmSync(r.dataDir, { recursive: true, force: true });
}

// ---------- load ----------
interface PointResult {
  offered: number;
  sentMsgs: number;
  expected: number;
  received: number;
  lost: number;
  deliveriesPerSec: number;
  p50: number;
  p99: number;
  ackP50: number;
  ackP99: number;
  ackErrors: Record<string, number>;
  serverCpuUs: number;
  dbCpuUs: number;
  cpuPerDeliveryUs: number;
  serverCpuPct: number;
  dbCpuPct: number;
  driverCpuPct: number;
  otherCpuPct: number;
}

/** Runs consecutive load points (deliveries/s) with a warm-up before each, measuring each window. */
async function drive(r: Running, sc: Scenario, points: number[], warmMs: number, measureMs: number, tag: string): Promise<{ results: PointResult[]; load: LoadResult[] }> {
  const phases: Phase[] = [];
  let t = now() + 500;
  // message:send allows 10 sends per 10 s per user: never offer more than the connected senders may send.
  const maxMsgs = r.connect.ok * SEND_PER_USER_PER_S;
  points.forEach((deliveries, i) => {
    const rate = Math.min(deliveries / sc.fanout, maxMsgs) / WORKERS;
    phases.push({ id: 2 * i + 1, start: t, end: t + warmMs, rate });
    t += warmMs;
    phases.push({ id: 2 * i + 2, start: t, end: t + measureMs, rate });
    t += measureMs;
  });
  const measured = phases.filter((p) => p.id % 2 === 0);
  const driverPids = r.drivers.map((d) => d.pid!);
  const marks = new Map<number, { server: number[]; drivers: number[]; machine: number }>();
  const mark = () => ({ server: r.server.pids.map((p) => sample(p).cpuUs), drivers: driverPids.map((p) => sample(p).cpuUs), machine: machineBusyUs() });
  const timers = measured.flatMap((p) => [
    setTimeout(() => marks.set(p.start, mark()), p.start - now()),
    setTimeout(() => marks.set(p.end, mark()), p.end - now()),
  ]);
  const load = await Promise.all(
    r.drivers.map((d) =>
      ask<LoadResult>(d, { type: 'load', runTag: tag, phases, bodyLen: BODY, drainMs: 2000, maxDrainMs: 10_000 }, 'loaded', t - now() + 60_000),
    ),
  );
  timers.forEach(clearTimeout);
  const members = (c: number) => r.connect.perChannel[c] ?? 0;
  const results = measured.map((p, i): PointResult => {
    const stats = load.map((l) => l.phases.find((s) => s.id === p.id)!);
    const hist = newHist();
    const ackHist = newHist();
    const ackErrors: Record<string, number> = {};
    let sentMsgs = 0;
    let expected = 0;
    let received = 0;
    let acksOk = 0;
    for (const s of stats) {
      histMerge(hist, s.hist);
      histMerge(ackHist, s.ackHist);
      sentMsgs += s.sent;
      received += s.received;
      acksOk += s.acksOk;
      for (const [c, k] of Object.entries(s.sentByChannel)) expected += k * members(Number(c));
      for (const [code, k] of Object.entries(s.ackErrors)) ackErrors[code] = (ackErrors[code] ?? 0) + k;
    }
    const unanswered = sentMsgs - acksOk - Object.values(ackErrors).reduce((a, b) => a + b, 0);
    if (unanswered > 0) ackErrors.NO_ACK = unanswered;
    const a = marks.get(p.start);
    const b = marks.get(p.end);
    const secs = (p.end - p.start) / 1000;
    const d = (x: number[] | undefined, y: number[] | undefined, k: number) => (y?.[k] ?? NaN) - (x?.[k] ?? NaN);
    const serverCpuUs = d(a?.server, b?.server, 0) + (r.server.ferretPid ? d(a?.server, b?.server, 1) : 0);
    const dbCpuUs = r.server.ferretPid ? d(a?.server, b?.server, 1) : 0;
    const driverUs = driverPids.map((_, k) => d(a?.drivers, b?.drivers, k));
    const ours = serverCpuUs + driverUs.reduce((x, y) => x + y, 0);
    const machine = (b?.machine ?? NaN) - (a?.machine ?? NaN);
    return {
      offered: Math.min(points[i]!, maxMsgs * sc.fanout),
      sentMsgs,
      expected,
      received,
      lost: Math.max(0, expected - received),
      deliveriesPerSec: received / secs,
      p50: histQuantile(hist, 0.5),
      p99: histQuantile(hist, 0.99),
      ackP50: histQuantile(ackHist, 0.5),
      ackP99: histQuantile(ackHist, 0.99),
      ackErrors,
      serverCpuUs,
      dbCpuUs,
      cpuPerDeliveryUs: serverCpuUs / received,
      serverCpuPct: ((serverCpuUs - dbCpuUs) / (secs * 1e6)) * 100,
      dbCpuPct: (dbCpuUs / (secs * 1e6)) * 100,
      driverCpuPct: (Math.max(...driverUs) / (secs * 1e6)) * 100,
      otherCpuPct: Math.max(0, ((machine - ours) / (secs * 1e6)) * 100),
    };
  });
  return { results, load };
}

const passes = (p: PointResult) => p.p99 <= SAT_P99_MS && p.received >= 0.999 * p.expected && Object.keys(p.ackErrors).length === 0;

/** Raw socket.io saturation: geometric ramp until p99 > SAT_P99_MS or < 99.9% delivered (a failed step is retried once: the machine is shared). */
async function rampRaw(sc: Scenario): Promise<{ saturation: number; steps: PointResult[]; connect: Running['connect'] }> {
  const r = await boot('raw', sc.db, specsFor(sc.db, 'raw'), `${sc.key}-raw-ramp`);
  const steps: PointResult[] = [];
  try {
    let rate = sc.rampStart;
    let best = 0;
    let retried = false;
    for (let i = 0; i < 14; i++) {
      const { results } = await drive(r, sc, [rate], 1500, 3000, `ramp${i}`);
      const p = results[0]!;
      steps.push(p);
      say(`  ramp ${fmtInt(rate)}/s -> ${fmtInt(p.deliveriesPerSec)}/s delivered, p50 ${fmt(p.p50)} p99 ${fmt(p.p99)} ms, lost ${p.lost}, other ${fmt(p.otherCpuPct, 0)}%, server ${fmt(p.serverCpuPct, 0)}%, driver max ${fmt(p.driverCpuPct, 0)}% ${passes(p) ? 'ok' : 'SATURATED'}`);
      if (!passes(p)) {
        if (!retried) {
          retried = true;
          await waitQuiet(r.server.pids, 5, 10_000);
          continue;
        }
        retried = false;
        if (best === 0 && rate > 1000) {
          rate = rate / 2;
          continue;
        }
        break;
      }
      best = rate;
      retried = false;
      rate = Math.round(rate * 1.3);
      await waitQuiet(r.server.pids, 5, 10_000);
    }
    return { saturation: best, steps, connect: r.connect };
  } finally {
    await shutdown(r);
  }
}

interface RunRecord {
  kind: ServerKind;
  pair: number;
  connect: Running['connect'];
  rssAfter: number;
  ferretRss: number;
  points: PointResult[];
  otherEvents: Record<string, number>;
  closedDuringLoad: number;
}

async function measureRun(kind: ServerKind, sc: Scenario, pair: number, points: number[], extra: { profileDir?: string; redisUrl?: string; label?: string } = {}): Promise<RunRecord> {
  const label = `${sc.key}-${extra.label ?? kind}-${pair}`;
  const r = await boot(kind, sc.db, specsFor(sc.db, kind), label, extra);
  try {
    if (r.connect.failed > 0) say(`  ${label}: ${r.connect.failed} clients failed to connect (${r.connect.firstError})`);
    const { results, load } = await drive(r, sc, points, WARM_MS, MEASURE_MS, `p${runCounter}`);
    const otherEvents: Record<string, number> = {};
    for (const l of load) for (const [k, v] of Object.entries(l.otherEvents)) otherEvents[k] = (otherEvents[k] ?? 0) + v;
    const rec: RunRecord = {
      kind,
      pair,
      connect: r.connect,
      rssAfter: r.rssAfter,
      ferretRss: r.ferretRssAfter,
      points: results,
      otherEvents,
      closedDuringLoad: load.reduce((a, l) => a + l.closedDuringLoad, 0),
    };
    say(
      `  ${label}: connect ${fmtInt(r.connect.rate)}/s (${fmt(r.connect.ms / 1000)} s, quiet after ${fmt(r.quietMs / 1000)} s); ` +
        results.map((p) => `${fmtInt(p.offered)}/s: ${fmt(p.cpuPerDeliveryUs, 2)} us/deliv, p99 ${fmt(p.p99)} ms, lost ${p.lost}, driver ${fmt(p.driverCpuPct, 0)}%, other ${fmt(p.otherCpuPct, 0)}%`).join(' | '),
    );
    return rec;
  } finally {
    await shutdown(r);
  }
}

// ---------- report ----------
const mb = (b: number) => b / 1024 / 1024;

function scenarioReport(sc: Scenario, saturation: number, points: number[], runs: RunRecord[]): { lines: string[]; ratios: { cpu: number[]; p99: number[] }[] } {
  const lines: string[] = [];
  lines.push('');
  lines.push(`== ${sc.title} (fan-out ${fmtInt(sc.fanout)} per message) ==`);
  lines.push(`raw socket.io saturation (p99 <= ${SAT_P99_MS} ms, >= 99.9% delivered): ${fmtInt(saturation)} deliveries/s; load points 25% and 50% of it`);
  const ratios: { cpu: number[]; p99: number[] }[] = [];
  points.forEach((offered, i) => {
    lines.push('');
    lines.push(`load ${i === 0 ? '25%' : '50%'} of raw saturation: ${fmtInt(offered)} deliveries/s offered (${fmt(offered / sc.fanout, 1)} messages/s)`);
    const rows = runs.map((r) => {
      const p = r.points[i]!;
      const errs = Object.entries(p.ackErrors).map(([k, v]) => `${k}:${v}`).join(',') || '0';
      return [
        `${r.kind} #${r.pair}`,
        fmtInt(r.connect.ok),
        fmtInt(p.offered / sc.fanout),
        fmtInt(p.deliveriesPerSec),
        fmt(p.cpuPerDeliveryUs, 2),
        fmt(p.serverCpuPct, 0),
        r.kind === 'linli' ? fmt(p.dbCpuPct, 0) : '-',
        fmt(p.p50, 1),
        fmt(p.p99, 1),
        fmt(p.ackP99, 1),
        fmtInt(p.lost),
        errs,
        fmt(p.driverCpuPct, 0),
        fmt(p.otherCpuPct, 0),
      ];
    });
    lines.push(table(['run', 'sockets', 'msgs/s', 'deliv/s', 'cpu us/deliv', 'node cpu%', 'db cpu%', 'p50 ms', 'p99 ms', 'ack p99 ms', 'lost', 'ack errors', 'driver cpu%', 'other cpu%'], rows));
    const cpu: number[] = [];
    const p99: number[] = [];
    const pairs = [...new Set(runs.map((r) => r.pair))];
    for (const k of pairs) {
      const raw = runs.find((r) => r.pair === k && r.kind === 'raw')?.points[i];
      const lin = runs.find((r) => r.pair === k && r.kind === 'linli')?.points[i];
      if (raw && lin) {
        cpu.push(lin.cpuPerDeliveryUs / raw.cpuPerDeliveryUs);
        p99.push(lin.p99 / raw.p99);
      }
    }
    ratios.push({ cpu, p99 });
    const [cl, ch] = spread(cpu);
    const [pl, ph] = spread(p99);
    lines.push(`Linli/raw over ${cpu.length} pairs, median [min..max]: cpu per delivery ${fmt(median(cpu), 2)}x [${fmt(cl, 2)}..${fmt(ch, 2)}], p99 ${fmt(median(p99), 2)}x [${fmt(pl, 2)}..${fmt(ph, 2)}]`);
  });
  const conn = (k: ServerKind) => runs.filter((r) => r.kind === k);
  lines.push('');
  lines.push(
    table(
      ['setup', 'sockets', 'connect+auth+join /s', 'failed', 'node RSS MB', 'FerretDB RSS MB'],
      (['raw', 'linli'] as const).map((k) => {
        const rs = conn(k);
        return [
          k,
          fmtInt(median(rs.map((r) => r.connect.ok))),
          `${fmtInt(median(rs.map((r) => r.connect.rate)))}`,
          fmtInt(rs.reduce((a, r) => a + r.connect.failed, 0)),
          fmt(mb(median(rs.map((r) => r.rssAfter))), 0),
          k === 'linli' ? fmt(mb(median(rs.map((r) => r.ferretRss))), 0) : '-',
        ];
      }),
    ),
  );
  const linliRuns = conn('linli');
  for (const r of runs.filter((x) => x.connect.ok < x.connect.wanted)) {
    lines.push(
      `WARNING: ${r.kind} #${r.pair} joined only ${fmtInt(r.connect.ok)} of ${fmtInt(r.connect.wanted)} sockets within the ${fmt(CONNECT_BUDGET_MS / 1000, 0)} s connect budget ` +
        `(${fmtInt(r.connect.rate)}/s; all ${fmtInt(r.connect.wanted)} would take ~${fmtInt(r.connect.wanted / r.connect.rate)} s); its load ran with the sockets it had, so its fan-out and per-delivery figures are NOT the ${fmtInt(sc.fanout)}-member scenario.`,
    );
  }
  const pres = median(linliRuns.map((r) => r.connect.presenceFrames));
  if (pres > 0) lines.push(`note: while connecting, the Linli clients received ~${fmtInt(pres)} presence:changed frames (arrivals are announced to the whole community in batches of about a second)`);
  const extraEv = linliRuns[0]?.otherEvents ?? {};
  if (Object.keys(extraEv).length) lines.push(`other server events to Linli clients during load (run 1): ${Object.entries(extraEv).map(([k, v]) => `${k} ${fmtInt(v)}`).join(', ')}`);
  return { lines, ratios };
}

// ---------- main ----------
async function memoryRun(kind: ServerKind) {
  const layout = LAYOUTS.memory;
  const r = await boot(kind, layout.db, specsFor(layout.db, kind), `memory-${kind}`);
  try {
    // Below ~1,000 sockets the growth is lost in the heap's own drift.
    const perConn = r.connect.ok >= 1000 ? (r.rssAfter - r.rssBefore) / r.connect.ok : NaN;
    say(`  memory ${kind}: ${r.connect.ok} sockets (${r.connect.failed} failed) at ${fmtInt(r.connect.rate)}/s; node RSS ${fmt(mb(r.rssAfter), 0)} MB (${fmt(perConn / 1024, 1)} KB/socket)`);
    const wanted = r.connect.wanted;
    return { kind, connect: r.connect, rssBefore: r.rssBefore, rssAfter: r.rssAfter, ferretRss: r.ferretRssAfter, perConn, projected: r.rssBefore + perConn * wanted };
  } finally {
    await shutdown(r);
  }
}

async function main() {
  const started = Date.now();
  mkdirSync(work, { recursive: true });
  say(`building @linli/shared`);
  try {
    execFileSync('npm', ['run', 'build', '-w', 'shared'], { cwd: root, stdio: 'ignore' });
  } catch {
    say('warning: building shared failed; using the existing shared/dist');
  }
  template = path.join(work, 'template');
  rmSync(template, { recursive: true, force: true });
  say('seeding fixtures (users, communities, memberships, channels, sessions) into a template FerretDB');
  await new Promise<void>((resolve, reject) => {
    const seeding = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'linli-server.ts')], {
      env: { ...process.env, BENCH_SEED: '1', BENCH_DATA_DIR: template },
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    const timer = setTimeout(() => seeding.kill('SIGKILL'), 180_000);
    seeding.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`seeding failed (${code})`));
    });
  });

  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const header = [
    '',
    '# Linli real-time benchmark: bare socket.io vs Linli chat path',
    `node ${process.version}, ${readdirSync('/sys/devices/system/cpu').filter((d) => /^cpu\d+$/.test(d)).length} CPUs, load average at start ${load}; loopback; ${WORKERS} load-driver processes of light ws clients;`,
    `single Linli node, no Redis (in-memory adapter and rate limits), embedded FerretDB 1.24 (SQLite) counted as server CPU;`,
    `open-loop sending, ${BODY}-byte bodies, warm-up ${WARM_MS / 1000} s then ${MEASURE_MS / 1000} s measured per load point; fresh server process per run, runs interleaved raw, Linli, raw, Linli.`,
    `cpu us/deliv = (user+system CPU of node [+ FerretDB]) / message:created frames received; latency = receipt - scheduled send time.`,
    `"other cpu%" = CPU used on the machine by processes that are not part of this bench (noise). Linli connect budget ${CONNECT_BUDGET_MS / 1000} s per run.`,
  ];
  const out: string[] = [...header];
  const targets: { name: string; pass: boolean | null; detail: string }[] = [];
  let bigCpuRatio = NaN;

  for (const sc of scenarios.filter((s) => SCENARIOS.includes(s.key))) {
    const given = env(`BENCH_SATURATION_${sc.key.toUpperCase()}`, 0);
    say(given ? `${sc.title}: raw saturation given as ${fmtInt(given)} deliveries/s (ramp skipped)` : `${sc.title}: raw saturation ramp`);
    const ramp = given ? { saturation: given } : await rampRaw(sc);
    let points = [0.25, 0.5].map((f) => Math.round(ramp.saturation * f));
    // message:send's own limiter: never offer more than the members may send without being limited.
    const users = fixtureFor(sc.db).users.length;
    const cap = Math.floor(users * SEND_PER_USER_PER_S * sc.fanout);
    const capped = points.some((p) => p > cap);
    if (capped) points = points.map((p) => Math.min(p, cap));
    const runs: RunRecord[] = [];
    for (let pair = 1; pair <= sc.pairs; pair++) {
      say(`${sc.title}: pair ${pair}/${sc.pairs}`);
      runs.push(await measureRun('raw', sc, pair, points));
      runs.push(await measureRun('linli', sc, pair, points));
    }
    const rep = scenarioReport(sc, ramp.saturation, points, runs);
    out.push(...rep.lines);
    if (capped) out.push(`note: load capped at ${fmtInt(cap)} deliveries/s = ${users} senders x ${SEND_PER_USER_PER_S} msg/s (message:send allows 10 per 10 s per user)`);
    const half = rep.ratios[1]!;
    const quarter = rep.ratios[0]!;
    const linli = runs.filter((r) => r.kind === 'linli');
    const lost = linli.reduce((a, r) => a + r.points.reduce((b, p) => b + p.lost, 0), 0);
    const failedAcks = linli.reduce((a, r) => a + r.points.reduce((b, p) => b + Object.values(p.ackErrors).reduce((x, y) => x + y, 0), 0), 0);
    // Figures from a Linli run that could not connect every member are not the scenario's.
    const joined = Math.min(...linli.map((r) => r.connect.ok));
    const whole = linli.length > 0 && linli.every((r) => r.connect.ok >= r.connect.wanted);
    const partial = whole ? '' : ` (Linli had only ${fmtInt(joined)} of ${fmtInt(linli[0]?.connect.wanted ?? 0)} sockets joined: scenario not reached)`;
    if (sc.key === 'big') {
      bigCpuRatio = median(half.cpu);
      targets.push({ name: 'big channel: Linli CPU per delivery <= 1.3x raw (at 50% load)', pass: whole && bigCpuRatio <= 1.3, detail: `${fmt(bigCpuRatio, 2)}x (25% load: ${fmt(median(quarter.cpu), 2)}x)${partial}` });
    } else {
      targets.push({ name: 'small channels: Linli CPU per delivery vs raw (no target)', pass: null, detail: `${fmt(median(half.cpu), 2)}x at 50% load, ${fmt(median(quarter.cpu), 2)}x at 25%${partial}` });
    }
    targets.push({ name: `${sc.key}: Linli p99 <= 1.5x raw at half of raw saturation`, pass: whole && median(half.p99) <= 1.5, detail: `${fmt(median(half.p99), 2)}x${partial}` });
    const delivered = linli.reduce((a, r) => a + r.points.reduce((b, p) => b + p.received, 0), 0);
    targets.push({ name: `${sc.key}: zero loss (Linli, all runs and load points)`, pass: delivered > 0 && lost === 0 && failedAcks === 0, detail: `${fmtInt(lost)} deliveries lost, ${fmtInt(failedAcks)} sends failed/unanswered` });
  }

  if (SCENARIOS.includes('memory')) {
    say(`memory: 10,000 idle authenticated sockets`);
    const raw = await memoryRun('raw');
    const lin = await memoryRun('linli');
    const layout = LAYOUTS.memory;
    out.push('');
    out.push(`== Memory: ${fmtInt(layout.communities * layout.membersPerCommunity)} idle sockets (${layout.communities} communities x ${layout.membersPerCommunity} members) ==`);
    out.push(
      table(
        ['setup', 'sockets', 'connect+auth+join /s', 'node RSS MB', 'RSS per socket KB', 'FerretDB RSS MB', 'node+db RSS MB', 'node RSS at 10k MB'],
        [raw, lin].map((m) => [
          m.kind,
          `${fmtInt(m.connect.ok)}/${fmtInt(m.connect.wanted)}`,
          fmtInt(m.connect.rate),
          fmt(mb(m.rssAfter), 0),
          fmt(m.perConn / 1024, 1),
          m.kind === 'linli' ? fmt(mb(m.ferretRss), 0) : '-',
          fmt(mb(m.rssAfter + m.ferretRss), 0),
          fmt(mb(m.projected), 0),
        ]),
      ),
    );
    if (lin.connect.ok < lin.connect.wanted) {
      out.push(`WARNING: Linli joined only ${fmtInt(lin.connect.ok)} of ${fmtInt(lin.connect.wanted)} sockets within the ${fmt(CONNECT_BUDGET_MS / 1000, 0)} s budget (${fmt(lin.connect.rate, 1)}/s; all would take ~${fmtInt(lin.connect.wanted / lin.connect.rate / 60)} min); RSS per socket is not measurable on so few.`);
    }
    const total = lin.rssAfter + lin.ferretRss;
    targets.push({
      name: '10,000 Linli sockets in <= 1 GB',
      pass: lin.connect.ok >= lin.connect.wanted && total <= 1024 ** 3,
      detail:
        lin.connect.ok >= 10_000
          ? `${fmtInt(lin.connect.ok)} sockets, node ${fmt(mb(lin.rssAfter), 0)} MB + FerretDB ${fmt(mb(lin.ferretRss), 0)} MB = ${fmt(mb(total), 0)} MB`
          : `only ${fmtInt(lin.connect.ok)} sockets joined in the budget (${fmt(lin.connect.rate, 1)}/s): not measurable; raw socket.io needs ${fmt(raw.perConn / 1024, 1)} KB/socket`,
    });
  }

  const profileKey = process.env.BENCH_PROFILE_SCENARIO ?? 'big';
  const profiled = scenarios.find((x) => x.key === profileKey);
  if (PROFILE && SCENARIOS.includes(profileKey) && profiled) {
    say(`profiling one Linli ${profileKey} run (--cpu-prof)`);
    const dir = path.join(work, 'profile');
    rmSync(dir, { recursive: true, force: true });
    const sc = profiled;
    await measureRun('linli', sc, 0, [env('BENCH_PROFILE_RATE', 10_000)], { profileDir: dir, label: 'profile' });
    const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.cpuprofile')) : undefined;
    if (file) {
      out.push('');
      out.push(`== CPU profile of the Linli node process, ${profileKey} scenario at ${fmtInt(env('BENCH_PROFILE_RATE', 10_000))} deliveries/s (self time, whole run) ==`);
      out.push(...topHotspots(path.join(dir, file), 20));
    }
  }

  if (REDIS && SCENARIOS.includes('big') && existsSync('/usr/bin/redis-server')) {
    say('Linli with the Redis adapter, 1 node');
    redisProc = spawn('/usr/bin/redis-server', ['--port', '6399', '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await sleep(500);
    const sc = scenarios[0]!;
    const rec = await measureRun('linli', sc, 0, [env('BENCH_PROFILE_RATE', 10_000)], { redisUrl: 'redis://127.0.0.1:6399', label: 'redis' });
    out.push('');
    out.push(`Linli + Redis adapter (1 node), big channel at ${fmtInt(rec.points[0]!.offered)}/s: ${fmt(rec.points[0]!.cpuPerDeliveryUs, 2)} us/delivery (node+db, Redis not counted), p99 ${fmt(rec.points[0]!.p99)} ms, lost ${rec.points[0]!.lost}`);
    redisProc.kill('SIGTERM');
  }

  // Two nodes vs one on one Redis and one embedded FerretDB, one channel (bench/two-node.ts).
  if (SCENARIOS.includes('twonode')) {
    say('two nodes vs one node in one channel (bench/two-node.ts)');
    const twoNode = await runTwoNode();
    out.push(...twoNode.lines);
    targets.push(...twoNode.targets);
  }

  if (SCENARIOS.includes('history')) {
    say('stored data grows: history, catch-up and unread at 10k / 50k / 200k messages');
    const h = await runHistoryBench(say);
    out.push(...h.lines);
    targets.push({ name: 'open / catch-up / unread p99 <= 100 ms at 200,000 stored messages (embedded)', pass: h.p99At200k <= 100, detail: `${fmt(h.p99At200k)} ms` });
  }

  if (SCENARIOS.includes('polls')) {
    say('polls: ballot writes vs bare inserts, ballot to visible tally with 2,000 watchers');
    const polls = await runPollBench(say);
    out.push(...polls.lines);
    targets.push({ name: 'ballot writes >= 0.5x bare inserts (embedded)', pass: polls.ratio >= 0.5, detail: `${fmt(polls.ratio, 2)}x` });
    targets.push({ name: 'ballot to visible tally p99 <= 300 ms with 2,000 watchers', pass: polls.p99 <= 300, detail: `${fmt(polls.p99, 0)} ms` });
  }

  out.push('');
  out.push('== Targets ==');
  for (const t of targets) out.push(`${t.pass === null ? 'INFO' : t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.detail}`);
  out.push(`bench took ${fmt((Date.now() - started) / 60_000, 1)} min`);
  out.push(`chat-vs-raw cpu-per-delivery ratio: ${fmt(bigCpuRatio, 2)}`);
  process.stdout.write(out.join('\n') + '\n');
}

main()
  .then(() => {
    cleanup();
    process.exit(0);
  })
  .catch((err: unknown) => {
    say(`bench failed: ${(err as Error)?.stack ?? String(err)}`);
    cleanup();
    process.exit(1);
  });
