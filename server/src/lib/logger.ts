import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Phone numbers, login codes and cookies must never reach the logs. Login codes are
 * redacted where they travel (the verify body and its parsed input), not as every
 * field called `code`: that would also blank error codes such as ECONNREFUSED.
 */
export const redactPaths = [
  'phone',
  '*.phone',
  'otp',
  '*.otp',
  'loginCode',
  '*.loginCode',
  'body.code',
  'req.body.code',
  'input.code',
  'verify.code',
  'cookie',
  'req.headers.cookie',
  'headers.cookie',
];

/** The process logger; destination only for tests that read what was written. */
export function createLogger(level: string, pretty = false, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { service: 'linli' },
    ...(pretty && !destination ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname,service' } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
