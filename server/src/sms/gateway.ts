/**
 * Every SMS Linli sends goes through here: per-number limits (rate-limiter-flexible,
 * in Redis when there is one, so every node counts together), and one log line per
 * message with the number masked (****1234), the driver and the provider's request id.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { LimiterFactory } from '../lib/rate-limit.js';
import { maskedPhone, SmsSendError, type SmsDriver, type SmsNoticeParams, type SmsNoticeTemplate } from '../auth/sms.js';

export interface SmsLimits {
  noticesPerHour: number;
  noticesPerDay: number;
  codesPerDay: number;
}

export type NoticeOutcome = { status: 'sent'; requestId: string | null } | { status: 'limited' | 'failed'; requestId: string | null; error: string };

/** A limiter key for a number that does not spell the number (Redis keys are readable too). */
const keyOf = (phoneE164: string) => createHash('sha256').update(`sms:${phoneE164}`).digest('hex').slice(0, 32);

export function createSmsGateway(deps: { driver: SmsDriver; limiter: LimiterFactory; log: Logger; limits: SmsLimits }) {
  const { driver, log } = deps;
  const codesPerDay = deps.limiter({ name: 'sms-code-day', points: deps.limits.codesPerDay, durationSeconds: 86_400 });
  const noticesPerHour = deps.limiter({ name: 'sms-notice-hour', points: deps.limits.noticesPerHour, durationSeconds: 3600 });
  const noticesPerDay = deps.limiter({ name: 'sms-notice-day', points: deps.limits.noticesPerDay, durationSeconds: 86_400 });

  const failure = (err: unknown) =>
    err instanceof SmsSendError ? { code: err.code, requestId: err.requestId, limited: err.limited, message: err.message } : { code: 'INTERNAL', requestId: null, limited: false, message: err instanceof Error ? err.message.replace(/\+?\d{7,}/g, '****') : 'failed' };

  /** The driver behind the gateway, with the same interface (auth sends login codes through it). */
  const gated: SmsDriver & {
    /** Sends a notice unless the number had its share; never throws. */
    notice<T extends SmsNoticeTemplate>(phoneE164: string, template: T, params: SmsNoticeParams[T], context: Record<string, string>): Promise<NoticeOutcome>;
  } = {
    name: driver.name,

    async sendLoginCode(phoneE164, code) {
      const to = maskedPhone(phoneE164);
      try {
        await codesPerDay.consume(keyOf(phoneE164));
      } catch (err) {
        log.warn({ to, driver: driver.name }, 'login code not sent: daily limit for this number');
        throw err;
      }
      try {
        const receipt = await driver.sendLoginCode(phoneE164, code);
        log.info({ to, driver: driver.name, requestId: receipt?.requestId ?? null }, 'sms login code sent');
        return receipt;
      } catch (err) {
        const f = failure(err);
        log.warn({ to, driver: driver.name, providerCode: f.code, requestId: f.requestId, reason: f.message }, 'sms login code failed');
        if (f.limited) throw new AppError('RATE_LIMITED', 'The SMS provider refuses more messages to this number for now; try later', { retryAfterSeconds: 3600 });
        throw new AppError('UNAVAILABLE', 'The code could not be sent by SMS; try again in a minute');
      }
    },

    async sendNotice(phoneE164, template, params) {
      const outcome = await gated.notice(phoneE164, template, params, {});
      if (outcome.status !== 'sent') throw new AppError(outcome.status === 'limited' ? 'RATE_LIMITED' : 'UNAVAILABLE', outcome.error);
      return { requestId: outcome.requestId };
    },

    async notice(phoneE164, template, params, context) {
      const to = maskedPhone(phoneE164);
      const key = keyOf(phoneE164);
      try {
        await noticesPerHour.consume(key);
        await noticesPerDay.consume(key);
      } catch (err) {
        if (err instanceof AppError && err.code === 'RATE_LIMITED') {
          log.info({ to, driver: driver.name, template, ...context }, 'sms notice not sent: limit for this number');
          return { status: 'limited', requestId: null, error: 'per-number limit' };
        }
        throw err;
      }
      try {
        const receipt = await driver.sendNotice(phoneE164, template, params);
        log.info({ to, driver: driver.name, template, requestId: receipt?.requestId ?? null, ...context }, 'sms notice sent');
        return { status: 'sent', requestId: receipt?.requestId ?? null };
      } catch (err) {
        const f = failure(err);
        log.warn({ to, driver: driver.name, template, providerCode: f.code, requestId: f.requestId, reason: f.message, ...context }, 'sms notice failed');
        return { status: f.limited ? 'limited' : 'failed', requestId: f.requestId, error: `${f.code}: ${f.message}`.slice(0, 300) };
      }
    },
  };
  return gated;
}

export type SmsGateway = ReturnType<typeof createSmsGateway>;
