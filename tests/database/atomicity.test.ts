import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoServerError, ObjectId, type Db } from 'mongodb';
import { fulfilled, openContractDatabase, race, shuffled, type ContractDatabase } from './contract-db.js';
import { isDuplicateKey } from '../../server/src/lib/errors.js';

/**
 * MongoDB's single-document atomicity, which the application relies on: every
 * update of one document sees the previous one, whichever connection or node
 * sends it. Each case runs at least 100 operations at once over a pool of 50
 * connections (or several clients) and checks that nothing was lost.
 */
let cdb: ContractDatabase;
let db: Db;

beforeAll(async () => {
  cdb = await openContractDatabase();
  db = cdb.db;
});
afterAll(async () => {
  await cdb?.close();
});

type Counter = { _id: ObjectId; n: number };

describe('single-document atomicity under concurrency', () => {
  it('300 concurrent $inc on one document end at 300', async () => {
    const col = db.collection<Counter>('inc');
    const { insertedId } = await col.insertOne({ _id: new ObjectId(), n: 0 });
    fulfilled(await race(300, () => col.updateOne({ _id: insertedId }, { $inc: { n: 1 } })));
    expect((await col.findOne({ _id: insertedId }))?.n, `final count on ${cdb.target}`).toBe(300);
  });

  it('300 concurrent $inc from five separate clients (nodes) end at 300', async () => {
    const nodes = await cdb.nodes(5);
    const { insertedId } = await db.collection<Counter>('inc-nodes').insertOne({ _id: new ObjectId(), n: 0 });
    fulfilled(await race(300, (i) => nodes[i % nodes.length]!.collection<Counter>('inc-nodes').updateOne({ _id: insertedId }, { $inc: { n: 1 } })));
    expect((await db.collection<Counter>('inc-nodes').findOne({ _id: insertedId }))?.n).toBe(300);
  });

  it('100 concurrent conditional claims on usedAt: null have exactly one winner', async () => {
    const nodes = await cdb.nodes(4);
    const col = db.collection<{ _id: ObjectId; usedAt: Date | null; by: number | null }>('claims');
    const { insertedId } = await col.insertOne({ _id: new ObjectId(), usedAt: null, by: null });
    const results = fulfilled(
      await race(100, (i) =>
        nodes[i % nodes.length]!.collection<{ _id: ObjectId; usedAt: Date | null; by: number | null }>('claims').updateOne(
          { _id: insertedId, usedAt: null },
          { $set: { usedAt: new Date(), by: i } },
        ),
      ),
    );
    const winners = results.flatMap((r, i) => (r.modifiedCount === 1 ? [i] : []));
    expect(winners.length, 'claims that modified the document').toBe(1);
    expect((await col.findOne({ _id: insertedId }))?.by).toBe(winners[0]);
  });

  it('100 concurrent findOneAndUpdate with n < 5 have exactly five winners', async () => {
    const col = db.collection<Counter>('bounded');
    const { insertedId } = await col.insertOne({ _id: new ObjectId(), n: 0 });
    const results = fulfilled(
      await race(100, () => col.findOneAndUpdate({ _id: insertedId, n: { $lt: 5 } }, { $inc: { n: 1 } }, { returnDocument: 'after' })),
    );
    const winners = results.filter((r) => r !== null);
    expect(winners.length, 'updates that matched').toBe(5);
    expect(winners.map((w) => w.n).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await col.findOne({ _id: insertedId }))?.n).toBe(5);
  });

  it('concurrent $set of two different fields on one document keeps both (100 pairs)', async () => {
    type Pair = { _id: number; a?: number; b?: number };
    const col = db.collection<Pair>('pairs');
    await col.insertMany(Array.from({ length: 100 }, (_, i) => ({ _id: i })));
    fulfilled(await race(200, (k) => col.updateOne({ _id: k >> 1 }, { $set: k % 2 ? { b: k } : { a: k } })));
    const docs = await col.find().toArray();
    const both = docs.filter((d) => d.a !== undefined && d.b !== undefined).length;
    expect(both, 'documents that kept both fields').toBe(100);
  });

  it('100 concurrent inserts under a unique index store exactly one', async () => {
    const col = db.collection<{ key: string; i: number }>('unique');
    await col.createIndex({ key: 1 }, { unique: true });
    const results = await race(100, (i) => col.insertOne({ key: 'same', i }));
    const rejected = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as unknown);
    for (const e of rejected) expect(e instanceof MongoServerError && e.code === 11000, String(e)).toBe(true);
    expect(rejected.length).toBe(99);
    expect(await col.countDocuments({ key: 'same' })).toBe(1);
  });

  it('an update into a key a unique index holds is refused, and isDuplicateKey knows it', async () => {
    const col = db.collection<{ name: string }>('unique-update');
    await col.createIndex({ name: 1 }, { unique: true });
    await col.insertMany([{ name: 'a' }, { name: 'b' }]);
    for (const attempt of [() => col.updateOne({ name: 'b' }, { $set: { name: 'a' } }), () => col.findOneAndUpdate({ name: 'b' }, { $set: { name: 'a' } })]) {
      const error = await attempt().then(
        () => null,
        (err: unknown) => err,
      );
      expect(isDuplicateKey(error), String(error)).toBe(true);
    }
    expect(await col.countDocuments({ name: 'b' })).toBe(1);
  });

  it('100 concurrent $push and 100 concurrent $pull on one array lose nothing', async () => {
    const col = db.collection<{ _id: ObjectId; items: number[] }>('arrays');
    const { insertedId } = await col.insertOne({ _id: new ObjectId(), items: Array.from({ length: 100 }, (_, i) => i) });
    const order = shuffled(200);
    fulfilled(
      await race(200, (k) => {
        const v = order[k]!;
        // 0..99 are pulled out, 100..199 pushed in
        return v < 100 ? col.updateOne({ _id: insertedId }, { $pull: { items: v } }) : col.updateOne({ _id: insertedId }, { $push: { items: v } });
      }),
    );
    const items = (await col.findOne({ _id: insertedId }))?.items ?? [];
    expect([...items].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => 100 + i));
  });

  it('200 concurrent $max in random order end at the largest value', async () => {
    const col = db.collection<{ _id: ObjectId; seq: number; touched: number }>('max');
    const { insertedId } = await col.insertOne({ _id: new ObjectId(), seq: -1, touched: 0 });
    const order = shuffled(200);
    fulfilled(await race(200, (k) => col.updateOne({ _id: insertedId }, { $max: { seq: order[k]! }, $inc: { touched: 1 } })));
    const doc = await col.findOne({ _id: insertedId });
    expect({ seq: doc?.seq, touched: doc?.touched }).toEqual({ seq: 199, touched: 200 });
  });

  it('a delete racing updates never brings the document back', async () => {
    type Doc = { _id: number; n: number; updatedAt?: Date };
    const col = db.collection<Doc>('deletes');
    const docs = 10;
    const updatesPerDoc = 20;
    await col.insertMany(Array.from({ length: docs }, (_, i) => ({ _id: i, n: 0 })));
    const results = fulfilled(
      await race(docs * (updatesPerDoc + 1), (k) => {
        const id = k % docs;
        const step = Math.floor(k / docs);
        // the delete of each document is sent in the middle of its updates
        if (step === updatesPerDoc / 2) return col.deleteOne({ _id: id }).then((r) => r.deletedCount);
        return col.updateOne({ _id: id }, { $inc: { n: 1 }, $set: { updatedAt: new Date() } }).then((r) => r.modifiedCount);
      }),
    );
    expect(results.length).toBe(210);
    expect(await col.countDocuments({}), 'documents left after the deletes').toBe(0);
  });
});
