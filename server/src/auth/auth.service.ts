import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { LIMITS, maskPhone, type UserSelf } from '@linli/shared';
import { AppError } from '../lib/errors.js';
import { op } from '../lib/mongo.model.js';
import type { LimiterFactory } from '../lib/rate-limit.js';
import type { Logger } from '../lib/logger.js';
import type { Models } from '../models.js';
import type { UserDoc } from './auth.model.js';
import { nationalNumber, normalisePhone } from './phone.js';
import type { SmsDriver } from './sms.js';

export interface SessionUser {
  id: string;
  displayName: string;
  isPlatformAdmin: boolean;
}

export interface AuthDeps {
  models: Models;
  sms: SmsDriver;
  limiter: LimiterFactory;
  log: Logger;
  pepper: string;
  sessionTtlDays: number;
  platformAdminPhones: string[];
  now?: () => Date;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function presentSelf(u: UserDoc): UserSelf {
  return {
    id: u._id.toString(),
    displayName: u.displayName,
    phoneMasked: maskPhone(nationalNumber(u.phone)),
    isPlatformAdmin: u.isPlatformAdmin ?? false,
    createdAt: (u as { createdAt?: Date }).createdAt?.toISOString() ?? new Date(0).toISOString(),
  };
}

/** Phone + one-time code login, and server-side sessions. */
export function createAuthService(deps: AuthDeps) {
  const { models, sms, log } = deps;
  const now = deps.now ?? (() => new Date());
  const otp = LIMITS.otp;
  const perPhoneSend = deps.limiter({ name: 'otp-send-phone', points: 5, durationSeconds: 3600 });
  const perIpSend = deps.limiter({ name: 'otp-send-ip', points: 20, durationSeconds: 3600 });
  const perIpVerify = deps.limiter({ name: 'otp-verify-ip', points: 60, durationSeconds: 3600 });
  const adminPhones = new Set(
    deps.platformAdminPhones.flatMap((p) => {
      try {
        return [normalisePhone(p)];
      } catch {
        log.warn('PLATFORM_ADMIN_PHONES has an invalid number; ignored');
        return [];
      }
    }),
  );
  const hashCode = (phone: string, code: string) => sha256(`${deps.pepper}:${phone}:${code}`);

  return {
    /** Sends a fresh code unless one was sent less than 60 s ago. */
    async requestCode(phoneInput: string, ip: string) {
      const phone = normalisePhone(phoneInput);
      const existing = await models.Otp.findOne({ phone }).lean();
      const t = now();
      if (existing && !existing.usedAt && t.getTime() - existing.sentAt.getTime() < otp.resendAfterSeconds * 1000) {
        const wait = Math.ceil((existing.sentAt.getTime() + otp.resendAfterSeconds * 1000 - t.getTime()) / 1000);
        throw new AppError('RATE_LIMITED', 'A code was sent recently; wait before asking again', { retryAfterSeconds: wait });
      }
      await perIpSend.consume(ip);
      await perPhoneSend.consume(phone);
      const code = String(randomInt(0, 10 ** otp.length)).padStart(otp.length, '0');
      await models.Otp.updateOne(
        { phone },
        {
          $set: {
            codeHash: hashCode(phone, code),
            sentAt: t,
            expiresAt: new Date(t.getTime() + otp.ttlSeconds * 1000),
            attempts: 0,
            usedAt: null,
          },
        },
        { upsert: true },
      );
      await sms.sendLoginCode(phone, code);
      return { resendAfterSeconds: otp.resendAfterSeconds, expiresInSeconds: otp.ttlSeconds };
    },

    /** Checks a code; on success creates the account if new and opens a session. */
    async verifyCode(input: { phone: string; code: string; displayName?: string | undefined }, ip: string, userAgent: string) {
      const phone = normalisePhone(input.phone);
      await perIpVerify.consume(ip);
      const challenge = await models.Otp.findOne({ phone }).lean();
      const t = now();
      if (!challenge || challenge.usedAt) throw new AppError('OTP_INVALID', 'Request a code first');
      if (challenge.attempts >= otp.maxAttempts) throw new AppError('OTP_LOCKED', 'Too many wrong codes; request a new one');
      if (challenge.expiresAt.getTime() <= t.getTime()) throw new AppError('OTP_EXPIRED', 'The code has expired; request a new one');

      const given = Buffer.from(hashCode(phone, input.code));
      const expected = Buffer.from(challenge.codeHash);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        // Count the try atomically so parallel guesses cannot exceed the limit.
        const after = await models.Otp.findOneAndUpdate({ phone }, { $inc: { attempts: 1 } }, { new: true }).lean();
        const left = otp.maxAttempts - (after?.attempts ?? otp.maxAttempts);
        if (left <= 0) throw new AppError('OTP_LOCKED', 'Too many wrong codes; request a new one');
        throw new AppError('OTP_INVALID', `Wrong code; ${left} tries left`);
      }

      let user = (await models.User.findOne({ phone }).lean()) as UserDoc | null;
      const isNew = !user;
      if (!user) {
        if (!input.displayName) {
          throw new AppError('VALIDATION_FAILED', 'New accounts need a display name', {
            issues: [{ path: 'displayName', message: 'required for a new account' }],
          });
        }
        await models.User.updateOne(
          { phone },
          { $setOnInsert: { phone, displayName: input.displayName, isPlatformAdmin: adminPhones.has(phone), bannedAt: null } },
          { upsert: true },
        );
        user = (await models.User.findOne({ phone }).lean()) as UserDoc | null;
      } else if (adminPhones.has(phone) && !user.isPlatformAdmin) {
        await models.User.updateOne({ _id: user._id }, { $set: { isPlatformAdmin: true } });
        user = { ...user, isPlatformAdmin: true };
      }
      if (!user) throw new AppError('INTERNAL', 'Account could not be created');
      if (user.bannedAt) throw new AppError('FORBIDDEN', 'This account is banned');

      // Single use: mark the code spent only after everything above passed.
      const spent = await models.Otp.updateOne({ phone, usedAt: null, codeHash: challenge.codeHash }, { $set: { usedAt: t } });
      if (spent.modifiedCount !== 1) throw new AppError('OTP_INVALID', 'This code was already used');

      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(t.getTime() + deps.sessionTtlDays * 86400_000);
      const session = await models.Session.create({
        tokenHash: sha256(token),
        userId: user._id,
        createdAt: t,
        expiresAt,
        userAgent: userAgent.slice(0, 200),
      });
      log.info({ userId: user._id.toString(), isNew }, 'signed in');
      return { token, sessionId: session._id.toString(), expiresAt, user: presentSelf(user), isNew };
    },

    /** Resolves a cookie token to its session and user, or null. */
    async resolveSession(token: string | undefined): Promise<{ sessionId: string; user: SessionUser } | null> {
      if (!token || token.length > 100) return null;
      const session = await models.Session.findOne({ tokenHash: sha256(token) }).lean();
      if (!session || session.expiresAt.getTime() <= now().getTime()) return null;
      const user = await models.User.findOne({ _id: session.userId }).lean();
      if (!user || user.bannedAt) return null;
      return {
        sessionId: session._id.toString(),
        user: { id: user._id.toString(), displayName: user.displayName, isPlatformAdmin: user.isPlatformAdmin ?? false },
      };
    },

    async me(userId: string): Promise<UserSelf> {
      const user = (await models.User.findOne({ _id: userId }).lean()) as UserDoc | null;
      if (!user) throw new AppError('UNAUTHENTICATED', 'Please sign in');
      return presentSelf(user);
    },

    async endSession(sessionId: string) {
      await models.Session.deleteOne({ _id: sessionId });
    },

    async updateProfile(userId: string, displayName: string): Promise<UserSelf> {
      await models.User.updateOne({ _id: userId }, { $set: { displayName } });
      // Names are denormalised for lists; keep them in step.
      await models.Membership.updateMany({ userId }, { $set: { displayName } });
      return this.me(userId);
    },

    /** Removes expired sessions and codes (no TTL indexes on FerretDB). */
    async sweepExpired() {
      const t = now();
      await models.Session.deleteMany({ expiresAt: op({ $lte: t }) });
      await models.Otp.deleteMany({ expiresAt: op({ $lte: new Date(t.getTime() - 86400_000) }) });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
