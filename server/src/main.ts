import { createClient, type RedisClientType } from 'redis';
import { ConfigError, parseConfig } from './config.js';
import { createLogger } from './lib/logger.js';
import { connectMongo, syncIndexes } from './lib/db.js';
import { ferretDataDir, startFerretDB, type EmbeddedFerretDB } from './lib/ferretdb.js';
import { createModels } from './models.js';
import { consoleSmsDriver } from './auth/sms.js';
import { createSmsDriver } from './sms/drivers.js';
import { createApp } from './app.js';
import { DEMO_COMMUNITY, demoUsers, seedDemo } from './seed/demo.js';
import { seedDemoIssues } from './seed/demo-issues.js';
import { seedDemoDeliberation } from './seed/demo-deliberation.js';
import { seedDemoPolls } from './seed/demo-polls.js';
import { seedDemoDecisions } from './seed/demo-decisions.js';
import { seedDemoActivities } from './seed/demo-activity.js';
import { seedDemoSurveys } from './seed/demo-surveys.js';
import { seedDemoMonth } from './seed/demo-month.js';
import { seedDemoIndex } from './seed/demo-index.js';

async function main() {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL, config.NODE_ENV === 'development' && process.stdout.isTTY);

  let ferret: EmbeddedFerretDB | null = null;
  let uri = config.MONGODB_URI;
  if (!uri) {
    ferret = await startFerretDB({ dataDir: ferretDataDir(config.DATA_DIR), port: config.FERRETDB_PORT, log });
    uri = ferret.uri;
  }
  const conn = await connectMongo(uri);
  const models = createModels(conn);
  await syncIndexes(conn);
  log.info('database ready');

  let redis: RedisClientType | null = null;
  if (config.REDIS_URL) {
    redis = createClient({ url: config.REDIS_URL });
    redis.on('error', (err: unknown) => log.error({ err }, 'redis error'));
    await redis.connect();
    log.info('redis ready: multi-node adapter and shared rate limits on');
  }

  const seeded = config.seedDemo ? await seedDemo(models, log) : false;

  // Two past months in both demo communities, played through a second app whose clock the seed sets back.
  const history = seeded ? await seedDemoMonth(models, log, (clock) => createApp({ config, models, redis: null, log, sms: consoleSmsDriver(log), clock })) : null;
  if (history) log.info(history, 'demo history seeded');

  // SMS_DRIVER picks the provider (console: codes printed in this log).
  const linli = createApp({ config, models, redis, log, sms: createSmsDriver(config, log) });
  const warmed = await linli.warm();
  log.info(warmed, 'caches warmed');
  if (seeded) await seedDemoIssues(models, linli);
  const demoDeliberation = seeded ? await seedDemoDeliberation(models, linli) : null;
  if (demoDeliberation) log.info(demoDeliberation, 'demo deliberation seeded');
  const demoPolls = seeded ? await seedDemoPolls(models, linli, demoDeliberation?.openDeliberationId ?? null) : null;
  if (demoPolls) log.info(demoPolls, 'demo polls seeded');
  if (seeded) await seedDemoDecisions(models, linli, demoDeliberation?.openDeliberationId ?? null);
  if (seeded) await seedDemoSurveys(models, linli);
  if (seeded) await seedDemoActivities(models, linli);
  // The index last: regions, the street supervisor, the past months published.
  const demoIndex = seeded ? await seedDemoIndex(models, linli) : null;
  if (demoIndex) log.info(demoIndex, 'demo index seeded');
  const port = await linli.listen();
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  log.info({ url }, 'Linli is serving client, API and socket.io');
  if (config.seedDemo) {
    console.log(`\n  Linli 邻里 is running at ${url}\n`);
    console.log(`  Demo community: ${DEMO_COMMUNITY.name} (${DEMO_COMMUNITY.district} ${DEMO_COMMUNITY.street}), invite code ${DEMO_COMMUNITY.inviteCode}`);
    console.log('  Demo logins (the one-time code is printed in this log as "[sms:console] login code ..."):');
    for (const demoUser of demoUsers) console.log(`    ${demoUser.phone.replace('+86', '')}  ${demoUser.name}  ${demoUser.role}${demoUser.platformAdmin ? ' + platform admin' : ''}`);
    console.log('');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await linli.close();
    await conn.close();
    if (redis) await redis.quit();
    if (ferret) await ferret.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('Linli failed to start:', err);
  process.exit(1);
});
