/**
 * `node --import tsx bench/explain.ts`: times the queries on Linli's connect
 * and message:send paths against the embedded FerretDB with the bench fixtures,
 * and prints FerretDB's plan for each (filterPushdown, SCAN vs index).
 * Needs a seeded template (bench/.data/template, left by `npm run bench`).
 */
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFerretDB } from '../server/src/lib/ferretdb.js';
import { connectMongo } from '../server/src/lib/db.js';
import type { Fixture } from './fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const template = path.join(here, '.data', 'template');
if (!existsSync(template)) throw new Error('run `npm run bench` first (it seeds bench/.data/template)');
const dir = path.join(here, '.data', 'explain');
rmSync(dir, { recursive: true, force: true });
cpSync(template, dir, { recursive: true });
const ferret = await startFerretDB({ dataDir: dir, port: 0 });

for (const db of ['bench_big', 'bench_memory']) {
  const conn = await connectMongo(ferret.uri, db);
  const f = JSON.parse(readFileSync(path.join(dir, `fixtures-${db}.json`), 'utf8')) as Fixture;
  const u = f.users.at(-1)!;
  const { communityId } = f.channels[u.channel]!;
  const { Types } = await import('mongoose');
  const oid = (s: string) => new Types.ObjectId(s);
  const tokenHash = createHash('sha256').update(u.token).digest('hex');
  const queries: [string, string, object, string][] = [
    ['sessions', 'Session.findOne({tokenHash}) — socket auth (auth.service resolveSession)', { tokenHash }, 'findOne'],
    ['memberships', 'Membership.find({userId,status}) — joinRooms (realtime/socket.ts) and presence.communitiesOf', { userId: oid(u.userId), status: 'active' }, 'find'],
    ['memberships', 'Membership.findOne({communityId,userId,status}) — loadAccess on every message:send', { communityId: oid(communityId), userId: oid(u.userId), status: 'active' }, 'findOne'],
    ['users', 'User.findOne({_id}) — socket auth', { _id: oid(u.userId) }, 'findOne'],
  ];
  const count = async (c: string) => conn.db!.collection(c).countDocuments({});
  console.log(`\n${db}: ${await count('memberships')} memberships, ${await count('sessions')} sessions`);
  for (const [coll, label, filter, kind] of queries) {
    const c = conn.db!.collection(coll);
    const run = () => (kind === 'find' ? c.find(filter).toArray() : c.findOne(filter));
    await run();
    const t = performance.now();
    for (let i = 0; i < 5; i++) await run();
    const ms = (performance.now() - t) / 5;
    const plan = (await c.find(filter).explain()) as { queryPlanner?: { Plan?: string[] }; filterPushdown?: boolean };
    console.log(`  ${ms.toFixed(1).padStart(7)} ms  pushdown=${plan.filterPushdown}  ${plan.queryPlanner?.Plan?.join(' ; ')}  ${label}`);
  }
  await conn.close();
}
await ferret.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
