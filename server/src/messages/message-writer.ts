import type { RedisClientType } from 'redis';
import { AppError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { Models } from '../models.js';
import { derivedId } from '../lib/db.js';
import type { MessageDoc } from './message.model.js';
import type { MessageCopy, MessagePages } from './message-pages.js';
import { presentMessage } from './presenters.js';

const FLUSH_MS = 3;
const MAX_BATCH = 200;
/** Beyond this many unwritten messages the node is overloaded: refuse rather than queue without end. */
const MAX_QUEUE = 5_000;
/** Batches written at once per node (allocation stays one at a time). More did not help: in the small-channels bench the node process, not the database, is then the limit (97% CPU, more refused). */
const MAX_INFLIGHT = 1;
/** A message whose seq was taken or voided goes again this many times under a new seq. */
const MAX_ATTEMPTS = 3;
/** Statements per bulk write: FerretDB 1.24 hangs on update commands of some 100+ statements. */
const BULK_CHUNK = 25;
/** Heads are raised at most this often (one statement per busy channel, not per batch). */
const HEAD_PERSIST_MS = 2000;

/**
 * Redis allocator: INCRBY the channel's counter, never below `floor` (what this node
 * knows of the channel's head: a Redis that restarted empty resumes from there).
 */
const ALLOCATE_SCRIPT = `
local n = tonumber(ARGV[1])
local floor = tonumber(ARGV[2])
local v = redis.call('INCRBY', KEYS[1], n)
if v - n < floor then
  v = floor + n
  redis.call('SET', KEYS[1], v)
end
return v`;

interface Pending {
  channelId: string;
  authorId: string;
  clientId: string;
  fields: Record<string, unknown>;
  attempts: number;
  resolve: (result: { doc: MessageDoc; fresh: boolean }) => void;
  reject: (err: unknown) => void;
}

type Outcome = 'stored' | 'duplicate' | 'failed' | 'unknown';

/** The id of the message a client sends: a retried send collides with it on the _id index. */
export const messageIdFor = (authorId: string, clientId: string) => derivedId('message', authorId, clientId);

/** Per-document failures of a bulk insert; null when the error says nothing per document. */
function writeErrorsOf(err: unknown): Map<number, number | undefined> | null {
  const list = (err as { writeErrors?: unknown }).writeErrors;
  if (!Array.isArray(list) || list.length === 0) return null;
  const out = new Map<number, number | undefined>();
  for (const writeError of list as { index?: number; code?: number; err?: { index?: number; code?: number } }[]) {
    const index = writeError.index ?? writeError.err?.index;
    if (index === undefined) return null;
    out.set(index, writeError.code ?? writeError.err?.code);
  }
  return out;
}

const unavailable = () => new AppError('UNAVAILABLE', 'The message could not be stored right now; it will be sent again', { retryAfterSeconds: 1 });

/**
 * Writes new messages in small batches (group commit), MAX_INFLIGHT batches at once per node (seqs handed out one batch at a time).
 *
 * Seqs: one allocator per channel that no other node can take a seq from in between:
 * this node's memory when it is the only node (no Redis), Redis INCRBY (never below
 * what this node knows of the head) when Redis is configured, and the channel's head
 * document (`$inc`, atomic on MongoDB and on the embedded server) only while Redis is
 * away. Seqs handed out from memory or Redis reach the head document within
 * HEAD_PERSIST_MS (and at close), so an allocator that starts empty begins above them;
 * `head` adds what this node and Redis know to it. A node whose view was stale (a
 * restart after a crash, Redis restarted empty, two nodes without Redis) collides on
 * the unique (channel, seq) index, learns the newest stored seq and sends again under
 * a new seq, at most MAX_ATTEMPTS times. A message is answered as stored only when
 * its insert is known to have succeeded: a bulk error without per-document results
 * is resolved by looking each document up by _id, and
 * anything still unknown is answered UNAVAILABLE (the client sends again with the same
 * client id, which the _id collides with). A seq that will never hold a message is
 * marked void in its page, so catch-up can tell a permanent gap from a write in flight.
 */
export function createMessageWriter(models: Models, pages: MessagePages, log: Logger, redis: RedisClientType | null) {
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  /** Batches being written (at most MAX_INFLIGHT). */
  let inflight = 0;
  /** Allocation runs one batch at a time, so a node never hands out one seq twice. */
  let allocating: Promise<unknown> = Promise.resolve();
  const heads = new Set<string>();
  /** The highest seq of each channel this node handed out or read from its head. */
  const known = new Map<string, number>();
  /** Seqs handed out from memory or Redis that the head documents do not show yet. */
  const unpersisted = new Map<string, number>();
  let headTimer: NodeJS.Timeout | null = null;

  async function persistHeads(): Promise<void> {
    headTimer = null;
    const list = [...unpersisted];
    unpersisted.clear();
    const at = new Date();
    try {
      const ops = list.map(([channelId, seq]) => ({ updateOne: { filter: { _id: channelId }, update: { $max: { seq }, $set: { at } } } }));
      for (let i = 0; i < ops.length; i += BULK_CHUNK) await models.ChannelHead.bulkWrite(ops.slice(i, i + BULK_CHUNK), { ordered: false });
    } catch (err) {
      log.warn({ err }, 'raising channel heads failed; trying again');
      for (const [channelId, seq] of list) raiseHeadLater(channelId, seq);
    }
  }

  function raiseHeadLater(channelId: string, seq: number) {
    unpersisted.set(channelId, Math.max(unpersisted.get(channelId) ?? 0, seq));
    headTimer ??= setTimeout(() => void persistHeads(), HEAD_PERSIST_MS);
  }

  /** The newest stored seq, read from the messages (only after a collision: reads the whole collection on FerretDB). */
  async function newestStored(channelId: string): Promise<number> {
    const top = await models.Message.findOne({ channelId }, { seq: 1 }).sort({ seq: -1 }).lean();
    return top?.seq ?? 0;
  }

  /** Creates the channel's head once, from its newest stored message (data from before heads existed). */
  async function ensureHead(channelId: string): Promise<void> {
    if (heads.has(channelId)) return;
    if (!(await models.ChannelHead.exists({ _id: channelId }))) {
      const top = await newestStored(channelId);
      await models.ChannelHead.updateOne({ _id: channelId }, { $max: { seq: top } }, { upsert: true }).catch((err: unknown) => {
        if ((err as { code?: number }).code !== 11000) throw err; // another node created it
      });
    }
    heads.add(channelId);
  }

  async function headSeq(channelId: string): Promise<number> {
    await ensureHead(channelId);
    const hit = known.get(channelId);
    if (hit !== undefined) return hit;
    const head = await models.ChannelHead.findOne({ _id: channelId }, { seq: 1 }).lean();
    const seq = Math.max(known.get(channelId) ?? 0, head?.seq ?? 0);
    known.set(channelId, seq);
    return seq;
  }

  /** The head documents: one atomic $inc per channel (while Redis is away). */
  async function allocateInDatabase(groups: [string, number][]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    await Promise.all(
      groups.map(async ([channelId, count]) => {
        // The head may lag what this node handed out from Redis or learned from a collision.
        const floor = Math.max(known.get(channelId) ?? 0, unpersisted.get(channelId) ?? 0);
        if (floor > 0) await models.ChannelHead.updateOne({ _id: channelId }, { $max: { seq: floor } });
        const head = await models.ChannelHead.findOneAndUpdate({ _id: channelId }, { $inc: { seq: count }, $set: { at: new Date() } }, { new: true }).lean();
        if (!head) throw unavailable();
        known.set(channelId, Math.max(known.get(channelId) ?? 0, head.seq));
        out.set(channelId, head.seq - count + 1);
      }),
    );
    return out;
  }

  /** Hands out n consecutive seqs per channel; returns the first of each. */
  async function allocate(groups: [string, number][]): Promise<Map<string, number>> {
    const floors = await Promise.all(groups.map(([channelId]) => headSeq(channelId)));
    if (redis && !redis.isReady) return allocateInDatabase(groups);
    const out = new Map<string, number>();
    if (redis) {
      try {
        const tops = await Promise.all(
          groups.map(([channelId, count], i) => redis.eval(ALLOCATE_SCRIPT, { keys: [`linli:seq:${channelId}`], arguments: [String(count), String(floors[i])] })),
        );
        groups.forEach(([channelId, count], i) => out.set(channelId, Number(tops[i]) - count + 1));
      } catch (err) {
        log.warn({ err }, 'Redis seq allocation failed; using the database');
        return allocateInDatabase(groups);
      }
    } else {
      for (const [channelId] of groups) out.set(channelId, known.get(channelId)! + 1);
    }
    for (const [channelId, count] of groups) {
      const top = out.get(channelId)! + count - 1;
      known.set(channelId, Math.max(known.get(channelId) ?? 0, top));
      // The head follows within HEAD_PERSIST_MS; readers add what this node and Redis know.
      raiseHeadLater(channelId, top);
    }
    return out;
  }

  function schedule() {
    if (inflight >= MAX_INFLIGHT) return; // a finishing batch picks the queue up
    if (queue.length >= MAX_BATCH) {
      if (timer) clearTimeout(timer);
      timer = null;
      flush();
    } else {
      timer ??= setTimeout(() => {
        timer = null;
        flush();
      }, FLUSH_MS);
    }
  }

  function flush() {
    while (queue.length > 0 && inflight < MAX_INFLIGHT) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(batch.length);
      inflight++;
      void writeBatch(batch)
        .catch((err: unknown) => {
          log.error({ err }, 'message batch failed');
          for (const pending of batch) pending.reject(unavailable());
        })
        .finally(() => {
          inflight--;
          if (queue.length > 0) schedule();
        });
    }
  }

  async function outcomes(docs: InstanceType<Models['Message']>[]): Promise<Outcome[]> {
    try {
      // The documents are built (defaults, casts, timestamps) by mongoose already; the
      // driver's insert skips a second validation pass.
      await models.Message.collection.insertMany(docs.map((doc) => doc.toObject({ depopulate: true })) as never[], { ordered: false });
      return docs.map(() => 'stored');
    } catch (err) {
      const perDoc = writeErrorsOf(err);
      if (perDoc) return docs.map((_, i) => (!perDoc.has(i) ? 'stored' : perDoc.get(i) === 11000 ? 'duplicate' : 'failed'));
      log.warn({ err, count: docs.length }, 'message insert failed without per-document results; checking each');
      return docs.map(() => 'unknown');
    }
  }

  async function writeBatch(batch: Pending[]) {
    const byChannel = new Map<string, Pending[]>();
    for (const pending of batch) byChannel.set(pending.channelId, [...(byChannel.get(pending.channelId) ?? []), pending]);

    const placed: { p: Pending; seq: number }[] = [];
    try {
      const run = allocating.then(() => allocate([...byChannel].map(([channelId, group]) => [channelId, group.length])));
      allocating = run.catch(() => undefined);
      const firsts = await run;
      for (const [channelId, group] of byChannel) group.forEach((pending, i) => placed.push({ p: pending, seq: firsts.get(channelId)! + i }));
    } catch (err) {
      log.warn({ err }, 'could not allocate message seqs');
      for (const pending of batch) pending.reject(unavailable());
      return;
    }

    const now = new Date(); // after the allocation: readers compare gaps with it
    const docs = placed.map(({ p: pending, seq }) => new models.Message({ ...pending.fields, _id: messageIdFor(pending.authorId, pending.clientId), seq, authorId: pending.authorId, clientId: pending.clientId, createdAt: now, updatedAt: now }));
    const result = await outcomes(docs);

    // Unknown outcomes (the database went away mid-write): look each one up by _id.
    await Promise.all(
      result.map(async (outcome, i) => {
        if (outcome !== 'unknown') return;
        try {
          result[i] = (await models.Message.exists({ _id: docs[i]!._id })) ? 'stored' : 'failed';
        } catch {
          // Still unknown: the client sends again; a page fill settles the seq later.
        }
      }),
    );

    const fresh: MessageCopy[] = [];
    const voids: { channelId: string; seq: number }[] = [];
    const settle: (() => void | Promise<void>)[] = [];
    placed.forEach(({ p: pending, seq }, i) => {
      const outcome = result[i]!;
      if (outcome === 'stored') {
        const doc = docs[i]!.toObject() as MessageDoc;
        fresh.push({ ...presentMessage(doc, []), rev: 0 });
        settle.push(() => pending.resolve({ doc, fresh: true }));
        return;
      }
      if (outcome === 'unknown') return settle.push(() => pending.reject(unavailable()));
      voids.push({ channelId: pending.channelId, seq });
      if (outcome === 'duplicate') return settle.push(() => settleDuplicate(pending));
      settle.push(() => pending.reject(unavailable()));
    });

    // Copies before answering, so whoever hears of a message finds it in its page; a
    // failed copy is filled from the messages collection when a reader reaches it.
    if (fresh.length > 0) await pages.writeFresh(fresh).catch((err: unknown) => log.warn({ err }, 'message copies write failed'));
    await Promise.all(voids.map((voided) => pages.writeVoid(voided.channelId, voided.seq).catch((err: unknown) => log.warn({ err, ...voided }, 'void seq write failed'))));
    for (const step of settle) void Promise.resolve(step()).catch((err: unknown) => log.warn({ err }, 'settling a message failed'));
  }

  /** The client id was stored before (a retried send): answer with that message. */
  async function settleDuplicate(pending: Pending) {
    try {
      const winner = (await models.Message.findOne({ _id: messageIdFor(pending.authorId, pending.clientId) }).lean()) as MessageDoc | null;
      if (winner) return pending.resolve({ doc: winner, fresh: false });
      // The seq was taken: this node's view was stale (a restart after a crash, Redis
      // restarted empty). Learn the newest stored seq and go again.
      known.set(pending.channelId, Math.max(known.get(pending.channelId) ?? 0, await newestStored(pending.channelId)));
      if (pending.attempts + 1 >= MAX_ATTEMPTS) return pending.reject(unavailable());
      queue.push({ ...pending, attempts: pending.attempts + 1 });
      schedule();
    } catch {
      pending.reject(unavailable());
    }
  }

  return {
    /** Stores a message under the channel's next seq; resolves once it is known to be written. */
    insert(channelId: string, authorId: string, clientId: string, fields: Record<string, unknown>): Promise<{ doc: MessageDoc; fresh: boolean }> {
      if (queue.length >= MAX_QUEUE) {
        return Promise.reject(new AppError('RATE_LIMITED', 'The server is busy; try again shortly', { retryAfterSeconds: 1 }));
      }
      return new Promise((resolve, reject) => {
        queue.push({ channelId, authorId, clientId, fields, attempts: 0, resolve, reject });
        schedule();
      });
    },

    /** The last seq handed out in a channel, and when (now, when it is newer than its head document). */
    async head(channelId: string): Promise<{ seq: number; at: Date | null }> {
      await ensureHead(channelId);
      const headDoc = await models.ChannelHead.findOne({ _id: channelId }).lean();
      let live = known.get(channelId) ?? 0;
      if (redis?.isReady) {
        const redisSeq = await redis.get(`linli:seq:${channelId}`).catch(() => null);
        if (redisSeq) live = Math.max(live, Number(redisSeq));
      }
      const stored = headDoc?.seq ?? 0;
      return live > stored ? { seq: live, at: new Date() } : { seq: stored, at: headDoc?.at ?? null };
    },

    /** Writes the heads this node still owes (shutdown). */
    async close(): Promise<void> {
      if (headTimer) clearTimeout(headTimer);
      if (unpersisted.size > 0) await persistHeads();
    },

    /** Creates the heads of every open channel before traffic arrives (boot). */
    async warm(): Promise<number> {
      const channels = await models.Channel.find({ archived: false }, { _id: 1 }).lean();
      for (const channel of channels) await ensureHead(channel._id.toString());
      return channels.length;
    },
  };
}

export type MessageWriter = ReturnType<typeof createMessageWriter>;
