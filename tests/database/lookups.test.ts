import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectId, type Db } from 'mongodb';
import { openContractDatabase, type ContractDatabase } from './contract-db.js';

/**
 * The one lookup Linli's growing data relies on (message pages, channel heads,
 * messages by id): an _id equality, alone or with other conditions, answered from
 * the _id index rather than by reading the whole collection. On the embedded server
 * that needs tools/ferretdb/patches/ (01-sqlite-id-index.patch, 02-sqlite-id-in.patch).
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

type Doc = { _id: ObjectId; i: number; tag?: string };

describe('lookups by _id', () => {
  it('find, update and delete by _id (with or without other conditions) hit exactly the right document', async () => {
    const col = db.collection<Doc>('by-id');
    const ids = Array.from({ length: 200 }, () => new ObjectId());
    await col.insertMany(ids.map((_id, i) => ({ _id, i })));
    expect((await col.findOne({ _id: ids[17]! }))?.i).toBe(17);
    expect((await col.findOne({ _id: ids[17]!, i: 17 }))?.i).toBe(17);
    expect(await col.findOne({ _id: ids[17]!, i: 18 })).toBeNull();
    expect((await col.updateOne({ _id: ids[5]!, i: 6 }, { $set: { tag: 'no' } })).modifiedCount).toBe(0);
    expect((await col.updateOne({ _id: ids[5]!, i: 5 }, { $set: { tag: 'yes' } })).modifiedCount).toBe(1);
    expect((await col.findOne({ _id: ids[5]! }))?.tag).toBe('yes');
    expect(await col.countDocuments({ tag: 'yes' })).toBe(1);
    expect((await col.deleteOne({ _id: ids[9]!, i: 9 })).deletedCount).toBe(1);
    expect(await col.countDocuments()).toBe(199);
  });

  it.runIf(suiteTarget() === 'embedded')('the embedded server answers an _id equality from the _id index', async () => {
    const col = db.collection<Doc>('by-id-plan');
    const _id = new ObjectId();
    await col.insertOne({ _id, i: 1 });
    const other = new ObjectId();
    await col.insertOne({ _id: other, i: 2 });
    const many = await col.find({ _id: { $in: [_id, other, new ObjectId()] } }).toArray();
    expect(many.map((d) => d.i).sort()).toEqual([1, 2]);
    for (const filter of [{ _id }, { _id, i: 1 }, { _id: { $in: [_id, other] } }]) {
      const plan = JSON.stringify((await col.find(filter).explain()) as unknown);
      expect(plan, JSON.stringify(filter)).toMatch(/USING INDEX \S+__id_/);
    }
  });
});

/** Which server the suite runs against (before beforeAll has opened it). */
function suiteTarget(): string {
  return process.env.MONGODB_URI ? 'MONGODB_URI' : 'embedded';
}
