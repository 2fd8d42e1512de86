import type { Message } from '@linli/shared';
import { isDuplicateKey } from '../lib/errors.js';
import { op } from '../lib/mongo.model.js';
import type { Models } from '../models.js';
import { derivedId, objectId, type MessageDoc } from './message.model.js';

/** Seqs per page: small pages keep each read and rewrite of one a few kilobytes. */
export const PAGE_SIZE = 16;
/**
 * A seq handed out longer ago than this and still without a message never gets one:
 * the writer inserts right after allocating and gives up on failure (a retry takes a
 * new seq). Readers treat younger gaps as writes in flight.
 */
export const HOLE_SETTLE_MS = 60_000;

/** A message as the pages keep it: the wire object plus its revision. */
export type MessageCopy = Message & { rev: number };
/** A copy, null for a seq that never holds a message, undefined when not known yet. */
export type PageEntry = MessageCopy | null | undefined;

interface PageDoc {
  _id: unknown;
  m?: Record<string, MessageCopy | null>;
  filled?: boolean;
}

export const pageOf = (seq: number) => Math.floor(seq / PAGE_SIZE);
const pageId = (channelId: string, page: number) => derivedId('page', channelId, String(page));
const field = (seq: number) => `m.${seq}`;

/**
 * The per-channel message pages: what opening a channel, catching up and counting
 * unread read, by _id only, so they cost the same at 10,000 or 1,000,000 stored
 * messages. Written by the message writer (new messages) and after every change of a
 * message (edit, delete, hide, reaction, reply count), each copy replaced only by one
 * of a higher revision. A page that lacks a seq it should have (a write that died
 * between the insert and the copy, data from before pages existed) is filled once from
 * the messages collection.
 */
export function createMessagePages(models: Models, present: (docs: MessageDoc[]) => Promise<Message[]>) {
  const pages = models.MessagePage.collection;
  const known = new Set<string>();

  async function ensurePage(channelId: string, page: number): Promise<void> {
    const key = `${channelId}:${page}`;
    if (known.has(key)) return;
    const run = () => pages.updateOne({ _id: pageId(channelId, page) }, { $setOnInsert: { channelId: objectId(channelId), page, m: {}, filled: false } }, { upsert: true });
    try {
      await run();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    known.add(key);
  }

  /** Writes the copies of newly stored messages (nothing can have changed them yet). */
  async function writeFresh(channelId: string, copies: MessageCopy[]): Promise<void> {
    const byPage = new Map<number, MessageCopy[]>();
    for (const c of copies) byPage.set(pageOf(c.seq), [...(byPage.get(pageOf(c.seq)) ?? []), c]);
    await Promise.all(
      [...byPage].map(async ([page, list]) => {
        await ensurePage(channelId, page);
        const set: Record<string, MessageCopy> = {};
        for (const c of list) set[field(c.seq)] = c;
        await pages.updateOne({ _id: pageId(channelId, page) }, { $set: set });
      }),
    );
  }

  /** Replaces a message's copy unless the page already holds a newer revision. */
  async function writeCopy(copy: MessageCopy): Promise<void> {
    const page = pageOf(copy.seq);
    await ensurePage(copy.channelId, page);
    const rev = `${field(copy.seq)}.rev`;
    await pages.updateOne(
      { _id: pageId(copy.channelId, page), $or: [{ [rev]: { $exists: false } }, { [rev]: { $lt: copy.rev } }] },
      { $set: { [field(copy.seq)]: copy } },
    );
  }

  /** Marks a seq that will never hold a message (unless a copy is already there). */
  async function writeVoid(channelId: string, seq: number): Promise<void> {
    const page = pageOf(seq);
    await ensurePage(channelId, page);
    await pages.updateOne({ _id: pageId(channelId, page), [field(seq)]: { $exists: false } }, { $set: { [field(seq)]: null } });
  }

  /** Copies a page's messages from the messages collection (reads the whole collection on FerretDB: rare). */
  async function fill(channelId: string, page: number): Promise<void> {
    const docs = (await models.Message.find({ channelId, seq: op({ $gte: page * PAGE_SIZE, $lt: (page + 1) * PAGE_SIZE }) }).lean()) as MessageDoc[];
    const wire = await present(docs);
    await Promise.all(wire.map((w, i) => writeCopy({ ...w, rev: docs[i]!.rev ?? 0 })));
    await pages.updateOne({ _id: pageId(channelId, page) }, { $set: { filled: true } });
  }

  async function readPage(channelId: string, page: number): Promise<PageDoc | null> {
    return (await pages.findOne({ _id: pageId(channelId, page) })) as PageDoc | null;
  }

  /**
   * Entries for seqs from..to (inclusive) of a channel whose last seq was handed out
   * at `headAt`. Gaps old enough to be settled are filled from the messages collection
   * once, so what is returned as undefined is a write still in flight.
   */
  async function entries(channelId: string, from: number, to: number, headAt: Date | null): Promise<PageEntry[]> {
    if (to < from) return [];
    const first = pageOf(from);
    const last = pageOf(to);
    const ids: number[] = [];
    for (let p = first; p <= last; p++) ids.push(p);
    const docs = await Promise.all(ids.map((p) => readPage(channelId, p)));
    const now = Date.now();
    const settledBefore = (seq: number, list: (PageDoc | null)[]) => {
      if (headAt && now - headAt.getTime() > HOLE_SETTLE_MS) return true;
      // A later message that is old enough settles every gap before it.
      for (const d of list) {
        for (const c of Object.values(d?.m ?? {})) if (c && c.seq > seq && now - Date.parse(c.createdAt) > HOLE_SETTLE_MS) return true;
      }
      return false;
    };
    for (let i = 0; i < ids.length; i++) {
      const doc = docs[i];
      if (doc?.filled) continue;
      const lo = Math.max(from, ids[i]! * PAGE_SIZE);
      const hi = Math.min(to, ids[i]! * PAGE_SIZE + PAGE_SIZE - 1);
      let gap = -1;
      for (let s = lo; s <= hi; s++) {
        if (doc?.m?.[String(s)] === undefined) {
          gap = s;
          break;
        }
      }
      if (gap !== -1 && settledBefore(gap, docs)) {
        await fill(channelId, ids[i]!);
        docs[i] = await readPage(channelId, ids[i]!);
      }
    }
    const out: PageEntry[] = [];
    for (let s = from; s <= to; s++) {
      const doc = docs[pageOf(s) - first];
      const e = doc?.m?.[String(s)];
      if (e === undefined && doc?.filled) out.push(null);
      else out.push(e);
    }
    return out;
  }

  return { writeFresh, writeCopy, writeVoid, entries, readPage };
}

export type MessagePages = ReturnType<typeof createMessagePages>;

/** Whole page documents for copies of one channel, as the writer would leave them (bulk loads: imports, benchmarks). */
export function pageDocuments(channelId: string, copies: MessageCopy[]): { _id: unknown; channelId: unknown; page: number; m: Record<string, MessageCopy>; filled: boolean }[] {
  const byPage = new Map<number, Record<string, MessageCopy>>();
  for (const c of copies) {
    const m = byPage.get(pageOf(c.seq)) ?? {};
    m[String(c.seq)] = c;
    byPage.set(pageOf(c.seq), m);
  }
  return [...byPage].map(([page, m]) => ({ _id: pageId(channelId, page), channelId: objectId(channelId), page, m, filled: false }));
}
