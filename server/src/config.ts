import { z } from 'zod';
import { LIMITS } from '@linli/shared';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const csv = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** Every setting Linli reads from the environment. Documented in .env.example. */
const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public origins allowed to open sockets and send credentialed requests. */
  ALLOWED_ORIGINS: csv.default([]),
  /** Unset: an embedded FerretDB is started under DATA_DIR. */
  MONGODB_URI: z.string().url().optional(),
  DATA_DIR: z.string().default('data'),
  FERRETDB_PORT: z.coerce.number().int().min(0).max(65535).default(27027),
  /** Unset: single node with in-memory adapter, rate limits and presence. */
  REDIS_URL: z.string().url().optional(),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Secret mixed into one-time-code hashes. Required in production. */
  OTP_PEPPER: z.string().min(16).default('dev-only-pepper-change-me'),
  /** Who sends SMS (login codes, notices): `console` prints them to the log (development), `aliyun` or `tencent` sends them. */
  SMS_DRIVER: z.enum(['console', 'aliyun', 'tencent']).default('console'),
  /** Alibaba Cloud SMS (dysmsapi 2017-05-25): an AccessKey of a RAM user allowed dysms:SendSms, the approved signing name, template codes (SMS_...). */
  ALIYUN_SMS_ACCESS_KEY_ID: z.string().optional(),
  ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().optional(),
  ALIYUN_SMS_SIGN_NAME: z.string().optional(),
  ALIYUN_SMS_TEMPLATE_LOGIN: z.string().optional(),
  /** Unset: no problem-report notices by SMS. */
  ALIYUN_SMS_TEMPLATE_ISSUE: z.string().optional(),
  /** Unset: no poll-opening notices by SMS. */
  ALIYUN_SMS_TEMPLATE_POLL: z.string().optional(),
  /** Host (https) or http(s)://host:port; tests point it at a local server. */
  ALIYUN_SMS_ENDPOINT: z.string().default('dysmsapi.aliyuncs.com'),
  /** Tencent Cloud SMS (API 3.0, 2021-01-11): a CAM key allowed sms:SendSms, the SmsSdkAppId, the approved signing name, template ids. */
  TENCENT_SMS_SECRET_ID: z.string().optional(),
  TENCENT_SMS_SECRET_KEY: z.string().optional(),
  TENCENT_SMS_SDK_APP_ID: z.string().optional(),
  TENCENT_SMS_SIGN_NAME: z.string().optional(),
  TENCENT_SMS_TEMPLATE_LOGIN: z.string().optional(),
  TENCENT_SMS_TEMPLATE_ISSUE: z.string().optional(),
  TENCENT_SMS_TEMPLATE_POLL: z.string().optional(),
  TENCENT_SMS_ENDPOINT: z.string().default('sms.tencentcloudapi.com'),
  TENCENT_SMS_REGION: z.string().default('ap-guangzhou'),
  /** Per phone number, across all nodes: notices per hour and per day, login codes per day (on top of 5 codes an hour). */
  SMS_NOTICES_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(3),
  SMS_NOTICES_PER_DAY: z.coerce.number().int().min(1).max(1000).default(10),
  SMS_CODES_PER_DAY: z.coerce.number().int().min(1).max(1000).default(10),
  /** Phones (any format, region CN) that become platform admins at login. */
  PLATFORM_ADMIN_PHONES: csv.default([]),
  SEED_DEMO: bool.optional(),
  TRUST_PROXY: bool.default(false),
  /** Socket commands one user may send per 10 seconds, across all nodes. */
  SOCKET_EVENTS_PER_10S: z.coerce.number().int().min(1).max(10_000).default(60),
  /** Messages one user may send per LIMITS.message.sendWindowSeconds, across all nodes. */
  MESSAGE_SEND_BURST: z.coerce.number().int().min(1).max(10_000).default(LIMITS.message.sendBurst),
  /** Where problem-report photos are stored: `local` (DATA_DIR/photos, one node) or `gridfs` (the database, every node). */
  PHOTO_STORAGE: z.enum(['local', 'gridfs']).default('local'),
  /** Photo upload requests one user may send per hour, across all nodes. */
  PHOTO_UPLOADS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Voice recordings (POST /api/voice) one user may upload per hour, across all nodes. */
  VOICE_UPLOADS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(60),
  /** A resolved problem report the reporter does not answer within this many days is confirmed automatically. */
  ISSUE_AUTO_CONFIRM_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Past a deadline by this many hours, a problem report is escalated from the supervisor to the community's admins. */
  ISSUE_ESCALATE_AFTER_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The address residents open Linli at (https://linli.example.cn), for links sent outside the app (group robots). Unset: ALLOWED_ORIGINS' first. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Key that seals group robots' webhook addresses and secrets in the database (AES-256-GCM; any string of 32+ characters). Unset: derived from OTP_PEPPER. */
  HOOK_SECRET_KEY: z.string().min(32).optional(),
  /** Hosts (host or host:port) accepted as group-robot addresses besides the providers' own, over http too: a local stand-in, a proxy. */
  HOOKS_ALLOW_HOSTS: csv.default([]),
  /** Attempts at one group-robot message before it is given up and shown as failed. */
  HOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** Web push VAPID key pair (base64url, as `npx web-push generate-vapid-keys` prints). Required in production; unset elsewhere: one pair kept under DATA_DIR. */
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/, 'must be a base64url P-256 public key (87 characters)').optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url P-256 private key (43 characters)').optional(),
  /** Who runs this server, for push services to reach: mailto: or https: URL. Required in production. */
  VAPID_SUBJECT: z.string().regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'must be a mailto: or https: URL').optional(),
});

export type Config = z.infer<typeof configSchema> & { seedDemo: boolean };

/** Parses the environment. Throws one error listing every problem. */
export function parseConfig(rawEnv: NodeJS.ProcessEnv): Config {
  // An empty value means "unset", as in a copied .env.example.
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = configSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  // Checked on the raw values so they are listed together with malformed ones.
  if (env.NODE_ENV === 'production') {
    if (!env.OTP_PEPPER || env.OTP_PEPPER === 'dev-only-pepper-change-me') problems.push('OTP_PEPPER: must be set in production');
    if (!env.MONGODB_URI) problems.push('MONGODB_URI: must be set in production');
    if (!env.ALLOWED_ORIGINS?.split(',').some((origin) => origin.trim())) problems.push('ALLOWED_ORIGINS: must list the public origin in production');
    for (const name of ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT'] as const) if (!env[name]) problems.push(`${name}: must be set in production (web push)`);
  }
  // A real SMS driver needs its credentials, signing name and login template.
  const smsRequired: Record<string, string[]> = {
    aliyun: ['ALIYUN_SMS_ACCESS_KEY_ID', 'ALIYUN_SMS_ACCESS_KEY_SECRET', 'ALIYUN_SMS_SIGN_NAME', 'ALIYUN_SMS_TEMPLATE_LOGIN'],
    tencent: ['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'TENCENT_SMS_SIGN_NAME', 'TENCENT_SMS_TEMPLATE_LOGIN'],
  };
  for (const name of smsRequired[env.SMS_DRIVER ?? ''] ?? []) if (!env[name]) problems.push(`${name}: must be set when SMS_DRIVER=${env.SMS_DRIVER}`);
  if (problems.length > 0 || !parsed.success) throw new ConfigError([...new Set(problems)]);
  const data = parsed.data;
  return { ...data, seedDemo: data.SEED_DEMO ?? data.NODE_ENV !== 'production' };
}

/** The database used when MONGODB_URI names none (the driver would pick `test`). */
export const DEFAULT_DATABASE = 'linli';

/** The database a MongoDB connection string names in its path, or DEFAULT_DATABASE. */
export function mongoDatabaseName(uri: string): string {
  // mongodb://[user@]host1[:port],host2/<database>?options; multi-host strings are no valid URL, so no URL parser.
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?#]*)/.exec(uri.trim())?.[1] ?? '';
  const name = decodeURIComponent(path);
  return name === '' ? DEFAULT_DATABASE : name;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}
