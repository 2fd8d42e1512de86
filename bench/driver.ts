/**
 * Load-driver worker (forked by run.ts). Holds a share of the light clients,
 * connects them, sends on an open-loop schedule and counts what arrives.
 * Talks to the orchestrator over the IPC channel only.
 */
import { performance } from 'node:perf_hooks';
import { LightClient } from './wire.js';
import { histAdd, newHist } from './stats.js';

export interface ClientSpec {
  /** Index of the channel (room) this client sits in, 0-based within the scenario. */
  channel: number;
  /** Position of this member within its channel; senders rotate over channels by it. */
  member: number;
  /** Channel id (Linli) or room name (raw). */
  channelId: string;
  /** Linli only: `linli.sid=<token>`. */
  cookie?: string;
  /** Linli only: the user's id, to spot its own presence announcement (= rooms joined). */
  userId?: string;
}

export type ServerKind = 'raw' | 'linli';

export interface Phase {
  id: number;
  /** Epoch ms. */
  start: number;
  end: number;
  /** Messages per second this worker sends during the phase. */
  rate: number;
}

export type DriverCommand =
  | { type: 'connect'; url: string; kind: ServerKind; clients: ClientSpec[]; concurrency: number; timeoutMs: number; budgetMs: number }
  | { type: 'load'; runTag: string; phases: Phase[]; bodyLen: number; drainMs: number; maxDrainMs: number }
  | { type: 'close' };

export interface ConnectResult {
  type: 'connected';
  ok: number;
  failed: number;
  firstError: string | null;
  /** ms from the first attempt to the last client joined. */
  ms: number;
  /** Clients never attempted because the connect budget ran out. */
  skipped: number;
  /** Connected members per channel index. */
  perChannel: Record<number, number>;
  /** presence:changed frames received while connecting (Linli announces each arrival to the community). */
  presenceFrames: number;
}

export interface PhaseStats {
  id: number;
  sent: number;
  sentByChannel: Record<number, number>;
  received: number;
  hist: number[];
  acksOk: number;
  ackErrors: Record<string, number>;
  ackHist: number[];
}

export interface LoadResult {
  type: 'loaded';
  phases: PhaseStats[];
  pendingAcks: number;
  closedDuringLoad: number;
  /** message:created frames whose body the bench did not write. */
  foreign: number;
  /** Other server events seen during load, by name. */
  otherEvents: Record<string, number>;
}

const now = () => performance.timeOrigin + performance.now();
const send = (m: ConnectResult | LoadResult | { type: 'error'; message: string }) => process.send!(m);

let clients: { c: LightClient; spec: ClientSpec }[] = [];
let stats = new Map<number, PhaseStats>();
let loading = false;
let closedDuringLoad = 0;
let foreign = 0;
let otherEvents: Record<string, number> = {};
let presenceDuringConnect = 0;

const CREATED = '42["message:created"';
const PRESENCE = '42["presence:changed"';
const BODY = '"body":"bench:';

function onEvent(frame: string): void {
  if (frame.startsWith(CREATED)) {
    const i = frame.indexOf(BODY);
    if (i < 0) {
      foreign++;
      return;
    }
    const j = i + BODY.length;
    const k = frame.indexOf(':', j);
    const l = frame.indexOf(':', k + 1);
    const st = stats.get(Number(frame.slice(j, k)));
    if (!st) {
      foreign++;
      return;
    }
    st.received++;
    histAdd(st.hist, now() - Number(frame.slice(k + 1, l)));
    return;
  }
  if (frame.startsWith(PRESENCE)) {
    if (loading) otherEvents['presence:changed'] = (otherEvents['presence:changed'] ?? 0) + 1;
    else presenceDuringConnect++;
    return;
  }
  if (loading) {
    const name = frame.slice(4, frame.indexOf('"', 4));
    otherEvents[name] = (otherEvents[name] ?? 0) + 1;
  }
}

async function connectAll(cmd: Extract<DriverCommand, { type: 'connect' }>): Promise<ConnectResult> {
  const t0 = now();
  let ok = 0;
  let failed = 0;
  let firstError: string | null = null;
  const perChannel: Record<number, number> = {};
  let next = 0;
  let lastJoined = t0;
  const deadline = t0 + cmd.budgetMs;
  const timeoutMs = () => Math.max(1000, Math.min(cmd.timeoutMs, deadline - now()));

  async function one(spec: ClientSpec): Promise<void> {
    const c = new LightClient({
      url: cmd.url,
      ...(spec.cookie ? { cookie: spec.cookie } : {}),
      onEvent,
      onClose: () => {
        if (loading) closedDuringLoad++;
      },
    });
    try {
      // Linli works out a socket's rooms during the handshake and joins them in the
      // same tick as the CONNECT, so a connected Linli client is already in its rooms.
      await c.connect(timeoutMs());
      if (cmd.kind === 'raw') {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('join ack timeout')), timeoutMs());
          c.emitWithAck('join', JSON.stringify(spec.channelId), () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      clients.push({ c, spec });
      perChannel[spec.channel] = (perChannel[spec.channel] ?? 0) + 1;
      ok++;
      lastJoined = now();
    } catch (err) {
      failed++;
      firstError ??= (err as Error).message;
      c.close();
    }
  }

  async function lane(): Promise<void> {
    while (next < cmd.clients.length && now() < deadline) {
      const spec = cmd.clients[next++]!;
      await one(spec);
    }
  }
  await Promise.all(Array.from({ length: Math.min(cmd.concurrency, cmd.clients.length) }, lane));
  // Round-robin senders rotate over channels: order by member position, then channel.
  clients.sort((a, b) => a.spec.member - b.spec.member || a.spec.channel - b.spec.channel);
  const skipped = cmd.clients.length - next;
  return { type: 'connected', ok, failed, skipped, firstError, ms: lastJoined - t0, perChannel, presenceFrames: presenceDuringConnect };
}

async function load(cmd: Extract<DriverCommand, { type: 'load' }>): Promise<LoadResult> {
  stats = new Map();
  otherEvents = {};
  foreign = 0;
  closedDuringLoad = 0;
  for (const p of cmd.phases) {
    stats.set(p.id, { id: p.id, sent: 0, sentByChannel: {}, received: 0, hist: newHist(), acksOk: 0, ackErrors: {}, ackHist: newHist() });
  }
  loading = true;
  const pad = 'x'.repeat(cmd.bodyLen);
  let rr = 0;
  let seq = 0;
  const live = clients.filter((x) => !x.c.closed);

  function sendOne(phase: Phase, st: PhaseStats, scheduled: number): void {
    if (live.length === 0) return;
    const { c, spec } = live[rr++ % live.length]!;
    if (c.closed) return;
    const head = `bench:${phase.id}:${scheduled.toFixed(3)}:`;
    const body = head + pad.slice(0, Math.max(1, cmd.bodyLen - head.length));
    const payload = `{"channelId":"${spec.channelId}","clientId":"${cmd.runTag}-${process.pid}-${seq++}","body":"${body}"}`;
    st.sent++;
    st.sentByChannel[spec.channel] = (st.sentByChannel[spec.channel] ?? 0) + 1;
    c.emitWithAck('message:send', payload, (ack) => {
      histAdd(st.ackHist, now() - scheduled);
      if (ack.startsWith('[{"ok":true', ack.indexOf('['))) st.acksOk++;
      else {
        const code = /"code":"([A-Z_]+)"/.exec(ack)?.[1] ?? 'UNPARSED';
        st.ackErrors[code] = (st.ackErrors[code] ?? 0) + 1;
      }
    });
  }

  // Open loop: message k of a phase is due at start + k / rate, whatever came back.
  await new Promise<void>((resolve) => {
    const done = new Map<number, number>(); // phase id -> messages sent so far
    const tick = () => {
      const t = now();
      let remaining = false;
      for (const p of cmd.phases) {
        const total = Math.floor(((p.end - p.start) * p.rate) / 1000);
        let k = done.get(p.id) ?? 0;
        if (k < total) remaining = true;
        if (t < p.start) continue;
        const due = Math.min(total, Math.floor(((t - p.start) * p.rate) / 1000) + 1);
        const st = stats.get(p.id)!;
        while (k < due) {
          sendOne(p, st, p.start + (k * 1000) / p.rate);
          k++;
        }
        done.set(p.id, k);
      }
      if (remaining) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });

  const lastEnd = Math.max(...cmd.phases.map((p) => p.end));
  const pending = () => live.reduce((n, x) => n + x.c.pendingAcks, 0);
  const drainUntil = lastEnd + cmd.maxDrainMs;
  while (now() < lastEnd + cmd.drainMs || (pending() > 0 && now() < drainUntil)) {
    await new Promise((r) => setTimeout(r, 50));
  }
  // Deliveries to other workers' clients may trail the last ack slightly.
  await new Promise((r) => setTimeout(r, 300));
  loading = false;
  return { type: 'loaded', phases: [...stats.values()], pendingAcks: pending(), closedDuringLoad, foreign, otherEvents };
}

process.on('message', (cmd: DriverCommand) => {
  const run = async () => {
    if (cmd.type === 'connect') send(await connectAll(cmd));
    else if (cmd.type === 'load') send(await load(cmd));
    else {
      for (const { c } of clients) c.close();
      clients = [];
      setTimeout(() => process.exit(0), 100);
    }
  };
  run().catch((err: unknown) => send({ type: 'error', message: String((err as Error)?.stack ?? err) }));
});
process.on('disconnect', () => process.exit(0));
// Bounded: a driver never outlives a stuck orchestrator by much.
setTimeout(() => process.exit(2), Number(process.env.BENCH_DRIVER_MAX_MS ?? 30 * 60_000)).unref();
