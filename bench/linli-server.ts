/**
 * Boots the real Linli app the way server/src/main.ts does: config -> embedded
 * FerretDB (SQLite, 127.0.0.1) -> mongoose -> createApp -> listen, single node
 * without Redis unless BENCH_REDIS_URL is set.
 *
 *   serve: BENCH_DATA_DIR=<copy of the seeded template> BENCH_DB=<db>
 *          prints `BENCH_READY {"port":..,"ferretPid":..}`
 *   seed:  BENCH_SEED=1 BENCH_DATA_DIR=<template dir>; writes fixtures-<db>.json there
 *   shared database (several nodes): BENCH_MONGODB_URI=<uri of a running FerretDB> instead of
 *          starting one (BENCH_DATA_DIR is then unused); BENCH_REDIS_FLUSH=0 keeps Redis as
 *          the first node left it; BENCH_MESSAGE_SEND_BURST raises message:send's per-user limit
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createClient, type RedisClientType } from 'redis';
import { parseConfig } from '../server/src/config.js';
import { createLogger } from '../server/src/lib/logger.js';
import { connectMongo, syncIndexes } from '../server/src/lib/db.js';
import { startFerretDB } from '../server/src/lib/ferretdb.js';
import { createModels } from '../server/src/models.js';
import { consoleSmsDriver } from '../server/src/auth/sms.js';
import { createApp } from '../server/src/app.js';
import { LAYOUTS, seedScenario } from './fixtures.js';

const dataDir = process.env.BENCH_DATA_DIR;
const sharedUri = process.env.BENCH_MONGODB_URI;
if (!dataDir && !sharedUri) throw new Error('BENCH_DATA_DIR is required');

const config = parseConfig({
  NODE_ENV: 'development',
  HOST: '127.0.0.1',
  PORT: '0',
  SEED_DEMO: 'false',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  // The per-user command limit is not what is measured; message:send keeps its own limiter.
  SOCKET_EVENTS_PER_10S: '10000',
  ...(process.env.BENCH_MESSAGE_SEND_BURST ? { MESSAGE_SEND_BURST: process.env.BENCH_MESSAGE_SEND_BURST } : {}),
  ...(process.env.BENCH_REDIS_URL ? { REDIS_URL: process.env.BENCH_REDIS_URL } : {}),
});
const log = createLogger(config.LOG_LEVEL);

/** The FerretDB child of this process (startFerretDB does not expose it). */
async function ferretPid(): Promise<number | null> {
  const { readFileSync, readdirSync } = await import('node:fs');
  for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
    const children = readFileSync(`/proc/${process.pid}/task/${tid}/children`, 'utf8').trim();
    for (const pid of children.split(/\s+/).filter(Boolean).map(Number)) {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('ferretdb')) return pid;
    }
  }
  return null;
}

async function main() {
  const ferret = sharedUri ? { uri: sharedUri, stop: async () => undefined } : await startFerretDB({ dataDir: dataDir!, port: 0, log });

  if (process.env.BENCH_SEED === '1') {
    let phoneBase = 0;
    for (const layout of Object.values(LAYOUTS)) {
      const conn = await connectMongo(ferret.uri, layout.db);
      const models = createModels(conn);
      await syncIndexes(conn);
      const fixture = await seedScenario(models, layout, phoneBase);
      writeFileSync(path.join(dataDir!, `fixtures-${layout.db}.json`), JSON.stringify(fixture));
      phoneBase += 1_000_000;
      await conn.close();
    }
    await ferret.stop();
    process.stdout.write('BENCH_SEEDED\n');
    process.exit(0);
  }

  const db = process.env.BENCH_DB;
  if (!db) throw new Error('BENCH_DB is required');
  const conn = await connectMongo(ferret.uri, db);
  const models = createModels(conn);
  await syncIndexes(conn);

  let redis: RedisClientType | null = null;
  if (config.REDIS_URL) {
    redis = createClient({ url: config.REDIS_URL });
    await redis.connect();
    if (process.env.BENCH_REDIS_FLUSH !== '0') await redis.flushAll();
  }

  const linli = createApp({ config, models, redis, log, sms: consoleSmsDriver(log) });
  await linli.warm();
  const port = await linli.listen(0, '127.0.0.1');
  process.stdout.write(`BENCH_READY ${JSON.stringify({ port, ferretPid: await ferretPid() })}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const hard = setTimeout(() => process.exit(0), 5000);
    hard.unref();
    await linli.close().catch(() => undefined);
    await conn.close().catch(() => undefined);
    if (redis) await redis.quit().catch(() => undefined);
    await ferret.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err: unknown) => {
  console.error('bench linli-server failed:', err);
  process.exit(1);
});
