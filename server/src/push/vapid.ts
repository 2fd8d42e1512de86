import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';
import type { Config } from '../config.js';
import type { Logger } from '../lib/logger.js';

/** The server's VAPID identity: push services check every push is signed by the key a subscription was made with. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const DEV_SUBJECT = 'mailto:dev@linli.invalid';
/** Test servers without configured keys share one pair per process (two nodes of a test cluster must sign alike). */
let testPair: { publicKey: string; privateKey: string } | null = null;

/**
 * The VAPID keys from config; production requires them (config.ts). Elsewhere, unset keys
 * are generated once and kept in DATA_DIR/push-vapid.json, so a restart keeps the devices
 * already subscribed (a new key would orphan every subscription); tests keep one pair in memory.
 */
export function resolveVapidKeys(config: Config, log: Logger): VapidKeys {
  const subject = config.VAPID_SUBJECT ?? DEV_SUBJECT;
  if (config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY) return { publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY, subject };
  if (config.NODE_ENV === 'production') throw new Error('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set in production');
  if (config.NODE_ENV === 'test') {
    testPair ??= webpush.generateVAPIDKeys();
    return { ...testPair, subject };
  }
  const file = path.resolve(config.DATA_DIR, 'push-vapid.json');
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { publicKey?: unknown; privateKey?: unknown };
    if (typeof stored.publicKey === 'string' && typeof stored.privateKey === 'string') return { publicKey: stored.publicKey, privateKey: stored.privateKey, subject };
  } catch {
    // Missing or unreadable: make a pair below.
  }
  const pair = webpush.generateVAPIDKeys();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(pair), { mode: 0o600 });
  log.info({ file }, 'web push: generated a development VAPID key pair (set VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY in production)');
  return { ...pair, subject };
}
