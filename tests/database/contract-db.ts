import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { startTestFerretDB, type RunningService } from '../support/services.js';

/**
 * The database under contract: a real MongoDB when MONGODB_URI is set (in a
 * throwaway database dropped afterwards), otherwise the embedded server
 * started fresh for this suite.
 */
export interface ContractDatabase {
  /** Where it runs, for failure messages: 'embedded' or 'MONGODB_URI'. */
  target: string;
  /** A client with a pool of `poolSize` connections, opened by `open`. */
  client: MongoClient;
  db: Db;
  /** Opens `count` more clients on the same database, as if from separate nodes. */
  nodes(count: number, poolSize?: number): Promise<Db[]>;
  close(): Promise<void>;
}

const POOL_SIZE = 50;

async function connect(uri: string, maxPoolSize: number): Promise<MongoClient> {
  const client = new MongoClient(uri, { maxPoolSize, maxConnecting: maxPoolSize, serverSelectionTimeoutMS: 15_000 });
  await client.connect();
  // Open every pooled connection up front, so the races below really run on many connections.
  await Promise.all(Array.from({ length: maxPoolSize }, () => client.db('admin').command({ ping: 1 })));
  return client;
}

export async function openContractDatabase(): Promise<ContractDatabase> {
  const external = process.env.MONGODB_URI;
  let embedded: RunningService | undefined;
  const uri = external ?? (embedded = await startTestFerretDB()).url;
  const dbName = `linli_contract_${randomBytes(4).toString('hex')}`;
  const client = await connect(uri, POOL_SIZE);
  const extra: MongoClient[] = [];
  return {
    target: external ? 'MONGODB_URI' : 'embedded',
    client,
    db: client.db(dbName),
    async nodes(count, poolSize = 10) {
      const clients = await Promise.all(Array.from({ length: count }, () => connect(uri, poolSize)));
      extra.push(...clients);
      return clients.map((c) => c.db(dbName));
    },
    async close() {
      await Promise.all(extra.map((c) => c.close()));
      await client.db(dbName).dropDatabase().catch(() => undefined);
      await client.close();
      await embedded?.stop();
    },
  };
}

/** Runs `count` operations at once and returns their outcomes in order. */
export function race<T>(count: number, op: (i: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(Array.from({ length: count }, (_, i) => op(i)));
}

/** The values of the operations that succeeded; throws the first unexpected error. */
export function fulfilled<T>(results: PromiseSettledResult<T>[]): T[] {
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/** Fisher-Yates shuffle of 0..n-1, so racing values arrive in no particular order. */
export function shuffled(n: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randomBytes(4).readUInt32LE() % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
