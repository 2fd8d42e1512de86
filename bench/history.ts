/**
 * Stored data grows; the common read paths must not. On the embedded FerretDB
 * (SQLite) with 10,000, 50,000 and 200,000 stored messages over 40 channels, times
 * through the real socket.io path:
 *   open      message:history, newest page of 50
 *   catch-up  message:sync after a short absence (20 messages missed, changes since 1 min)
 *   unread    channel:readStates (unread count and newest seq of every channel)
 * beside the baseline measured in the same run: the queries the previous code ran on
 * the messages collection (newest page, unread count, newest seq), which FerretDB
 * answers by reading the whole collection.
 *
 * Standalone: node --import tsx bench/history.ts   (BENCH_HISTORY_SIZES=10000,50000)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { Ack } from '@linli/shared';
import { parseConfig } from '../server/src/config.js';
import { createLogger } from '../server/src/lib/logger.js';
import { connectMongo, op, syncIndexes } from '../server/src/lib/db.js';
import { startFerretDB } from '../server/src/lib/ferretdb.js';
import { createModels, type Models } from '../server/src/models.js';
import { consoleSmsDriver } from '../server/src/auth/sms.js';
import { createApp } from '../server/src/app.js';
import { presentMessage } from '../server/src/messages/presenters.js';
import { copyDocument } from '../server/src/messages/message-pages.js';
import type { MessageDoc } from '../server/src/messages/message.model.js';
import { seedScenario } from './fixtures.js';
import { fmt, fmtInt } from './stats.js';

const CHANNELS = 40;
const REPS = Number(process.env.BENCH_HISTORY_REPS ?? 60);
const BASELINE_REPS = Number(process.env.BENCH_HISTORY_BASELINE_REPS ?? 3);
const SIZES = (process.env.BENCH_HISTORY_SIZES ?? '10000,50000,200000').split(',').map(Number);
const TARGET_MS = 100;

const p = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};

async function timed(reps: number, f: () => Promise<unknown>, warmUp = 0): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await f();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return out;
}

/** Stores messages the way the writer leaves them: documents, page copies, channel heads. */
const timing = { messages: 0, pages: 0 };
async function grow(models: Models, channels: { channelId: string; communityId: string }[], authors: string[], from: number, to: number, seqs: number[]): Promise<void> {
  const batch = 2000;
  for (let start = from; start < to; start += batch) {
    const docs: MessageDoc[] = [];
    const now = Date.now();
    for (let i = start; i < Math.min(to, start + batch); i++) {
      const c = i % channels.length;
      const seq = ++seqs[c]!;
      const authorId = new Types.ObjectId(authors[i % authors.length]!);
      docs.push({
        _id: new Types.ObjectId(),
        communityId: new Types.ObjectId(channels[c]!.communityId),
        channelId: new Types.ObjectId(channels[c]!.channelId),
        seq,
        clientId: randomUUID(),
        authorId,
        authorName: `居民${i % 97}`,
        body: `第${i}条：楼道灯坏了好几天，晚上回家很不方便，请物业尽快安排维修，谢谢大家关注。`,
        mentions: [],
        parentId: null,
        replyCount: 0,
        lastReplyAt: null,
        state: 'visible',
        editedAt: null,
        moderatedBy: null,
        moderationReason: '',
        rev: 0,
        // Everything older than the catch-up window, except what the bench sends itself.
        createdAt: new Date(now - 3600_000),
        updatedAt: new Date(now - 3600_000),
      } as MessageDoc);
    }
    let t = performance.now();
    await models.Message.collection.insertMany(docs as never[], { ordered: false });
    timing.messages += performance.now() - t;
    t = performance.now();
    await models.MessageCopy.collection.insertMany(docs.map((d) => copyDocument({ ...presentMessage(d, []), rev: 0 })) as never[], { ordered: false });
    for (const ch of channels) {
      const c = channels.indexOf(ch);
      await models.ChannelHead.updateOne({ _id: ch.channelId }, { $max: { seq: seqs[c]! }, $set: { at: new Date(now - 3600_000) } }, { upsert: true });
    }
    timing.pages += performance.now() - t;
  }
}

export interface HistoryBenchResult {
  lines: string[];
  p99At200k: number;
}

export async function runHistoryBench(say: (s: string) => void): Promise<HistoryBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-bench-history-'));
  const log = createLogger('warn');
  const ferret = await startFerretDB({ dataDir: dir, port: 0, log });
  const conn = await connectMongo(ferret.uri, 'bench_history');
  const models = createModels(conn);
  await syncIndexes(conn);
  const fixture = await seedScenario(models, { db: 'bench_history', communities: CHANNELS, membersPerCommunity: 3 }, 7_000_000);
  const config = parseConfig({ NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', SEED_DEMO: 'false', LOG_LEVEL: 'warn', SOCKET_EVENTS_PER_10S: '10000', MESSAGE_SEND_BURST: '10000' });
  const app = createApp({ config, models, redis: null, log, sms: consoleSmsDriver(log) });
  await app.warm();
  const port = await app.listen(0, '127.0.0.1');
  const reader = fixture.users[0]!;
  const channel = fixture.channels[reader.channel]!;
  const socket: Socket = ioClient(`http://127.0.0.1:${port}`, { transports: ['websocket'], extraHeaders: { cookie: `linli.sid=${reader.token}` }, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const call = async (event: string, payload: unknown) => {
    const res = (await socket.timeout(60_000).emitWithAck(event, payload)) as Ack<unknown>;
    if (!res.ok) throw new Error(`${event}: ${res.error.code} ${res.error.message}`);
    return res.data;
  };

  const lines: string[] = [];
  lines.push('');
  lines.push(`== Stored data grows: read paths on the embedded FerretDB (SQLite), ${CHANNELS} channels, through socket.io, ${REPS} reps each after 5 unmeasured; baseline = the previous queries on the messages collection, ${BASELINE_REPS} reps ==`);
  lines.push('stored messages | open p50/p99 ms | catch-up p50/p99 ms | unread+newest p50/p99 ms | baseline open / unread / newest seq p99 ms');
  const seqs = fixture.channels.map(() => 0);
  let stored = 0;
  let at200k = NaN;
  try {
    for (const size of SIZES) {
      say(`history bench: storing messages up to ${fmtInt(size)}`);
      await grow(models, fixture.channels, fixture.users.map((u) => u.userId), stored, size, seqs);
      stored = size;
      say(`stored: messages ${fmt(timing.messages / 1000)} s, copies+heads ${fmt(timing.pages / 1000)} s`);
      const c = reader.channel;
      // A short absence: the reader missed the last 20 messages of its channel.
      const open = await timed(REPS, () => call('message:history', { channelId: channel.channelId, limit: 50 }), 5);
      const since = new Date(Date.now() - 60_000).toISOString();
      const catchUp = await timed(REPS, () => call('message:sync', { channelId: channel.channelId, afterSeq: Math.max(0, seqs[c]! - 20), updatedSince: since }), 5);
      const unread = await timed(REPS, () => call('channel:readStates', { communityId: channel.communityId }), 5);
      const q = { channelId: channel.channelId };
      const baseOpen = await timed(BASELINE_REPS, () => models.Message.find({ ...q, parentId: null }).sort({ seq: -1 }).limit(51).lean());
      const baseUnread = await timed(BASELINE_REPS, () => models.Message.countDocuments({ ...q, parentId: null, state: 'visible', seq: op({ $gt: Math.max(0, seqs[c]! - 20) }) }));
      const baseNewest = await timed(BASELINE_REPS, () => models.Message.findOne(q, { seq: 1 }).sort({ seq: -1 }).lean());
      const worst = Math.max(p(open, 0.99), p(catchUp, 0.99), p(unread, 0.99));
      if (size === 200_000) at200k = worst;
      lines.push(
        `${fmtInt(size).padStart(15)} | ${fmt(p(open, 0.5))} / ${fmt(p(open, 0.99))} | ${fmt(p(catchUp, 0.5))} / ${fmt(p(catchUp, 0.99))} | ${fmt(p(unread, 0.5))} / ${fmt(p(unread, 0.99))} | ${fmt(p(baseOpen, 0.99), 0)} / ${fmt(p(baseUnread, 0.99), 0)} / ${fmt(p(baseNewest, 0.99), 0)}`,
      );
      say(lines[lines.length - 1]!);
    }
  } finally {
    socket.disconnect();
    await app.close();
    await conn.close();
    await ferret.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  lines.push(`target: p99 <= ${TARGET_MS} ms at 200,000 stored messages for every path above (worst of the three is printed below)`);
  lines.push(`embedded history p99 ms at 200k messages: ${fmt(at200k)}`);
  return { lines, p99At200k: at200k };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const say = (s: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
  runHistoryBench(say)
    .then((r) => {
      process.stdout.write(r.lines.join('\n') + '\n');
      process.exit(0);
    })
    .catch((err: unknown) => {
      say(`history bench failed: ${(err as Error).stack ?? String(err)}`);
      process.exit(1);
    });
}
