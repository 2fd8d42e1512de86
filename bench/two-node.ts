/**
 * Two Linli nodes vs one, one channel (issue 6, section 2).
 *
 * Both setups run the real app (`linli-server.ts`) on one Redis and one embedded
 * FerretDB that this module starts (fresh per run, seeded through the models):
 *   one: ONE node with Redis, all senders and observers on it;
 *   two: TWO nodes, senders alternate between them, observers split over them.
 * 4 senders send `BENCH_TWONODE_MESSAGES` (400) messages over `BENCH_TWONODE_MS`
 * (10 s) into one channel on an open-loop schedule (message k due at start + k / rate,
 * sender k mod 4, unique clientId, 10 s ack timeout, no retry), after a warm-up at the
 * same rate. Observers are real socket.io-client sockets that record every
 * `message:created`; each drops at a random moment of the measured window (or,
 * within 1 s after it, as soon as it holds a seq above one still missing), comes
 * back ~1 s later and catches up with `message:sync` from its settled cursor, moving
 * the cursor with `advanceCursor` like the web client. At the end each observer's
 * set of message ids is compared with what the database holds.
 *
 * Runs alternate one, two, one, two ... (`BENCH_TWONODE_PAIRS`, default 3). Part of
 * `npm run bench` (scenario `twonode`), or alone: `node --import tsx bench/two-node.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { io as ioClient, type Socket } from 'socket.io-client';
import { advanceCursor, type Ack, type CatchUpCursor, type ClientToServerEvents, type Message, type ServerToClientEvents } from '@linli/shared';
import { startFerretDB, type EmbeddedFerretDB } from '../server/src/lib/ferretdb.js';
import { connectMongo, syncIndexes, type Connection } from '../server/src/lib/db.js';
import { createModels, type Models } from '../server/src/models.js';
import { startTestRedis, type RunningService } from '../tests/support/services.js';
import { waitConnected } from '../tests/support/sockets.js';
import { seedScenario, type Fixture, type ScenarioLayout } from './fixtures.js';
import { killAll, machineBusyUs, sample, startServer, stopProcess, type ServerProc } from './procs.js';
import { fmt, fmtInt, histAdd, histQuantile, median, newHist, spread, table } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const work = path.join(here, '.data');
const env = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);

const PAIRS = env('BENCH_TWONODE_PAIRS', 3);
const MESSAGES = env('BENCH_TWONODE_MESSAGES', 400);
const DURATION_MS = env('BENCH_TWONODE_MS', 10_000);
const WARM_MS = env('BENCH_TWONODE_WARM_MS', 2000);
const OBSERVERS_PER_NODE = env('BENCH_TWONODE_OBSERVERS', 3);
const SENDERS = 4;
const ACK_TIMEOUT_MS = 10_000;
const RECONNECT_MS = 1000;
/** After its random moment, an observer waits this long at most for an open gap to drop in. */
const GAP_WAIT_MS = 1000;
const NODES_TWO = 2;
const RATE = MESSAGES / (DURATION_MS / 1000);
/** 4 senders share 40 messages/s: 10/s each, above message:send's default 10 per 10 s, so the limit is raised for this bench. */
const SEND_BURST = 1000;
const CONNECT_TIMEOUT_MS = 15_000;
/** Catch-up pages per reconnect at most (a page is up to 500 messages). */
const MAX_SYNC_PAGES = 10;

const layout: ScenarioLayout = { db: 'bench_twonode', communities: 1, membersPerCommunity: SENDERS + NODES_TWO * OBSERVERS_PER_NODE };

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (s: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Kind = 'one' | 'two';

// ---------- processes this module starts outside procs.ts (Redis) ----------
const ownPids = new Set<number>();
process.on('exit', () => {
  for (const pid of ownPids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** The newest child of this process whose command name starts with `comm` (the FerretDB that startFerretDB spawned). */
function childPid(comm: string): number | null {
  let found: number | null = null;
  for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
    let children = '';
    try {
      children = readFileSync(`/proc/${process.pid}/task/${tid}/children`, 'utf8').trim();
    } catch {
      continue;
    }
    for (const pid of children.split(/\s+/).filter(Boolean).map(Number)) {
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith(comm) && (found === null || pid > found)) found = pid;
      } catch {
        // exited meanwhile
      }
    }
  }
  return found;
}

function connect(url: string, token: string): ChatSocket {
  return ioClient(url, {
    transports: ['websocket'],
    extraHeaders: { cookie: `linli.sid=${token}` },
    // This bench drops and restores observers itself; nothing else should reconnect.
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
    forceNew: true,
  });
}


/** A member who watches the channel like the web client: live pushes, a catch-up cursor, a sync after every reconnect. */
class Observer {
  /** Message ids held (live pushes, history, sync). */
  readonly held = new Set<string>();
  cursor: CatchUpCursor = { settled: 0, heldAbove: [] };
  /** Live `message:created` of a lower seq after a higher one. */
  inversions = 0;
  /** Live `message:created` of an id already pushed live. */
  liveDuplicates = 0;
  private readonly pushed = new Set<string>();
  private maxLiveSeq = 0;
  syncErrors: string[] = [];
  catchUps = 0;
  /** Messages first held through catch-up (missed while away). */
  recovered = 0;
  /** Dropped while holding a seq above a gap (the case a naive "after my highest seq" catch-up gets wrong). */
  droppedInGap = false;
  /** True from the drop until its catch-up has finished. */
  away = false;
  /** Between the random moment and the drop: drop as soon as a gap is open. */
  private dropOnGap = false;
  catchUpMs = NaN;

  constructor(
    readonly node: number,
    readonly socket: ChatSocket,
    private readonly channelId: string,
  ) {
    socket.on('message:created', (m: Message) => {
      if (m.channelId !== this.channelId) return;
      if (this.pushed.has(m.id)) this.liveDuplicates++;
      this.pushed.add(m.id);
      if (m.seq < this.maxLiveSeq) this.inversions++;
      this.maxLiveSeq = Math.max(this.maxLiveSeq, m.seq);
      this.ingest([m]);
      if (this.dropOnGap && this.cursor.heldAbove.length > 0) this.drop();
    });
  }

  private ingest(ms: Message[]): void {
    for (const m of ms) if (m.channelId === this.channelId && m.parentId === null) this.held.add(m.id);
    this.cursor = advanceCursor(this.cursor, ms.map((m) => m.seq));
  }

  /** The web client's first open: the newest page, and `through` for the cursor. */
  async open(): Promise<void> {
    const res = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:history', { channelId: this.channelId, limit: 50 });
    if (!res.ok) throw new Error(`message:history: ${res.error.code}`);
    this.cursor = advanceCursor(this.cursor, [], res.data.through ?? 0);
    this.ingest(res.data.messages);
  }

  /** Catch-up from the settled cursor, as the web client does on every (re)connect. */
  async catchUp(): Promise<void> {
    const t0 = now();
    this.catchUps++;
    for (let page = 0; page < MAX_SYNC_PAGES; page++) {
      let res: Ack<{ messages: Message[]; hasMore: boolean; through: number }>;
      try {
        res = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:sync', { channelId: this.channelId, afterSeq: this.cursor.settled });
      } catch (err) {
        this.syncErrors.push(`TIMEOUT ${(err as Error).message}`);
        return;
      }
      if (!res.ok) {
        this.syncErrors.push(res.error.code);
        return;
      }
      // Exactly the client's order: the server's `through` first, then the messages.
      this.cursor = advanceCursor(this.cursor, [], res.data.through);
      this.recovered += res.data.messages.filter((m) => m.parentId === null && !this.held.has(m.id)).length;
      this.ingest(res.data.messages);
      if (!res.data.hasMore) break;
    }
    this.catchUpMs = now() - t0;
  }

  /**
   * From `at` on, drops at the first moment a gap is open (a seq held above one not
   * yet received: the case that lost messages for good before the fix), or at
   * `at + GAP_WAIT_MS` if none opens; reconnects about RECONNECT_MS later and catches up.
   */
  scheduleDrop(at: number): NodeJS.Timeout[] {
    return [
      setTimeout(() => {
        if (this.cursor.heldAbove.length > 0) this.drop();
        else this.dropOnGap = true;
      }, Math.max(0, at - now())),
      setTimeout(() => this.drop(), Math.max(0, at + GAP_WAIT_MS - now())),
    ];
  }

  private dropped = false;

  private drop(): void {
    if (this.dropped) return;
    this.dropped = true;
    this.dropOnGap = false;
    this.away = true;
    this.droppedInGap = this.cursor.heldAbove.length > 0;
    this.socket.disconnect();
    setTimeout(
      () => {
        this.socket.once('connect', () => {
          void this.catchUp().finally(() => (this.away = false));
        });
        this.socket.connect();
      },
      RECONNECT_MS * (0.8 + Math.random() * 0.4),
    );
  }
}

interface SendRecord {
  k: number;
  measured: boolean;
  due: number;
  sender: number;
  clientId: string;
  /** ok ack: time received, id and seq. */
  ack: { at: number; id: string; seq: number } | null;
  error: string | null;
}

export interface TwoNodeRun {
  kind: Kind;
  pair: number;
  nodes: number;
  sent: number;
  acked: number;
  errors: Record<string, number>;
  ackP50: number;
  ackP99: number;
  ackMax: number;
  inversions: number;
  observers: number;
  /** Messages observers got only through catch-up (sum). */
  recovered: number;
  /** Observers that dropped while holding a seq above a gap. */
  droppedInGap: number;
  /** Sum over observers of stored ids they never held. */
  holes: number;
  /** Observers with at least one hole. */
  observersWithHoles: number;
  /** Sum over observers of ids they held that are not stored. */
  extra: number;
  /** Live pushes of an id already pushed (all observers) + stored duplicates (same clientId or seq twice). */
  duplicates: number;
  stored: number;
  ackedNotStored: number;
  ackSeqMismatch: number;
  lateWrites: number;
  syncErrors: number;
  catchUpP99: number;
  nodeCpuPct: number;
  dbCpuPct: number;
  redisCpuPct: number;
  benchCpuPct: number;
  otherCpuPct: number;
  holeDetail: string[];
}

let runCounter = 0;

async function oneRun(kind: Kind, pair: number): Promise<TwoNodeRun> {
  const n = ++runCounter;
  const nodes = kind === 'two' ? NODES_TWO : 1;
  const dir = path.join(work, `twonode-${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let ferret: EmbeddedFerretDB | null = null;
  let conn: Connection | null = null;
  let redis: RunningService | null = null;
  const servers: ServerProc[] = [];
  const sockets: ChatSocket[] = [];
  const timers: NodeJS.Timeout[] = [];
  try {
    ferret = await startFerretDB({ dataDir: dir, port: 0 });
    const ferretPid = childPid('ferretdb');
    conn = await connectMongo(ferret.uri, layout.db);
    const models: Models = createModels(conn);
    await syncIndexes(conn);
    const fixture: Fixture = await seedScenario(models, layout, 9_000_000);
    const channelId = fixture.channels[0]!.channelId;

    redis = await startTestRedis();
    if (redis.pid) ownPids.add(redis.pid);
    for (let i = 0; i < nodes; i++) {
      servers.push(
        await startServer(
          path.join(here, 'linli-server.ts'),
          {
            BENCH_MONGODB_URI: ferret.uri,
            BENCH_DB: layout.db,
            BENCH_REDIS_URL: redis.url,
            BENCH_REDIS_FLUSH: '0',
            BENCH_MESSAGE_SEND_BURST: String(SEND_BURST),
          },
          path.join(work, 'logs', `twonode-${n}-${kind}-node${i}.log`),
        ),
      );
    }
    const urls = servers.map((s) => `http://127.0.0.1:${s.port}`);

    // Senders alternate over the nodes (two: 0 and 2 on node 0, 1 and 3 on node 1); observers a few per node.
    const senderSockets = fixture.users.slice(0, SENDERS).map((u, i) => connect(urls[i % nodes]!, u.token));
    const observers = fixture.users.slice(SENDERS).map((u, i) => {
      const node = i % NODES_TWO < nodes ? i % NODES_TWO : 0;
      return new Observer(node, connect(urls[node]!, u.token), channelId);
    });
    sockets.push(...senderSockets, ...observers.map((o) => o.socket));
    await Promise.all(sockets.map((s) => waitConnected(s, CONNECT_TIMEOUT_MS)));
    await Promise.all(observers.map((o) => o.open()));
    // Arrivals are announced in batches of about a second: let them pass.
    await sleep(1500);

    // ---------- open-loop schedule ----------
    const warm = Math.round((WARM_MS / 1000) * RATE);
    const total = warm + MESSAGES;
    const start = now() + 300;
    const mStart = start + warm / RATE * 1000;
    const mEnd = mStart + DURATION_MS;
    const records: SendRecord[] = Array.from({ length: total }, (_, k) => ({
      k,
      measured: k >= warm,
      due: start + (k / RATE) * 1000,
      sender: k % SENDERS,
      clientId: `tn${n}-${kind}-${String(k).padStart(5, '0')}`,
      ack: null,
      error: null,
    }));
    let answered = 0;
    const send = (r: SendRecord) => {
      senderSockets[r.sender]!.timeout(ACK_TIMEOUT_MS).emit('message:send', { channelId, clientId: r.clientId, body: `two-node bench ${r.clientId}` }, (err: Error | null, res?: Ack<Message>) => {
        answered++;
        if (!err && res?.ok) r.ack = { at: now(), id: res.data.id, seq: res.data.seq };
        else r.error = err ? 'TIMEOUT' : res && !res.ok ? res.error.code : 'MALFORMED_ACK';
      });
    };
    let next = 0;
    const pump = () => {
      const t = now();
      while (next < total && records[next]!.due <= t) send(records[next++]!);
      if (next < total) timers.push(setTimeout(pump, Math.max(0, records[next]!.due - now())));
    };
    timers.push(setTimeout(pump, Math.max(0, start - now())));
    for (const o of observers) timers.push(...o.scheduleDrop(mStart + DURATION_MS * (0.05 + Math.random() * 0.75)));

    // CPU of every server-side process over the measured window.
    const pids = { nodes: servers.map((s) => s.child.pid!), db: ferretPid, redis: redis.pid ?? null };
    const mark = () => ({
      nodes: pids.nodes.reduce((a, p) => a + sample(p).cpuUs, 0),
      db: pids.db ? sample(pids.db).cpuUs : NaN,
      redis: pids.redis ? sample(pids.redis).cpuUs : NaN,
      bench: sample(process.pid).cpuUs,
      machine: machineBusyUs(),
    });
    let m0: ReturnType<typeof mark> | null = null;
    let m1: ReturnType<typeof mark> | null = null;
    timers.push(setTimeout(() => (m0 = mark()), Math.max(0, mStart - now())));
    timers.push(setTimeout(() => (m1 = mark()), Math.max(0, mEnd - now())));

    // Bounded: every send is answered or timed out 10 s after its last attempt.
    const lastDue = records[total - 1]!.due;
    while (answered < total && now() < lastDue + ACK_TIMEOUT_MS + 3000) await sleep(100);
    const drainUntil = now() + 15_000;
    while (observers.some((o) => o.away || !o.socket.connected) && now() < drainUntil) await sleep(100);
    await sleep(1500); // broadcasts in flight

    // ---------- what the database holds ----------
    const readStored = async () => (await models.Message.find({ channelId }).select({ _id: 1, seq: 1, clientId: 1, parentId: 1 }).lean()) as { _id: unknown; seq: number; clientId: string; parentId: unknown }[];
    let stored = await readStored();
    let lateWrites = 0;
    if (records.some((r) => !r.ack)) {
      // Timed-out writes may still land: look again a little later.
      await sleep(3000);
      const again = await readStored();
      lateWrites = again.length - stored.length;
    }
    const storedIds = new Set(stored.filter((d) => d.parentId == null).map((d) => String(d._id)));
    const dbDuplicates = stored.length - new Set(stored.map((d) => d.clientId)).size + (stored.length - new Set(stored.map((d) => d.seq)).size);
    const storedById = new Map(stored.map((d) => [String(d._id), d]));
    const acked = records.filter((r) => r.ack);
    const ackedNotStored = acked.filter((r) => !storedById.has(r.ack!.id)).length;
    const ackSeqMismatch = acked.filter((r) => storedById.get(r.ack!.id) && storedById.get(r.ack!.id)!.seq !== r.ack!.seq).length;
    stored = stored.filter((d) => d.parentId == null);

    let holes = 0;
    let extra = 0;
    let observersWithHoles = 0;
    const holeDetail: string[] = [];
    for (const [i, o] of observers.entries()) {
      const missing = [...storedIds].filter((id) => !o.held.has(id));
      const more = [...o.held].filter((id) => !storedIds.has(id));
      holes += missing.length;
      extra += more.length;
      if (missing.length) {
        observersWithHoles++;
        const seqs = missing.map((id) => storedById.get(id)!.seq).sort((a, b) => a - b);
        holeDetail.push(`observer ${i} (node ${o.node}): ${missing.length} missing, seqs ${seqs.slice(0, 20).join(',')}${seqs.length > 20 ? ',...' : ''}; cursor settled ${o.cursor.settled}, held above ${o.cursor.heldAbove.length}; catch-ups ${o.catchUps}${o.syncErrors.length ? `, sync errors ${o.syncErrors.join(',')}` : ''}`);
      }
    }

    const measured = records.filter((r) => r.measured);
    const hist = newHist();
    let ackMax = 0;
    const errors: Record<string, number> = {};
    for (const r of measured) {
      if (r.ack) {
        histAdd(hist, r.ack.at - r.due);
        ackMax = Math.max(ackMax, r.ack.at - r.due);
      } else {
        const code = r.error ?? 'NO_ANSWER';
        errors[code] = (errors[code] ?? 0) + 1;
      }
    }
    const catchUps = newHist();
    for (const o of observers) if (Number.isFinite(o.catchUpMs)) histAdd(catchUps, o.catchUpMs);
    const a = m0 as ReturnType<typeof mark> | null;
    const b = m1 as ReturnType<typeof mark> | null;
    const us = DURATION_MS * 1000;
    const pct = (k: 'nodes' | 'db' | 'redis' | 'bench') => (a && b ? ((b[k] - a[k]) / us) * 100 : NaN);
    const ours = a && b ? (['nodes', 'db', 'redis', 'bench'] as const).reduce((s, k) => s + (Number.isFinite(b[k] - a[k]) ? b[k] - a[k] : 0), 0) : NaN;
    return {
      kind,
      pair,
      nodes,
      sent: measured.length,
      acked: measured.filter((r) => r.ack).length,
      errors,
      ackP50: histQuantile(hist, 0.5),
      ackP99: histQuantile(hist, 0.99),
      ackMax,
      inversions: observers.reduce((s, o) => s + o.inversions, 0),
      observers: observers.length,
      recovered: observers.reduce((s, o) => s + o.recovered, 0),
      droppedInGap: observers.filter((o) => o.droppedInGap).length,
      holes,
      observersWithHoles,
      extra,
      duplicates: observers.reduce((s, o) => s + o.liveDuplicates, 0) + dbDuplicates,
      stored: stored.length,
      ackedNotStored,
      ackSeqMismatch,
      lateWrites,
      syncErrors: observers.reduce((s, o) => s + o.syncErrors.length, 0),
      catchUpP99: histQuantile(catchUps, 0.99),
      nodeCpuPct: pct('nodes'),
      dbCpuPct: pct('db'),
      redisCpuPct: pct('redis'),
      benchCpuPct: pct('bench'),
      otherCpuPct: a && b ? Math.max(0, ((b.machine - a.machine - ours) / us) * 100) : NaN,
      holeDetail,
    };
  } finally {
    for (const t of timers) clearTimeout(t);
    for (const s of sockets) s.disconnect();
    await Promise.all(servers.map((s) => stopProcess(s.child, 8000)));
    await conn?.close().catch(() => undefined);
    if (redis) {
      await redis.stop();
      if (redis.pid) ownPids.delete(redis.pid);
    }
    await ferret?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TwoNodeReport {
  lines: string[];
  targets: { name: string; pass: boolean | null; detail: string }[];
  /** Median over pairs of two-node ack p99 / one-node ack p99. */
  ratio: number;
  ratioLine: string;
  runs: TwoNodeRun[];
}

/** Runs one, two, one, two ... and returns the report lines (the ratio line last). */
export async function runTwoNode(): Promise<TwoNodeReport> {
  mkdirSync(work, { recursive: true });
  const runs: TwoNodeRun[] = [];
  for (let pair = 1; pair <= PAIRS; pair++) {
    for (const kind of ['one', 'two'] as const) {
      say(`two-node: pair ${pair}/${PAIRS}, ${kind === 'one' ? 'one node' : 'two nodes'}`);
      const r = await oneRun(kind, pair);
      runs.push(r);
      say(
        `  ${kind} #${pair}: acked ${r.acked}/${r.sent}, errors ${JSON.stringify(r.errors)}, ack p50 ${fmt(r.ackP50)} p99 ${fmt(r.ackP99)} ms, inversions ${r.inversions}, caught up ${r.recovered} (dropped in a gap ${r.droppedInGap}/${r.observers}), holes ${r.holes}, extra ${r.extra}, dup ${r.duplicates}, stored ${r.stored}, node ${fmt(r.nodeCpuPct, 0)}% db ${fmt(r.dbCpuPct, 0)}% other ${fmt(r.otherCpuPct, 0)}%`,
      );
    }
  }
  const ratios: number[] = [];
  for (let pair = 1; pair <= PAIRS; pair++) {
    const one = runs.find((r) => r.pair === pair && r.kind === 'one');
    const two = runs.find((r) => r.pair === pair && r.kind === 'two');
    if (one && two) ratios.push(two.ackP99 / one.ackP99);
  }
  const ratio = median(ratios);
  const [lo, hi] = spread(ratios);
  const lines: string[] = [];
  lines.push('');
  lines.push(`== Two nodes, one channel: ${SENDERS} senders, ${MESSAGES} messages over ${DURATION_MS / 1000} s (${fmt(RATE, 0)}/s), ${layout.membersPerCommunity - SENDERS} observers ==`);
  lines.push(
    `one = 1 node, all senders and observers on it; two = 2 nodes, 2 senders and ${OBSERVERS_PER_NODE} observers on each; both with Redis (adapter, limits) and one embedded FerretDB 1.24 (SQLite), fresh per run;`,
  );
  lines.push(
    `open loop after a ${WARM_MS / 1000} s warm-up at the same rate; unique clientIds, no retries, ${ACK_TIMEOUT_MS / 1000} s ack timeout; ack ms = ack received - scheduled send time (acked sends of the measured ${DURATION_MS / 1000} s);`,
  );
  lines.push(
    `each observer drops once, at a random moment or within ${GAP_WAIT_MS / 1000} s after it as soon as it holds a seq above a gap, reconnects ~${RECONNECT_MS / 1000} s later and runs message:sync from its settled cursor (advanceCursor, no updatedSince); caught up = messages observers got only from that sync; dropped in gap = observers that dropped while holding a seq above a gap; holes = stored messages an observer never got (sum over observers).`,
  );
  const rows = runs.map((r) => [
    `${r.kind} #${r.pair}`,
    String(r.nodes),
    `${fmtInt(r.acked)}/${fmtInt(r.sent)}`,
    Object.entries(r.errors).map(([k, v]) => `${k}:${v}`).join(',') || '0',
    fmt(r.ackP50, 1),
    fmt(r.ackP99, 1),
    fmt(r.ackMax, 1),
    fmtInt(r.inversions),
    fmtInt(r.recovered),
    `${r.droppedInGap}/${r.observers}`,
    `${fmtInt(r.holes)}${r.holes ? ` (${r.observersWithHoles} obs)` : ''}`,
    fmtInt(r.extra),
    fmtInt(r.duplicates),
    fmtInt(r.stored),
    fmtInt(r.ackedNotStored),
    fmt(r.catchUpP99, 0),
    fmt(r.nodeCpuPct, 0),
    fmt(r.dbCpuPct, 0),
    fmt(r.redisCpuPct, 0),
    fmt(r.benchCpuPct, 0),
    fmt(r.otherCpuPct, 0),
  ]);
  lines.push(
    table(
      ['run', 'nodes', 'acked', 'timeouts/failures', 'ack p50 ms', 'ack p99 ms', 'ack max ms', 'inversions', 'caught up', 'dropped in gap', 'holes after catch-up', 'extra', 'dup', 'stored', 'acked not stored', 'catch-up p99 ms', 'node cpu%', 'db cpu%', 'redis cpu%', 'bench cpu%', 'other cpu%'],
      rows,
    ),
  );
  for (const r of runs) for (const d of r.holeDetail) lines.push(`  ${r.kind} #${r.pair} ${d}`);
  for (const r of runs.filter((x) => x.lateWrites || x.ackSeqMismatch || x.syncErrors)) {
    lines.push(`  ${r.kind} #${r.pair}: ${r.lateWrites} writes landed after the comparison, ${r.ackSeqMismatch} acks named another seq than stored, ${r.syncErrors} catch-up errors`);
  }
  lines.push(`two-node/one-node ack p99 over ${ratios.length} pairs, median [min..max]: ${fmt(ratio, 2)}x [${fmt(lo, 2)}..${fmt(hi, 2)}]`);
  const twos = runs.filter((r) => r.kind === 'two');
  const failed = runs.reduce((s, r) => s + (r.sent - r.acked), 0);
  const holes = runs.reduce((s, r) => s + r.holes + r.extra, 0);
  const dups = runs.reduce((s, r) => s + r.duplicates + r.ackedNotStored, 0);
  const targets = [
    { name: 'two nodes: 0 timeouts/failed sends (all runs)', pass: failed === 0 && runs.length > 0, detail: `${failed} failed of ${runs.reduce((s, r) => s + r.sent, 0)} (two-node runs: ${twos.reduce((s, r) => s + r.sent - r.acked, 0)})` },
    { name: 'two nodes: ack p99 <= 2x one node', pass: Number.isFinite(ratio) && ratio <= 2, detail: `${fmt(ratio, 2)}x [${fmt(lo, 2)}..${fmt(hi, 2)}]` },
    { name: 'two nodes: every observer holds exactly the stored messages after catch-up, no duplicates', pass: holes === 0 && dups === 0 && runs.length > 0, detail: `${holes} holes/extra, ${dups} duplicates/acked-not-stored; ${runs.reduce((s, r) => s + r.inversions, 0)} broadcast inversions seen` },
  ];
  const ratioLine = `two-node-vs-one-node ack-p99 ratio: ${fmt(ratio, 2)}`;
  lines.push(ratioLine);
  return { lines, targets, ratio, ratioLine, runs };
}

// ---------- alone: node --import tsx bench/two-node.ts ----------
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      killAll();
      process.exit(130);
    });
  }
  // Bounded: a run takes well under a minute.
  setTimeout(() => {
    say('two-node bench exceeded 15 minutes; aborting');
    killAll();
    process.exit(3);
  }, 15 * 60_000).unref();
  try {
    execFileSync('npm', ['run', 'build', '-w', 'shared'], { cwd: root, stdio: 'ignore' });
  } catch {
    say('warning: building shared failed; using the existing shared/dist');
  }
  runTwoNode()
    .then((rep) => {
      const out = [...rep.lines.slice(0, -1), '', ...rep.targets.map((t) => `${t.pass === null ? 'INFO' : t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.detail}`), rep.ratioLine];
      process.stdout.write(out.join('\n') + '\n');
      killAll();
      process.exit(0);
    })
    .catch((err: unknown) => {
      say(`two-node bench failed: ${(err as Error)?.stack ?? String(err)}`);
      killAll();
      process.exit(1);
    });
}
