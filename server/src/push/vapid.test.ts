import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { createLogger } from '../lib/logger.js';
import { resolveVapidKeys } from './vapid.js';

const log = createLogger('silent');
const dir = mkdtempSync(path.join(tmpdir(), 'linli-vapid-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('VAPID keys', () => {
  it('development without keys: one pair generated into DATA_DIR, the same after a restart', () => {
    const config = parseConfig({ NODE_ENV: 'development', DATA_DIR: dir });
    const first = resolveVapidKeys(config, log);
    expect(first.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(first.privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const file = path.join(dir, 'push-vapid.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ publicKey: first.publicKey, privateKey: first.privateKey });
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(resolveVapidKeys(config, log)).toEqual(first);
  });

  it('configured keys and subject are used as they are', () => {
    const keys = resolveVapidKeys(parseConfig({ NODE_ENV: 'development', DATA_DIR: dir }), log);
    const config = parseConfig({ NODE_ENV: 'development', VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'https://linli.example.cn' });
    expect(resolveVapidKeys(config, log)).toEqual({ publicKey: keys.publicKey, privateKey: keys.privateKey, subject: 'https://linli.example.cn' });
  });

  it('malformed keys or subject are configuration errors', () => {
    expect(() => parseConfig({ VAPID_PUBLIC_KEY: 'short' })).toThrow(/VAPID_PUBLIC_KEY/);
    expect(() => parseConfig({ VAPID_SUBJECT: 'ops@linli.example.cn' })).toThrow(/VAPID_SUBJECT/);
  });
});
