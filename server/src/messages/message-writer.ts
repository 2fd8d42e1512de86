import { AppError, isDuplicateKey } from '../lib/errors.js';
import type { Models } from '../models.js';
import type { MessageDoc } from './message.model.js';

const FLUSH_MS = 3;
const MAX_BATCH = 200;
/** Beyond this many unwritten messages the node is overloaded: refuse rather than queue without end. */
const MAX_QUEUE = 5_000;

interface Pending {
  channelId: string;
  seq: number;
  authorId: string;
  clientId: string;
  fields: Record<string, unknown>;
  attempts: number;
  resolve: (r: { doc: MessageDoc; fresh: boolean }) => void;
  reject: (err: unknown) => void;
}

interface WriteError {
  index: number;
  code?: number;
}

function writeErrorsOf(err: unknown): WriteError[] | null {
  const list = (err as { writeErrors?: unknown }).writeErrors;
  if (!Array.isArray(list)) return null;
  return list.map((w: { index?: number; code?: number; err?: { index?: number; code?: number } }) => ({
    index: w.index ?? w.err?.index ?? -1,
    code: w.code ?? w.err?.code,
  }));
}

/**
 * Writes new messages in small batches (group commit) and hands out each
 * channel's seq from memory. Per message that is one share of an insertMany
 * instead of a counter round trip plus an insert: on FerretDB/SQLite a batch of
 * 50 costs about a fifth per message of single inserts.
 *
 * The seq of a channel starts, once per node, from its newest stored message.
 * Two nodes sending into one channel can hand out the same seq; the unique
 * (channelId, seq) index refuses the later insert, and that message re-reads
 * the newest seq and goes again. A retried client id (unique (authorId,
 * clientId)) is answered with the stored message.
 */
export function createMessageWriter(models: Models) {
  const lastSeq = new Map<string, number>();
  const loading = new Map<string, Promise<number>>();
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;

  async function newest(channelId: string): Promise<number> {
    const top = await models.Message.findOne({ channelId }, { seq: 1 }).sort({ seq: -1 }).lean();
    return top?.seq ?? 0;
  }

  /** The last seq handed out in a channel (loaded once per node). */
  async function known(channelId: string): Promise<number> {
    const hit = lastSeq.get(channelId);
    if (hit !== undefined) return hit;
    let p = loading.get(channelId);
    if (!p) {
      p = newest(channelId).finally(() => loading.delete(channelId));
      loading.set(channelId, p);
    }
    const top = await p;
    lastSeq.set(channelId, Math.max(lastSeq.get(channelId) ?? 0, top));
    return lastSeq.get(channelId)!;
  }

  function schedule() {
    if (queue.length >= MAX_BATCH) {
      if (timer) clearTimeout(timer);
      timer = null;
      void flush();
    } else {
      timer ??= setTimeout(() => {
        timer = null;
        void flush();
      }, FLUSH_MS);
    }
  }

  async function enqueue(p: Omit<Pending, 'seq'>) {
    await known(p.channelId);
    const seq = lastSeq.get(p.channelId)! + 1;
    lastSeq.set(p.channelId, seq);
    queue.push({ ...p, seq });
    schedule();
  }

  async function settleDuplicate(p: Pending) {
    const winner = (await models.Message.findOne({ authorId: p.authorId, clientId: p.clientId }).lean()) as MessageDoc | null;
    if (winner) return p.resolve({ doc: winner, fresh: false });
    // Another node took this seq: catch up with the channel and go again.
    if (p.attempts >= 10) return p.reject(new AppError('INTERNAL', 'Could not allocate a message position'));
    lastSeq.set(p.channelId, Math.max(lastSeq.get(p.channelId) ?? 0, await newest(p.channelId)));
    await enqueue({ ...p, attempts: p.attempts + 1 });
  }

  async function flush() {
    const batch = queue.slice(0, MAX_BATCH);
    queue = queue.slice(batch.length);
    if (batch.length === 0) return;
    const docs = batch.map((p) => new models.Message({ ...p.fields, seq: p.seq, authorId: p.authorId, clientId: p.clientId }));
    const failed = new Map<number, number | undefined>();
    try {
      await models.Message.insertMany(docs, { ordered: false });
    } catch (err) {
      const errors = writeErrorsOf(err);
      if (!errors && !isDuplicateKey(err)) {
        for (const p of batch) p.reject(err);
        if (queue.length) schedule();
        return;
      }
      // Without per-document results, treat every document as a possible duplicate:
      // settleDuplicate finds the ones that were stored and answers them as such.
      for (const e of errors ?? batch.map((_, index) => ({ index, code: 11000 }))) failed.set(e.index, e.code);
    }
    batch.forEach((p, i) => {
      if (!failed.has(i)) return p.resolve({ doc: docs[i]!.toObject() as MessageDoc, fresh: true });
      if (failed.get(i) === 11000) return void settleDuplicate(p).catch(p.reject);
      p.reject(new AppError('INTERNAL', 'Message could not be stored'));
    });
    if (queue.length) schedule();
  }

  return {
    /** Stores a message under the channel's next seq; resolves once it is written. */
    insert(channelId: string, authorId: string, clientId: string, fields: Record<string, unknown>): Promise<{ doc: MessageDoc; fresh: boolean }> {
      if (queue.length >= MAX_QUEUE) {
        return Promise.reject(new AppError('RATE_LIMITED', 'The server is busy; try again shortly', { retryAfterSeconds: 1 }));
      }
      return new Promise((resolve, reject) => {
        enqueue({ channelId, authorId, clientId, fields, attempts: 0, resolve, reject }).catch(reject);
      });
    },

    /** The newest seq this node knows of in a channel. */
    lastSeq: known,

    /** Learns every open channel's newest seq before traffic arrives (boot). */
    async warm(): Promise<number> {
      const channels = await models.Channel.find({ archived: false }, { _id: 1 }).lean();
      for (const c of channels) await known(c._id.toString());
      return channels.length;
    },
  };
}

export type MessageWriter = ReturnType<typeof createMessageWriter>;
