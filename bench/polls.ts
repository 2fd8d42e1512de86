/**
 * Polls under load, on the embedded FerretDB (SQLite), each figure beside its
 * baseline from the same run:
 *
 * 1. Ballot writes: ballots per second through the ballot store the poll service
 *    uses (server/src/poll/ballots.ts: the derived _id and the unique (poll, voter)
 *    index that make one ballot per voter) vs bare inserts of documents of the same
 *    shape into a collection with no index but _id, same database, same
 *    concurrency, interleaved pairs. Printed as `ballots-vs-bare-insert ratio: <n>`
 *    (median of the pairs; target >= 0.5).
 * 2. Ballot to visible tally: 2,000 members of one community each watch a live
 *    public poll (poll:watch) over real sockets against the real server (a child
 *    process, single node); voters among them cast at a steady rate. A ballot is
 *    visible to a watcher at the first poll:tally that shows at least as many
 *    ballots as had been acknowledged when its own acknowledgement came back; the
 *    latency is that moment minus the ballot's send time, over every (ballot,
 *    watcher) pair. Baseline in the same run: a chat message sent at the same rate
 *    to the same 2,000 sockets, send to message:created. Printed as
 *    `ballot-to-tally p99 ms: <n>` (target <= 300; the server pushes a poll's tally at
 *    most a few times a second, so part of it is that wait, by design).
 *
 * Standalone: node --import tsx bench/polls.ts   (BENCH_POLL_WATCHERS=2000, BENCH_POLL_RATE=20, BENCH_POLL_SECONDS=15)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { Ack, Poll } from '@linli/shared';
import { createLogger } from '../server/src/lib/logger.js';
import { connectMongo, syncIndexes } from '../server/src/lib/db.js';
import { startFerretDB } from '../server/src/lib/ferretdb.js';
import { createModels, type Models } from '../server/src/models.js';
import { createBallotStore } from '../server/src/poll/ballots.js';
import type { PollDoc } from '../server/src/poll/poll.model.js';
import { seedScenario, type Fixture } from './fixtures.js';
import { startServer, stopProcess } from './procs.js';
import { fmt, fmtInt, median } from './stats.js';
import { LightClient } from './wire.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
const WATCHERS = env('BENCH_POLL_WATCHERS', 2000);
const RATE = env('BENCH_POLL_RATE', 20);
const SECONDS = env('BENCH_POLL_SECONDS', 15);
const PAIRS = env('BENCH_POLL_PAIRS', 3);
const WRITES = env('BENCH_POLL_WRITES', 600);
const CONCURRENCY = env('BENCH_POLL_CONCURRENCY', 16);
const CONNECT_CONCURRENCY = 8;
const DB = 'bench_polls';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: Float64Array | number[], q: number) => {
  const s = Float64Array.from(xs).sort();
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

/** Runs `count` jobs with `concurrency` in flight; answers jobs per second. */
async function rate(count: number, concurrency: number, job: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) await job(i);
    }),
  );
  return count / ((performance.now() - t) / 1000);
}

interface Staff {
  socket: Socket;
  call<T>(event: string, payload: unknown): Promise<T>;
}

function connectStaff(port: number, token: string): Promise<Staff> {
  const socket: Socket = ioClient(`http://127.0.0.1:${port}`, { transports: ['websocket'], extraHeaders: { cookie: `linli.sid=${token}` }, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', reject);
    socket.once('connect', () =>
      resolve({
        socket,
        async call<T>(event: string, payload: unknown) {
          const res = (await socket.timeout(60_000).emitWithAck(event, payload)) as Ack<T>;
          if (!res.ok) throw new Error(`${event}: ${res.error.code} ${res.error.message}`);
          return res.data;
        },
      }),
    );
  });
}

const createPoll = (staff: Staff, communityId: string, title: string) =>
  staff.call<Poll>('poll:create', {
    communityId,
    kind: 'single',
    title,
    options: [{ label: '方案一' }, { label: '方案二' }, { label: '方案三' }],
    visibility: 'live',
    ballot: 'public',
    closesAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
  });

/** Part 1: the ballot store vs bare inserts, interleaved pairs on fresh polls and fresh collections. */
async function ballotWrites(models: Models, staff: Staff, fixture: Fixture, say: (s: string) => void) {
  const ballots = createBallotStore({ models, clock: () => new Date() });
  const communityId = fixture.channels[0]!.communityId;
  const voters = fixture.users.slice(0, WRITES);
  const pairs: { bare: number; store: number }[] = [];
  for (let p = 0; p < PAIRS; p++) {
    const bareCollection = models.PollBallot.db.collection(`benchbareballots${p}`);
    await bareCollection.insertOne({ _id: new Types.ObjectId(), warm: true });
    const poll = await createPoll(staff, communityId, `写入基准 ${p + 1}`);
    const doc = (await models.Poll.findOne({ _id: poll.id }).lean()) as PollDoc;
    const optionIds = poll.options.map((o) => o.id);
    const bare = await rate(voters.length, CONCURRENCY, (i) =>
      bareCollection.insertOne({
        _id: new Types.ObjectId(),
        pollId: doc._id,
        voterKey: `u:${voters[i]!.userId}`,
        voterId: new Types.ObjectId(voters[i]!.userId),
        voterName: `居民${i}`,
        choice: optionIds[i % optionIds.length]!,
        receipt: randomUUID().slice(0, 14),
        token: randomUUID(),
        assistedById: null,
        assistedByName: null,
        castAt: new Date(),
        version: 0,
      }),
    );
    const store = await rate(voters.length, CONCURRENCY, (i) =>
      ballots.writePublic(doc, { key: `u:${voters[i]!.userId}`, userId: voters[i]!.userId, name: `居民${i}` }, optionIds[i % optionIds.length]!, null),
    );
    pairs.push({ bare, store });
    say(`ballot writes pair ${p + 1}: bare ${fmt(bare, 0)}/s, one-ballot store ${fmt(store, 0)}/s`);
    await bareCollection.drop().catch(() => undefined);
  }
  const ratios = pairs.map((x) => x.store / x.bare);
  return { pairs, ratio: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

interface Watcher {
  client: LightClient;
  /** (receipt time, ballots shown) of every poll:tally frame. */
  tallies: { at: number; ballots: number }[];
  /** message:created receipt times by clientId. */
  messages: Map<string, number>;
}

function ack(frame: string): Ack<unknown> {
  const body = JSON.parse(frame.slice(frame.indexOf('['))) as [Ack<unknown>];
  return body[0];
}

function send(client: LightClient, event: string, payload: unknown): Promise<Ack<unknown>> {
  return new Promise((resolve) => client.emitWithAck(event, JSON.stringify(payload), (frame) => resolve(ack(frame))));
}

async function connectWatchers(port: number, fixture: Fixture, say: (s: string) => void): Promise<Watcher[]> {
  const users = fixture.users.slice(1, 1 + WATCHERS);
  const watchers: Watcher[] = new Array(users.length);
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CONNECT_CONCURRENCY }, async () => {
      for (let i = next++; i < users.length; i = next++) {
        const w: Watcher = { client: null as unknown as LightClient, tallies: [], messages: new Map() };
        w.client = new LightClient({
          url: `http://127.0.0.1:${port}`,
          cookie: `linli.sid=${users[i]!.token}`,
          onEvent(frame) {
            const at = now();
            if (frame.startsWith('42["poll:tally"')) {
              const m = /"ballots":(\d+)/.exec(frame);
              if (m) w.tallies.push({ at, ballots: Number(m[1]) });
            } else if (frame.startsWith('42["message:created"')) {
              const m = /"clientId":"([^"]+)"/.exec(frame);
              if (m) w.messages.set(m[1]!, at);
            }
          },
        });
        await w.client.connect(30_000);
        watchers[i] = w;
      }
    }),
  );
  say(`${fmtInt(users.length)} watchers connected in ${fmt((performance.now() - t) / 1000, 1)} s`);
  return watchers;
}

/** Part 2: chat baseline then ballots, the same senders' rate to the same sockets. */
async function tallyLatency(port: number, staff: Staff, fixture: Fixture, say: (s: string) => void) {
  const communityId = fixture.channels[0]!.communityId;
  const channelId = fixture.channels[0]!.channelId;
  const watchers = await connectWatchers(port, fixture, say);
  const total = RATE * SECONDS;
  const senders = watchers.slice(0, total);

  // Baseline: chat messages to the same sockets (they joined the channel's room at the handshake).
  const chatSent = new Map<string, number>();
  const start = now() + 500;
  await Promise.all(
    senders.map(async (w, k) => {
      await sleep(Math.max(0, start + (k * 1000) / RATE - now()));
      const clientId = randomUUID();
      chatSent.set(clientId, now());
      await send(w.client, 'message:send', { channelId, clientId, body: `基准消息 ${k}` });
    }),
  );
  await sleep(2000);
  const chatLatency: number[] = [];
  let chatMissing = 0;
  for (const w of watchers) {
    for (const [clientId, sentAt] of chatSent) {
      const at = w.messages.get(clientId);
      if (at === undefined) chatMissing++;
      else chatLatency.push(at - sentAt);
    }
  }
  say(`chat baseline: p50 ${fmt(quantile(chatLatency, 0.5))} ms, p99 ${fmt(quantile(chatLatency, 0.99))} ms, missing ${chatMissing}`);

  // Ballots: one each from `total` voters who also watch.
  const poll = await createPoll(staff, communityId, '实时计票基准');
  await Promise.all(watchers.map((w) => send(w.client, 'poll:watch', { pollId: poll.id })));
  say(`${fmtInt(watchers.length)} sockets watch poll ${poll.id}`);
  const options = poll.options.map((o) => o.id);
  const cast: { sentAt: number; ackAt: number; ok: boolean }[] = [];
  const t0 = now() + 500;
  await Promise.all(
    senders.map(async (w, k) => {
      await sleep(Math.max(0, t0 + (k * 1000) / RATE - now()));
      const sentAt = now();
      const res = await send(w.client, 'poll:cast', { pollId: poll.id, choice: options[k % options.length]! });
      cast.push({ sentAt, ackAt: now(), ok: res.ok });
    }),
  );
  await sleep(2000);
  const acked = cast.filter((c) => c.ok).sort((a, b) => a.ackAt - b.ackAt);
  const latency = new Float64Array(acked.length * watchers.length);
  let n = 0;
  let unseen = 0;
  for (const w of watchers) {
    let i = 0;
    for (let r = 0; r < acked.length; r++) {
      // First tally showing at least r + 1 ballots (the tallies arrive in order on one socket).
      while (i < w.tallies.length && w.tallies[i]!.ballots < r + 1) i++;
      if (i === w.tallies.length) {
        unseen += acked.length - r;
        break;
      }
      latency[n++] = w.tallies[i]!.at - acked[r]!.sentAt;
    }
  }
  const seen = latency.subarray(0, n);
  const ackMs = acked.map((c) => c.ackAt - c.sentAt);
  const framesPerWatcher = watchers.reduce((s, w) => s + w.tallies.length, 0) / watchers.length;
  say(`ballot acknowledgements: p50 ${fmt(quantile(ackMs, 0.5))} ms, p99 ${fmt(quantile(ackMs, 0.99))} ms`);
  say(`ballots: ${acked.length}/${cast.length} acknowledged, tally p50 ${fmt(quantile(seen, 0.5))} ms, p99 ${fmt(quantile(seen, 0.99))} ms, ${fmt(framesPerWatcher, 1)} tally frames per watcher, unseen ${unseen}`);
  for (const w of watchers) w.client.close();
  return {
    watchers: watchers.length,
    ballots: cast.length,
    acknowledged: acked.length,
    ackP50: quantile(ackMs, 0.5),
    ackP99: quantile(ackMs, 0.99),
    p50: quantile(seen, 0.5),
    p99: quantile(seen, 0.99),
    unseen,
    framesPerWatcher,
    chatP50: quantile(chatLatency, 0.5),
    chatP99: quantile(chatLatency, 0.99),
    chatMissing,
  };
}

export interface PollBenchResult {
  lines: string[];
  ratio: number;
  p99: number;
}

export async function runPollBench(say: (s: string) => void): Promise<PollBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-bench-polls-'));
  const log = createLogger('warn');
  const ferret = await startFerretDB({ dataDir: dir, port: 0, log });
  const conn = await connectMongo(ferret.uri, DB);
  const models = createModels(conn);
  await syncIndexes(conn);
  const fixture = await seedScenario(models, { db: DB, communities: 1, membersPerCommunity: WATCHERS + 1 }, 8_000_000);
  // The first member runs the polls.
  await models.Membership.updateOne({ userId: fixture.users[0]!.userId }, { $set: { role: 'moderator' } });
  const server = await startServer(path.join(here, 'linli-server.ts'), { BENCH_MONGODB_URI: ferret.uri, BENCH_DB: DB }, path.join(here, '.data', 'polls-server.log'));
  const lines: string[] = [];
  try {
    const staff = await connectStaff(server.port, fixture.users[0]!.token);
    say(`ballot writes: ${PAIRS} pairs of ${fmtInt(WRITES)} writes, ${CONCURRENCY} in flight`);
    const writes = await ballotWrites(models, staff, fixture, say);
    say(`tally latency: ${fmtInt(WATCHERS)} watchers, ${RATE} ballots/s for ${SECONDS} s`);
    const tally = await tallyLatency(server.port, staff, fixture, say);
    staff.socket.disconnect();
    lines.push('');
    lines.push(`== Polls on the embedded FerretDB (SQLite): ballot writes, and ballot to visible tally with ${fmtInt(tally.watchers)} watchers ==`);
    lines.push(`ballot writes, ${fmtInt(WRITES)} per run, ${CONCURRENCY} in flight: ${writes.pairs.map((x, i) => `pair ${i + 1} bare ${fmt(x.bare, 0)}/s vs one-ballot store ${fmt(x.store, 0)}/s`).join('; ')}`);
    lines.push(`  ratio median ${fmt(writes.ratio, 2)} [${fmt(writes.min, 2)}..${fmt(writes.max, 2)}] (target >= 0.5)`);
    lines.push(
      `tally: ${fmtInt(tally.acknowledged)}/${fmtInt(tally.ballots)} ballots acknowledged at ${RATE}/s, p50 ${fmt(tally.p50)} ms, p99 ${fmt(tally.p99)} ms, ${fmt(tally.framesPerWatcher, 1)} tally frames per watcher, unseen ${tally.unseen} (target p99 <= 300 ms)`,
    );
    lines.push(`  of which the cast itself (send to acknowledgement): p50 ${fmt(tally.ackP50)} ms, p99 ${fmt(tally.ackP99)} ms`);
    lines.push(`  baseline, chat message to the same sockets at the same rate: p50 ${fmt(tally.chatP50)} ms, p99 ${fmt(tally.chatP99)} ms, missing ${tally.chatMissing}`);
    lines.push(`ballots-vs-bare-insert ratio: ${fmt(writes.ratio, 2)}`);
    lines.push(`ballot-to-tally p99 ms: ${fmt(tally.p99, 0)}`);
    return { lines, ratio: writes.ratio, p99: tally.p99 };
  } finally {
    await stopProcess(server.child);
    await conn.close();
    await ferret.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const say = (s: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
  runPollBench(say)
    .then((r) => {
      process.stdout.write(r.lines.join('\n') + '\n');
      process.exit(0);
    })
    .catch((err: unknown) => {
      say(`poll bench failed: ${(err as Error).stack ?? String(err)}`);
      process.exit(1);
    });
}
