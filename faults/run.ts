/**
 * `npm run faults`: two Linli nodes, one Redis and one embedded FerretDB, each
 * its own process on 127.0.0.1, under chat load across both nodes; then, one
 * after another with a recovery period each: (a) Redis stopped for 10 s,
 * (b) one node SIGKILLed and restarted, (c) the database SIGKILLed and
 * restarted 10 s later on the same data. The database is then read directly
 * (mongodb driver) to find acknowledged messages that were not stored and
 * messages stored twice. Last line:
 *   faults: acknowledged lost <n>, duplicated <n>, nodes crashed <n>
 * Exit code 0 only when all three are 0. Every wait is bounded; the whole run
 * takes about three and a half minutes.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import { connectMongo, syncIndexes } from '../server/src/lib/db.js';
import { createModels } from '../server/src/models.js';
import { seedScenario } from '../bench/fixtures.js';
import { Ledger, Observer, Probe, Sender, connectClient, type ChatSocket, type Sent } from './chat.js';
import { waitConnected } from '../tests/support/sockets.js';
import { FerretProc, LinliNode, RedisProc, buildServer, freePort, killEverything, sleep, type NodeExit } from './stack.js';

const DB = 'linli_faults';
/** Each sender sends about one message a second: 6 senders, ~6 messages/s in one channel. */
const SENDERS_PER_NODE = 3;
const SEND_INTERVAL_MS = 1000;
const WARMUP_MS = 8_000;
const OUTAGE_MS = 10_000;
const NODE_DOWN_MS = 5_000;
/** Load keeps running at least this long after each fault is healed. */
const RECOVERY_MS = 15_000;
/** Longest wait for cross-node delivery to come back. */
const PROBE_MAX_MS = 30_000;
/** Longest wait for a (re)started node to serve: boot reads the database, which a broken write path may keep busy. */
const NODE_START_MS = 100_000;
/** After the last fault: no new messages; unanswered ones may retry this long. */
const DRAIN_MS = 35_000;
const WATCHDOG_MS = 9 * 60_000;

const t0 = Date.now();
const say = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${msg}`);
const secs = (ms: number | null) => (ms === null ? `not within ${PROBE_MAX_MS / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

interface Fault {
  phase: string;
  title: string;
  healedWhat: string;
  crossNode: { ab: number | null; ba: number | null };
  health: string;
}

const crashes: (NodeExit & { phase: string })[] = [];

async function health(node: LinliNode): Promise<string> {
  try {
    const res = await fetch(`${node.url}/api/health`, { signal: AbortSignal.timeout(3000) });
    return `${res.status} ${(await res.text()).slice(0, 80)}`;
  } catch (err) {
    return `no answer (${(err as Error).message})`;
  }
}

async function main(): Promise<number> {
  const watchdog = setTimeout(() => {
    console.log(`fault run exceeded ${WATCHDOG_MS / 60_000} minutes: aborted`);
    killEverything();
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();

  say('building shared/ and server/ if stale');
  buildServer();

  const runDir = mkdtempSync(path.join(tmpdir(), 'linli-faults-'));
  const logDir = path.join(runDir, 'logs');
  mkdirSync(logDir);
  const [redisPort, ferretPort, portA, portB] = [await freePort(), await freePort(), await freePort(), await freePort()];

  const redis = new RedisProc(redisPort!);
  await redis.start();
  say(`redis-server up on 127.0.0.1:${redisPort}`);
  const ferret = new FerretProc(ferretPort!, path.join(runDir, 'ferretdb'), path.join(logDir, 'ferretdb.log'));
  await ferret.start();
  say(`embedded FerretDB up on 127.0.0.1:${ferretPort} (data ${path.join(runDir, 'ferretdb')})`);

  // Fixtures straight into the database, as the benchmark does: 10 members of one community, one chat channel.
  const conn = await connectMongo(ferret.uri(DB), DB);
  const models = createModels(conn);
  await syncIndexes(conn);
  const fixture = await seedScenario(models, { db: DB, communities: 1, membersPerCommunity: 10 }, 0);
  await conn.close();
  const channelId = fixture.channels[0]!.channelId;
  say(`seeded ${fixture.users.length} members and channel ${channelId}`);

  const ledger = new Ledger();
  const env = {
    NODE_ENV: 'development',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'info',
    MONGODB_URI: ferret.uri(DB),
    REDIS_URL: redis.url,
    OTP_PEPPER: 'fault-suite-pepper-0123456789',
    // The load is the same for every fault; per-user limits are not what this run measures.
    SOCKET_EVENTS_PER_10S: '10000',
    MESSAGE_SEND_BURST: '1000',
  };
  const onCrash = (exit: NodeExit) => {
    crashes.push({ ...exit, phase: ledger.phase });
    say(`!! node ${exit.node} exited unexpectedly (${exit.signal ?? `code ${exit.code}`}) during ${ledger.phase}; restarting it`);
    void sleep(1000).then(() => restart(nodes.find((n) => n.name === exit.node)!));
  };
  const nodes = [
    new LinliNode('A', portA!, env, path.join(logDir, 'node-A.log'), onCrash),
    new LinliNode('B', portB!, env, path.join(logDir, 'node-B.log'), onCrash),
  ];
  const [nodeA, nodeB] = nodes as [LinliNode, LinliNode];
  for (const n of nodes) {
    await n.start();
    say(`node ${n.name} serving on ${n.url}`);
  }

  // 3 senders on each node, one observer and one prober on each node.
  const users = fixture.users;
  const tag = Math.random().toString(36).slice(2, 7);
  const senders: Sender[] = [];
  for (let i = 0; i < 2 * SENDERS_PER_NODE; i++) {
    const node = i < SENDERS_PER_NODE ? nodeA : nodeB;
    const u = users[i]!;
    senders.push(new Sender({ userId: u.userId, token: u.token, node: node.name, url: node.url }, ledger, channelId, `f${tag}-s${i}`));
  }
  const clientOn = (userIdx: number, node: LinliNode): { node: string; userId: string; socket: ChatSocket } => ({
    node: node.name,
    userId: users[userIdx]!.userId,
    socket: connectClient(node.url, users[userIdx]!.token),
  });
  const obsA = new Observer('A', clientOn(6, nodeA).socket);
  const obsB = new Observer('B', clientOn(7, nodeB).socket);
  const probeAB = new Probe(clientOn(8, nodeA), obsB, ledger, channelId, `f${tag}-pa`);
  const probeBA = new Probe(clientOn(9, nodeB), obsA, ledger, channelId, `f${tag}-pb`);
  const sockets = [...senders.map((s) => s.socket), obsA.socket, obsB.socket, probeAB.from.socket, probeBA.from.socket];
  await Promise.all(sockets.map((s) => waitConnected(s, 15_000, { untilTimeout: true })));
  say(`${sockets.length} sockets connected (${SENDERS_PER_NODE} senders, 1 observer, 1 prober per node)`);

  /** Starts a node again on its port; tries again while the budget lasts if a start fails. */
  async function restart(node: LinliNode, budgetMs = NODE_START_MS + 20_000): Promise<void> {
    const end = Date.now() + budgetMs;
    for (let attempt = 1; Date.now() < end - 5000; attempt++) {
      const t = Date.now();
      try {
        await node.start(Math.min(NODE_START_MS, end - Date.now()));
        say(`node ${node.name} serving again (boot took ${secs(Date.now() - t)})`);
        return;
      } catch (err) {
        const lines = (err as Error).message.trim().split('\n');
        say(`node ${node.name} did not start (attempt ${attempt}, ${secs(Date.now() - t)}): ${lines[0]} ... ${lines.slice(-2).join(' | ').slice(0, 400)}`);
        await sleep(2000);
      }
    }
    say(`!! node ${node.name} could not be restarted within ${secs(budgetMs)}`);
  }

  async function crossNode(since: number) {
    const [ab, ba] = await Promise.all([probeAB.measure(since, PROBE_MAX_MS), probeBA.measure(since, PROBE_MAX_MS)]);
    return { ab, ba };
  }

  function progress(phase: string) {
    const mine = [...ledger.sent.values()].filter((s) => s.phase === phase && s.kind === 'load');
    const acked = mine.filter((s) => s.outcome === 'acked').length;
    const pending = mine.filter((s) => s.outcome === 'pending').length;
    say(`  ${phase}: ${mine.length} sent, ${acked} acknowledged, ${pending} waiting or retrying`);
  }

  // ---- warm-up ----
  ledger.phase = 'warm-up';
  for (const s of senders) s.start(SEND_INTERVAL_MS);
  say(`load running: ${senders.length} senders, ~${((senders.length * 1000) / SEND_INTERVAL_MS).toFixed(0)} messages/s in one channel`);
  await sleep(WARMUP_MS);
  const baseline = await crossNode(Date.now());
  say(`baseline cross-node delivery: A→B ${secs(baseline.ab)}, B→A ${secs(baseline.ba)}`);
  progress('warm-up');

  const faults: Fault[] = [];
  async function recover(f: Omit<Fault, 'crossNode' | 'health'>, healedAt: number) {
    const cn = await crossNode(healedAt);
    say(`cross-node delivery back ${f.healedWhat}: A→B ${secs(cn.ab)}, B→A ${secs(cn.ba)}`);
    const rest = healedAt + RECOVERY_MS - Date.now();
    if (rest > 0) await sleep(rest);
    const h = `A ${await health(nodeA)}; B ${await health(nodeB)}`;
    say(`health: ${h}`);
    progress(f.phase);
    faults.push({ ...f, crossNode: cn, health: h });
  }

  // ---- (a) Redis stopped for 10 s ----
  ledger.phase = 'redis';
  say('fault a: stopping Redis for 10 s');
  const redisDown = Date.now();
  await redis.stop();
  await sleep(OUTAGE_MS / 2);
  say(`  while Redis is down: health A ${await health(nodeA)}; B ${await health(nodeB)}`);
  await sleep(redisDown + OUTAGE_MS - Date.now());
  await redis.start();
  say('fault a: Redis restarted (empty, same port)');
  await recover({ phase: 'redis', title: 'a) Redis stopped for 10 s, then restarted', healedWhat: 'after Redis restarted' }, Date.now());

  // ---- (b) one node SIGKILLed, restarted ----
  ledger.phase = 'node';
  say(`fault b: SIGKILL node B; restart in ${NODE_DOWN_MS / 1000} s`);
  await nodeB.kill();
  await sleep(NODE_DOWN_MS);
  say('fault b: starting node B again');
  await restart(nodeB);
  await recover({ phase: 'node', title: 'b) node B killed (SIGKILL), restarted 5 s later', healedWhat: 'after node B was serving again' }, Date.now());

  // ---- (c) the database SIGKILLed, restarted 10 s later on the same data ----
  ledger.phase = 'database';
  say('fault c: SIGKILL the database; restart in 10 s on the same data and port');
  await ferret.signal('SIGKILL');
  await sleep(OUTAGE_MS / 2);
  say(`  while the database is down: health A ${await health(nodeA)}; B ${await health(nodeB)}`);
  await sleep(OUTAGE_MS / 2);
  await ferret.start();
  say('fault c: database restarted');
  await recover({ phase: 'database', title: 'c) database killed (SIGKILL), restarted 10 s later', healedWhat: 'after the database restarted' }, Date.now());

  // ---- drain: no new messages; retries finish ----
  ledger.generating = false;
  for (const s of senders) s.stop();
  ledger.retryDeadline = Date.now() + DRAIN_MS;
  say(`load stopped; waiting up to ${DRAIN_MS / 1000} s for ${ledger.pending()} unanswered messages`);
  const drainEnd = ledger.retryDeadline + 11_000; // the last attempt's ack may take its full 10 s
  while (ledger.pending() > 0 && Date.now() < drainEnd) await sleep(250);
  for (const s of ledger.sent.values()) if (s.outcome === 'pending') s.outcome = 'unacknowledged';
  say('all sends settled');

  // ---- the database, read directly ----
  // The nodes stop first: a write path still busy (retries, scans) must not queue this read behind it.
  // An acknowledged message was written before its ack, so stopping cannot take it away.
  for (const s of sockets) s.close();
  for (const n of nodes) n.snapshotLog();
  await Promise.all(nodes.map((n) => n.stop()));
  say('nodes stopped; reading the messages collection');
  const client = new MongoClient(ferret.uri(DB), { serverSelectionTimeoutMS: 15_000 });
  const stored = await Promise.race([
    client
      .db(DB)
      .collection('messages')
      .find({ channelId: new ObjectId(channelId) }, { projection: { clientId: 1, authorId: 1, seq: 1 } })
      .toArray(),
    sleep(90_000).then(() => {
      throw new Error('reading the messages took more than 90 s');
    }),
  ]);
  // A second, independent answer: a short read would show up as false losses.
  const counted = await client.db(DB).collection('messages').countDocuments({ channelId: new ObjectId(channelId) });
  await client.close();
  say(`read ${stored.length} stored messages from the database${counted === stored.length ? '' : ` (!! countDocuments says ${counted})`}`);

  await redis.stop();
  await ferret.stop();
  if (process.env.FAULTS_KEEP_DATA === '1') say(`database files kept in ${path.join(runDir, 'ferretdb')}`);
  else rmSync(path.join(runDir, 'ferretdb'), { recursive: true, force: true });

  // ---- report ----
  const byKey = new Map<string, { id: string; seq: number }[]>();
  const bySeq = new Map<number, string[]>();
  for (const d of stored) {
    const key = `${String(d.authorId)}/${String(d.clientId)}`;
    byKey.set(key, [...(byKey.get(key) ?? []), { id: String(d._id), seq: Number(d.seq) }]);
    bySeq.set(Number(d.seq), [...(bySeq.get(Number(d.seq)) ?? []), String(d.clientId)]);
  }
  const docsOf = (s: Sent) => byKey.get(`${s.authorId}/${s.clientId}`) ?? [];

  const lostBy = new Map<string, Sent[]>();
  const dupBy = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const s of ledger.sent.values()) {
    const docs = docsOf(s);
    if (s.outcome === 'acked' && docs.length === 0) lostBy.set(s.phase, [...(lostBy.get(s.phase) ?? []), s]);
    if (docs.length > 1) add(dupBy, s.phase, docs.length - 1);
  }
  for (const clientIds of bySeq.values()) {
    if (clientIds.length > 1) add(dupBy, ledger.sent.get(clientIds[0]!)?.phase ?? 'unknown', clientIds.length - 1);
  }

  console.log('');
  console.log(`logs: ${logDir}`);
  const blocks: { phase: string; title: string; fault?: Fault }[] = [
    { phase: 'warm-up', title: 'baseline (no fault)' },
    ...faults.map((f) => ({ phase: f.phase, title: f.title, fault: f })),
  ];
  for (const b of blocks) {
    const mine = [...ledger.sent.values()].filter((s) => s.phase === b.phase);
    const load = mine.filter((s) => s.kind === 'load');
    const count = (xs: Sent[], o: Sent['outcome']) => xs.filter((s) => s.outcome === o).length;
    const perNode = ['A', 'B'].map((n) => {
      const xs = load.filter((s) => s.node === n);
      return `${n} ${count(xs, 'acked')}/${xs.length}`;
    });
    const errors: Record<string, number> = {};
    for (const s of mine) for (const [code, n] of Object.entries(s.errors)) errors[code] = (errors[code] ?? 0) + n;
    const storedMine = mine.filter((s) => docsOf(s).length > 0);
    const unackedStored = storedMine.filter((s) => s.outcome !== 'acked').length;
    const mismatched = mine.filter((s) => {
      const d = docsOf(s)[0];
      return s.ackMismatch || (s.ack && d && (d.id !== s.ack.id || d.seq !== s.ack.seq));
    }).length;
    const lost = lostBy.get(b.phase) ?? [];
    const live = [obsA, obsB].map((o) => `${o.node} ${storedMine.filter((s) => o.seen.has(s.clientId)).length}/${storedMine.length}`);
    const crashed = crashes.filter((c) => c.phase === b.phase);

    console.log(`== ${b.title}`);
    console.log(
      `  messages      ${load.length} sent, ${count(load, 'acked')} acknowledged (ok), ${count(load, 'unacknowledged')} never acknowledged, ${count(load, 'refused')} refused; acked per node ${perNode.join(', ')}; probes ${count(mine, 'acked') - count(load, 'acked')}/${mine.length - load.length}`,
    );
    console.log(`  failed tries  ${Object.entries(errors).map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`);
    // What the database holds at the seq the ack announced tells how the message was lost.
    const holder = (s: Sent) => (s.ack ? (bySeq.get(s.ack.seq) ?? ['nothing']).join('+') : '?');
    console.log(
      `  acknowledged lost ${lost.length}${lost.length ? `: ${lost.slice(0, 6).map((s) => `${s.clientId} (node ${s.node}, acked as seq ${s.ack?.seq}, which holds ${holder(s)})`).join(', ')}${lost.length > 6 ? ', ...' : ''}` : ''}`,
    );
    console.log(`  duplicated    ${dupBy.get(b.phase) ?? 0}`);
    if (b.fault) console.log(`  cross-node delivery works again ${b.fault.healedWhat}: A→B ${secs(b.fault.crossNode.ab)}, B→A ${secs(b.fault.crossNode.ba)}`);
    else console.log(`  cross-node delivery: A→B ${secs(baseline.ab)}, B→A ${secs(baseline.ba)}`);
    console.log(`  nodes         ${crashed.length ? `${crashed.length} crashed: ${crashed.map((c) => `node ${c.node} (${c.signal ?? `exit ${c.code}`})`).join(', ')}` : 'stayed up'}`);
    console.log(`  (info) stored without an ok ack ${unackedStored}; ack id/seq differs from stored ${mismatched}; live-delivered to observers ${live.join(', ')}`);
    if (b.fault) console.log(`  (info) health after recovery: ${b.fault.health}`);
  }
  const known = new Set([...ledger.sent.values()].map((s) => `${s.authorId}/${s.clientId}`));
  const strangers = [...byKey.keys()].filter((k) => !known.has(k)).length;
  const repeats = obsA.repeats + obsB.repeats;
  console.log(`(info) stored messages this run never sent: ${strangers}; repeated message:created deliveries to observers: ${repeats}`);

  const lostTotal = [...lostBy.values()].reduce((n, xs) => n + xs.length, 0);
  const dupTotal = [...dupBy.values()].reduce((n, x) => n + x, 0);
  console.log(`faults: acknowledged lost ${lostTotal}, duplicated ${dupTotal}, nodes crashed ${crashes.length}`);
  return lostTotal === 0 && dupTotal === 0 && crashes.length === 0 ? 0 : 1;
}

process.on('exit', killEverything);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    killEverything();
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('fault run failed:', err);
    killEverything();
    process.exit(2);
  },
);
