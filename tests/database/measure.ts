/**
 * Cost of the embedded server's write serialisation, for the README:
 * `node --import tsx tests/database/measure.ts [mongodb-uri]` (default: a
 * fresh embedded server). Prints one line per probe; run it against the old
 * and the new wrapper to compare.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient, ObjectId } from 'mongodb';
import { startTestFerretDB } from '../support/services.js';

const embedded = process.argv[2] ? undefined : await startTestFerretDB();
const uri = process.argv[2] ?? embedded!.url;
const client = new MongoClient(uri, { maxPoolSize: 50, maxConnecting: 50 });
await client.connect();
await Promise.all(Array.from({ length: 50 }, () => client.db('admin').command({ ping: 1 })));
const db = client.db(`linli_measure_${randomBytes(4).toString('hex')}`);

async function timed(label: string, ops: number, run: () => Promise<string>) {
  const t0 = performance.now();
  const note = await run();
  const ms = performance.now() - t0;
  console.log(`${label}: ${(ms / 1000).toFixed(2)} s, ${Math.round((ops / ms) * 1000)} ops/s${note ? `, ${note}` : ''}`);
}
const all = (n: number, op: (i: number) => Promise<unknown>) => Promise.all(Array.from({ length: n }, (_, i) => op(i)));

try {
  const seq = db.collection('seq');
  await timed('2,000 sequential inserts', 2000, async () => {
    for (let i = 0; i < 2000; i++) await seq.insertOne({ i, body: 'x'.repeat(100) });
    return '';
  });

  const one = db.collection<{ _id: ObjectId; n: number }>('one');
  const { insertedId } = await one.insertOne({ _id: new ObjectId(), n: 0 });
  await timed('300 concurrent $inc on one document', 300, async () => {
    await all(300, () => one.updateOne({ _id: insertedId }, { $inc: { n: 1 } }));
    return `ended at ${(await one.findOne({ _id: insertedId }))?.n}`;
  });

  const many = db.collection<{ _id: number; n: number }>('many');
  await many.insertMany(Array.from({ length: 100 }, (_, i) => ({ _id: i, n: 0 })));
  await timed('2,000 concurrent $inc over 100 documents', 2000, async () => {
    await all(2000, (i) => many.updateOne({ _id: i % 100 }, { $inc: { n: 1 } }));
    const [sum] = await many.aggregate<{ n: number }>([{ $group: { _id: null, n: { $sum: '$n' } } }]).toArray();
    return `sum ${sum?.n}`;
  });

  const ins = db.collection('ins');
  await timed('2,000 concurrent inserts', 2000, async () => {
    await all(2000, (i) => ins.insertOne({ i, body: 'x'.repeat(100) }));
    return '';
  });

  await timed('2,000 concurrent finds by _id', 2000, async () => {
    await all(2000, (i) => many.findOne({ _id: i % 100 }));
    return '';
  });

  await timed('1,000 finds by _id during 1,000 updates', 1000, async () => {
    let last = 0;
    const t0 = performance.now();
    await Promise.all([
      all(1000, (i) => many.updateOne({ _id: i % 100 }, { $inc: { n: 1 } })),
      all(1000, (i) => many.findOne({ _id: i % 100 }).then(() => (last = performance.now() - t0))),
    ]);
    return `last find after ${(last / 1000).toFixed(2)} s`;
  });
} finally {
  await db.dropDatabase();
  await client.close();
  await embedded?.stop();
}
