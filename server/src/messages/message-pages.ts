import type { Message } from '@linli/shared';
import { isDuplicateKey } from '../lib/errors.js';
import { op } from '../lib/db.js';
import type { Models } from '../models.js';
import { derivedId, objectId } from '../lib/db.js';
import type { MessageDoc } from './message.model.js';

/** Seqs read per query: one indexed `_id $in` list. */
export const PAGE_SIZE = 64;
/**
 * A seq handed out longer ago than this and still without a message never gets one:
 * the writer inserts right after allocating and gives up on failure (a retry takes a
 * new seq). Readers treat younger gaps as writes in flight.
 */
export const HOLE_SETTLE_MS = 60_000;

/** A message as the copies keep it: the wire object plus its revision. */
export type MessageCopy = Message & { rev: number };
/** A copy, null for a seq that never holds a message, undefined when not known yet. */
export type PageEntry = MessageCopy | null | undefined;

/**
 * The stored form: the wire object as one JSON string (FerretDB's cost per document
 * grows with its fields; one string field reads about twice as fast as twenty), its
 * revision beside it (-1 for a void) for conditional replacement.
 */
interface CopyDoc {
  _id: unknown;
  seq: number;
  rev: number;
  j: string | null;
}

const copyId = (channelId: string, seq: number) => derivedId('copy', channelId, String(seq));

/** The document that holds a message's copy (bulk loads: imports, benchmarks). */
export const copyDocument = (copy: MessageCopy) => ({ _id: copyId(copy.channelId, copy.seq), channelId: objectId(copy.channelId), seq: copy.seq, rev: copy.rev, j: JSON.stringify(copy) });

/**
 * The per-channel message copies: what opening a channel, catching up and counting
 * unread read, by _id lists only, so they cost the same at 10,000 or 1,000,000 stored
 * messages. Written by the message writer (new messages, one insert per batch) and
 * after every change of a message (edit, delete, hide, reaction, reply count), each
 * copy replaced only by one of a higher revision. A seq that should have a copy and
 * has none after HOLE_SETTLE_MS (a write that died between the insert and the copy,
 * data from before copies existed) is filled once from the messages collection.
 */
export function createMessagePages(models: Models, present: (docs: MessageDoc[]) => Promise<Message[]>) {
  const copies = models.MessageCopy.collection;

  /** Writes the copies of newly stored messages (nothing can have changed them yet). */
  async function writeFresh(list: MessageCopy[]): Promise<void> {
    try {
      await copies.insertMany(list.map(copyDocument) as never[], { ordered: false });
    } catch (err) {
      // A seq voided earlier and stored after all (the database answered late): the copy wins.
      const dups = (err as { writeErrors?: { index?: number; code?: number }[] }).writeErrors?.filter((writeError) => writeError.code === 11000) ?? [];
      if (dups.length === 0) throw err;
      await Promise.all(dups.map((writeError) => writeCopy(list[writeError.index ?? 0]!)));
    }
  }

  /** Replaces a message's copy unless a newer revision is there already. */
  async function writeCopy(copy: MessageCopy): Promise<void> {
    const _id = copyId(copy.channelId, copy.seq);
    const newer = { _id, rev: { $lt: copy.rev } };
    const set = { $set: { rev: copy.rev, j: JSON.stringify(copy) } };
    const res = await copies.updateOne(newer as never, set);
    if (res.matchedCount > 0) return;
    try {
      await copies.insertOne(copyDocument(copy) as never);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await copies.updateOne(newer as never, set); // created meanwhile
    }
  }

  /** Marks a seq that will never hold a message (unless a copy is there already). */
  async function writeVoid(channelId: string, seq: number): Promise<void> {
    try {
      await copies.insertOne({ _id: copyId(channelId, seq), channelId: objectId(channelId), seq, rev: -1, j: null } as never);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /** Copies (or voids) old gaps from the messages collection (reads the whole collection on FerretDB: rare). */
  async function fill(channelId: string, seqs: number[]): Promise<void> {
    const docs = (await models.Message.find({ channelId, seq: op({ $in: seqs }) }).lean()) as MessageDoc[];
    const wire = await present(docs);
    await Promise.all(wire.map((message, i) => writeCopy({ ...message, rev: docs[i]!.rev ?? 0 })));
    const found = new Set(docs.map((doc) => doc.seq));
    await Promise.all(seqs.filter((seq) => !found.has(seq)).map((seq) => writeVoid(channelId, seq)));
  }

  async function read(channelId: string, from: number, to: number): Promise<Map<number, MessageCopy | null>> {
    const ids = [];
    for (let seq = from; seq <= to; seq++) ids.push(copyId(channelId, seq));
    const docs = (await copies.find({ _id: { $in: ids } } as never).toArray()) as unknown as CopyDoc[];
    return new Map(docs.map((doc) => [doc.seq, doc.j === null ? null : (JSON.parse(doc.j) as MessageCopy)]));
  }

  /**
   * Entries for seqs from..to (inclusive, at most a few hundred) of a channel whose
   * last seq was handed out at `headAt`. Gaps old enough to be settled are filled from
   * the messages collection once, so what is returned as undefined is a write still in
   * flight.
   */
  async function entries(channelId: string, from: number, to: number, headAt: Date | null): Promise<PageEntry[]> {
    if (to < from) return [];
    let got = await read(channelId, from, to);
    const now = Date.now();
    const missing: number[] = [];
    for (let seq = from; seq <= to; seq++) if (!got.has(seq)) missing.push(seq);
    if (missing.length > 0) {
      const allOld = headAt !== null && now - headAt.getTime() > HOLE_SETTLE_MS;
      // A later message that is old enough settles every gap before it.
      let oldUpTo = 0;
      for (const copy of got.values()) if (copy && now - Date.parse(copy.createdAt) > HOLE_SETTLE_MS) oldUpTo = Math.max(oldUpTo, copy.seq);
      const settled = missing.filter((seq) => allOld || seq < oldUpTo);
      if (settled.length > 0) {
        await fill(channelId, settled);
        got = await read(channelId, from, to);
      }
    }
    const out: PageEntry[] = [];
    for (let seq = from; seq <= to; seq++) out.push(got.has(seq) ? got.get(seq) : undefined);
    return out;
  }

  return { writeFresh, writeCopy, writeVoid, entries };
}

export type MessagePages = ReturnType<typeof createMessagePages>;
