import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, mongoDatabaseName, parseConfig } from './config.js';

/** A production environment with every required setting present. */
const production = {
  NODE_ENV: 'production',
  OTP_PEPPER: 'a-long-production-pepper',
  MONGODB_URI: 'mongodb://db:27017/linli',
  ALLOWED_ORIGINS: 'https://linli.example.cn',
  VAPID_PUBLIC_KEY: 'BJ3b3J8ia0AM-W-G5FIyZntKHArcp4D8ArUuVeYHIQa6X6JWCXhaBtthfgIW-ugj3RIxBYdzKpRRdGOXb6OnWEs',
  VAPID_PRIVATE_KEY: 'RQIFQUmmfJWpz6gYgDMFL1U3tSYhRYcUa9z3dIByFzg',
  VAPID_SUBJECT: 'mailto:ops@linli.example.cn',
} as const;

/** Runs parseConfig and returns the problems of the ConfigError it throws. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('parseConfig accepted the environment');
}

describe('parseConfig', () => {
  describe('development defaults', () => {
    it('an empty environment is a local development setup', () => {
      const c = parseConfig({});
      expect(c.NODE_ENV).toBe('development');
      expect(c.HOST).toBe('127.0.0.1');
      expect(c.PORT).toBe(3000);
      expect(c.ALLOWED_ORIGINS).toEqual([]);
      expect(c.MONGODB_URI).toBeUndefined();
      expect(c.REDIS_URL).toBeUndefined();
      expect(c.DATA_DIR).toBe('data');
      expect(c.FERRETDB_PORT).toBe(27027);
      expect(c.SESSION_TTL_DAYS).toBe(30);
      expect(c.SMS_DRIVER).toBe('console');
      expect(c.PLATFORM_ADMIN_PHONES).toEqual([]);
      expect(c.TRUST_PROXY).toBe(false);
      expect(c.LOG_LEVEL).toBe('info');
    });

    it('development does not demand the production-only settings', () => {
      expect(() => parseConfig({ NODE_ENV: 'development' })).not.toThrow();
      expect(() => parseConfig({ NODE_ENV: 'test' })).not.toThrow();
    });
  });

  describe('production requirements', () => {
    it('a complete production environment is accepted', () => {
      const c = parseConfig({ ...production });
      expect(c.NODE_ENV).toBe('production');
      expect(c.MONGODB_URI).toBe('mongodb://db:27017/linli');
      expect(c.ALLOWED_ORIGINS).toEqual(['https://linli.example.cn']);
    });

    it('missing OTP_PEPPER, MONGODB_URI, ALLOWED_ORIGINS and the VAPID keys are all listed in one ConfigError', () => {
      let caught: unknown;
      try {
        parseConfig({ NODE_ENV: 'production' });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      const problems = (caught as ConfigError).problems;
      expect(problems).toHaveLength(6);
      for (const name of ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT']) expect(problems.some((p) => p.startsWith(name))).toBe(true);
      expect(problems.some((p) => p.startsWith('OTP_PEPPER'))).toBe(true);
      expect(problems.some((p) => p.startsWith('MONGODB_URI'))).toBe(true);
      expect(problems.some((p) => p.startsWith('ALLOWED_ORIGINS'))).toBe(true);
      // The message lists them too, so the boot log shows everything at once.
      for (const p of problems) expect((caught as ConfigError).message).toContain(p);
    });

    it.each([
      ['OTP_PEPPER', { OTP_PEPPER: undefined }],
      ['MONGODB_URI', { MONGODB_URI: undefined }],
      ['ALLOWED_ORIGINS', { ALLOWED_ORIGINS: undefined }],
      ['VAPID_PUBLIC_KEY', { VAPID_PUBLIC_KEY: undefined }],
      ['VAPID_PRIVATE_KEY', { VAPID_PRIVATE_KEY: undefined }],
      ['VAPID_SUBJECT', { VAPID_SUBJECT: undefined }],
    ])('missing only %s is reported alone', (name, override) => {
      const problems = problemsOf({ ...production, ...override });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^${name}:`));
    });

    it('the development pepper set explicitly is refused in production', () => {
      const problems = problemsOf({ ...production, OTP_PEPPER: 'dev-only-pepper-change-me' });
      expect(problems).toEqual(['OTP_PEPPER: must be set in production']);
    });

    it('ALLOWED_ORIGINS made only of commas and spaces counts as missing in production', () => {
      const problems = problemsOf({ ...production, ALLOWED_ORIGINS: ' , ,' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^ALLOWED_ORIGINS:/);
    });

    it('a pepper shorter than 16 characters is refused', () => {
      const problems = problemsOf({ ...production, OTP_PEPPER: 'short' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^OTP_PEPPER:/);
    });

    // Config must fail at boot listing EVERY problem. Today the production checks run
    // only when the schema parsed, so a bad PORT hides the three missing settings.
    it('a malformed value and the missing production settings are listed together', () => {
      const problems = problemsOf({ NODE_ENV: 'production', PORT: 'abc' });
      expect(problems.some((p) => p.startsWith('PORT'))).toBe(true);
      expect(problems.some((p) => p.startsWith('OTP_PEPPER'))).toBe(true);
      expect(problems.some((p) => p.startsWith('MONGODB_URI'))).toBe(true);
      expect(problems.some((p) => p.startsWith('ALLOWED_ORIGINS'))).toBe(true);
    });
  });

  describe('PORT', () => {
    it('is read as a number', () => {
      expect(parseConfig({ PORT: '8080' }).PORT).toBe(8080);
      expect(parseConfig({ PORT: '0' }).PORT).toBe(0);
    });

    it.each(['abc', '70000', '-1', '80.5'])('%s is reported as a PORT problem', (port) => {
      const problems = problemsOf({ PORT: port });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^PORT:/);
    });

    // An empty PORT (e.g. `PORT=` in an env file) must not silently mean "any free port".
    it('an empty PORT means unset (3000), not port 0', () => {
      expect(parseConfig({ PORT: '' }).PORT).toBe(3000);
      expect(parseConfig({ FERRETDB_PORT: '' }).FERRETDB_PORT).toBe(27027);
    });

    it('every malformed setting is listed, not only the first', () => {
      const problems = problemsOf({ PORT: 'abc', FERRETDB_PORT: 'x', LOG_LEVEL: 'loud', TRUST_PROXY: 'yes' });
      expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['FERRETDB_PORT', 'LOG_LEVEL', 'PORT', 'TRUST_PROXY']);
    });
  });

  describe('ALLOWED_ORIGINS and other lists', () => {
    it('splits on commas, trims and drops empty entries', () => {
      const c = parseConfig({ ALLOWED_ORIGINS: ' https://a.example.cn , ,https://b.example.cn,' });
      expect(c.ALLOWED_ORIGINS).toEqual(['https://a.example.cn', 'https://b.example.cn']);
    });

    it('a single origin becomes a one-element list', () => {
      expect(parseConfig({ ALLOWED_ORIGINS: 'https://linli.example.cn' }).ALLOWED_ORIGINS).toEqual([
        'https://linli.example.cn',
      ]);
    });

    it('an empty value is an empty list', () => {
      expect(parseConfig({ ALLOWED_ORIGINS: '' }).ALLOWED_ORIGINS).toEqual([]);
    });

    it('PLATFORM_ADMIN_PHONES is parsed the same way', () => {
      expect(parseConfig({ PLATFORM_ADMIN_PHONES: '13812345678, +8613900000000' }).PLATFORM_ADMIN_PHONES).toEqual([
        '13812345678',
        '+8613900000000',
      ]);
    });
  });

  describe('SEED_DEMO', () => {
    it('defaults to true in development', () => {
      expect(parseConfig({}).seedDemo).toBe(true);
      expect(parseConfig({ NODE_ENV: 'development' }).seedDemo).toBe(true);
    });

    it('defaults to false in production', () => {
      expect(parseConfig({ ...production }).seedDemo).toBe(false);
    });

    it.each([
      ['false', 'development', false],
      ['0', 'development', false],
      ['true', 'production', true],
      ['1', 'production', true],
    ] as const)('SEED_DEMO=%s in %s gives seedDemo %s', (value, env, seed) => {
      const base = env === 'production' ? { ...production } : { NODE_ENV: env };
      expect(parseConfig({ ...base, SEED_DEMO: value }).seedDemo).toBe(seed);
    });

    it('an unrecognised boolean is reported, not guessed', () => {
      const problems = problemsOf({ SEED_DEMO: 'yes' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^SEED_DEMO:/);
    });
  });

  describe('URLs', () => {
    it('accepts mongodb:// and redis:// URLs', () => {
      const c = parseConfig({ MONGODB_URI: 'mongodb://db:27017/linli', REDIS_URL: 'redis://cache:6379' });
      expect(c.MONGODB_URI).toBe('mongodb://db:27017/linli');
      expect(c.REDIS_URL).toBe('redis://cache:6379');
    });

    // Without a path the driver would use its `test` database: a second node started
    // that way saw none of the first node's users.
    it.each([
      ['mongodb://db:27017', 'linli'],
      ['mongodb://db:27017/', 'linli'],
      ['mongodb://db:27017/?replicaSet=rs0', 'linli'],
      ['mongodb+srv://user:pw@cluster.example.cn', 'linli'],
      ['mongodb://db:27017/linli_prod', 'linli_prod'],
      ['mongodb://a:27017,b:27017/shared?replicaSet=rs0', 'shared'],
      ['mongodb://user:p%2Fw@db/neighbours?authSource=admin', 'neighbours'],
    ])('MONGODB_URI %s uses the database %s', (uri, db) => {
      expect(mongoDatabaseName(uri)).toBe(db);
    });

    it('a MONGODB_URI that is not a URL is reported', () => {
      const problems = problemsOf({ MONGODB_URI: 'not a url' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^MONGODB_URI:/);
    });
  });

  describe('photo storage', () => {
    it('defaults to the local folder and 30 uploads per hour', () => {
      const c = parseConfig({});
      expect(c.PHOTO_STORAGE).toBe('local');
      expect(c.PHOTO_UPLOADS_PER_HOUR).toBe(30);
    });

    it('accepts gridfs and refuses any other storage', () => {
      expect(parseConfig({ PHOTO_STORAGE: 'gridfs' }).PHOTO_STORAGE).toBe('gridfs');
      const problems = problemsOf({ PHOTO_STORAGE: 's3', PHOTO_UPLOADS_PER_HOUR: '0' });
      expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['PHOTO_STORAGE', 'PHOTO_UPLOADS_PER_HOUR']);
    });

    it('docker-compose runs its nodes on GridFS (they share no folder)', () => {
      const compose = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
      expect(compose).toMatch(/^\s+PHOTO_STORAGE: gridfs$/m);
    });
  });

  // `.env.example` leaves optional settings empty (`MONGODB_URI=`); loaded with
  // `node --env-file` or compose `env_file`, those arrive as empty strings.
  describe('empty values', () => {
    it.each(['MONGODB_URI', 'REDIS_URL', 'OTP_PEPPER', 'SEED_DEMO'])('an empty %s means unset', (name) => {
      const c = parseConfig({ [name]: '' });
      expect(c.MONGODB_URI).toBeUndefined();
      expect(c.REDIS_URL).toBeUndefined();
      expect(c.seedDemo).toBe(true);
    });

    it('the documented .env.example boots in development as it is', () => {
      const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
      const env: NodeJS.ProcessEnv = {};
      for (const raw of text.split('\n')) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#')) continue;
        const eq = line.indexOf('=');
        env[line.slice(0, eq)] = line.slice(eq + 1);
      }
      expect(Object.keys(env)).toContain('MONGODB_URI');
      const c = parseConfig(env);
      expect(c.NODE_ENV).toBe('development');
      expect(c.MONGODB_URI).toBeUndefined();
      expect(c.seedDemo).toBe(true);
    });
  });
});
