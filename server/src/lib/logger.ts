import { pino, type Logger } from 'pino';

export type { Logger };

/** Phone numbers and codes must never reach the logs. */
const redact = ['phone', '*.phone', 'code', '*.code', 'req.headers.cookie', 'cookie', 'otp'];

export function createLogger(level: string, pretty = false): Logger {
  return pino({
    level,
    redact: { paths: redact, censor: '[redacted]' },
    base: { service: 'linli' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname,service' } } } : {}),
  });
}
