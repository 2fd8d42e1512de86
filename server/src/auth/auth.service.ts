import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { LIMITS, maskPhone, type UserSelf } from '@linli/shared';
import { AppError } from '../lib/errors.js';
import { op } from '../lib/db.js';
import type { LimiterFactory } from '../lib/rate-limit.js';
import type { Logger } from '../lib/logger.js';
import type { Models } from '../models.js';
import type { UserDoc } from './auth.model.js';
import { nationalNumber, normalisePhone } from './phone.js';
import type { SmsDriver } from './sms.js';
import type { CacheSync } from '../cache/sync.js';

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
  sync: CacheSync;
  now?: () => Date;
}

interface CachedSession {
  sessionId: string;
  userId: string;
  expiresAt: number;
}

/** Bounds each cache; past it the cache starts over (entries are re-read on demand). */
const CACHE_MAX = 200_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function presentSelf(user: UserDoc): UserSelf {
  return {
    id: user._id.toString(),
    displayName: user.displayName,
    phoneMasked: maskPhone(nationalNumber(user.phone)),
    isPlatformAdmin: user.isPlatformAdmin ?? false,
    createdAt: (user as { createdAt?: Date }).createdAt?.toISOString() ?? new Date(0).toISOString(),
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
    deps.platformAdminPhones.flatMap((phone) => {
      try {
        return [normalisePhone(phone)];
      } catch {
        log.warn('PLATFORM_ADMIN_PHONES has an invalid number; ignored');
        return [];
      }
    }),
  );
  const hashCode = (phone: string, code: string) => sha256(`${deps.pepper}:${phone}:${code}`);

  // Read caches for the handshake path (see cache/sync.ts); the database stays the source of truth.
  const sessions = new Map<string, CachedSession>(); // by token hash
  const tokenHashOf = new Map<string, string>(); // session id -> token hash
  const users = new Map<string, SessionUser & { banned: boolean }>();
  const rememberSession = (tokenHash: string, session: CachedSession) => {
    if (sessions.size >= CACHE_MAX) {
      sessions.clear();
      tokenHashOf.clear();
    }
    sessions.set(tokenHash, session);
    tokenHashOf.set(session.sessionId, tokenHash);
  };
  const rememberUser = (userDoc: { _id: { toString(): string }; displayName: string; isPlatformAdmin?: boolean | null; bannedAt?: Date | null }) => {
    if (users.size >= CACHE_MAX) users.clear();
    const user = { id: userDoc._id.toString(), displayName: userDoc.displayName, isPlatformAdmin: userDoc.isPlatformAdmin ?? false, banned: Boolean(userDoc.bannedAt) };
    users.set(user.id, user);
    return user;
  };
  const forgetSession = (sessionId: string) => {
    const tokenHash = tokenHashOf.get(sessionId);
    if (tokenHash) sessions.delete(tokenHash);
    tokenHashOf.delete(sessionId);
  };
  // A cache miss read before an invalidation must not cache what it read.
  let invalidations = 0;
  deps.sync.onReset(async () => {
    invalidations++;
    sessions.clear();
    tokenHashOf.clear();
    users.clear();
    await warmCaches();
  });
  async function warmCaches() {
    const live = await models.Session.find({ expiresAt: op({ $gt: now() }) }, { tokenHash: 1, userId: 1, expiresAt: 1 }).lean();
    for (const session of live) rememberSession(session.tokenHash, { sessionId: session._id.toString(), userId: session.userId.toString(), expiresAt: session.expiresAt.getTime() });
    const userDocs = await models.User.find({}, { displayName: 1, isPlatformAdmin: 1, bannedAt: 1 }).lean();
    for (const userDoc of userDocs) rememberUser(userDoc);
    return { sessions: live.length, users: userDocs.length };
  }
  deps.sync.subscribe((msg) => {
    invalidations++;
    if (msg.kind === 'session') forgetSession(msg.sessionId);
    else if (msg.kind === 'user') users.delete(msg.userId);
    else if (msg.kind === 'userSessions') {
      for (const session of [...sessions.values()]) if (session.userId === msg.userId) forgetSession(session.sessionId);
    }
  });

  return {
    /** Loads live sessions and their users once at boot: two reads instead of one per handshake. */
    warm: warmCaches,

    /** Sends a fresh code unless one was sent less than 60 s ago. */
    async requestCode(phoneInput: string, ip: string) {
      const phone = normalisePhone(phoneInput);
      const existing = await models.Otp.findOne({ phone }).lean();
      const time = now();
      if (existing && !existing.usedAt && time.getTime() - existing.sentAt.getTime() < otp.resendAfterSeconds * 1000) {
        const wait = Math.ceil((existing.sentAt.getTime() + otp.resendAfterSeconds * 1000 - time.getTime()) / 1000);
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
            sentAt: time,
            expiresAt: new Date(time.getTime() + otp.ttlSeconds * 1000),
            attempts: 0,
            usedAt: null,
          },
        },
        { upsert: true },
      );
      await sms.sendLoginCode(phone, code);
      return { resendAfterSeconds: otp.resendAfterSeconds, expiresInSeconds: otp.ttlSeconds };
    },

    /**
     * Checks a code; on success creates the account if new and opens a session.
     * Race-free on any MongoDB-compatible database: each try is counted by one
     * conditional update before the code is compared, and the code is spent by
     * another, so parallel guesses get at most `maxAttempts` tries and a code
     * signs in once.
     */
    async verifyCode(input: { phone: string; code: string; displayName?: string | undefined }, ip: string, userAgent: string) {
      const phone = normalisePhone(input.phone);
      await perIpVerify.consume(ip);
      const time = now();
      const challenge = await models.Otp.findOneAndUpdate(
        { phone, usedAt: null, attempts: op({ $lt: otp.maxAttempts }), expiresAt: op({ $gt: time }) },
        { $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      ).lean();
      if (!challenge) {
        // No try left to count: say why.
        const current = await models.Otp.findOne({ phone }).lean();
        if (!current || current.usedAt) throw new AppError('OTP_INVALID', 'Request a code first');
        if (current.attempts >= otp.maxAttempts) throw new AppError('OTP_LOCKED', 'Too many wrong codes; request a new one');
        if (current.expiresAt.getTime() <= time.getTime()) throw new AppError('OTP_EXPIRED', 'The code has expired; request a new one');
        throw new AppError('OTP_INVALID', 'Request a code first');
      }

      const given = Buffer.from(hashCode(phone, input.code));
      const expected = Buffer.from(challenge.codeHash);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        const left = otp.maxAttempts - challenge.attempts;
        if (left <= 0) throw new AppError('OTP_LOCKED', 'Too many wrong codes; request a new one');
        throw new AppError('OTP_INVALID', `Wrong code; ${left} tries left`);
      }

      let user = (await models.User.findOne({ phone }).lean()) as UserDoc | null;
      const isNew = !user;
      if (!user && !input.displayName) {
        throw new AppError('VALIDATION_FAILED', 'New accounts need a display name', {
          issues: [{ path: 'displayName', message: 'required for a new account' }],
        });
      }
      if (user?.bannedAt) throw new AppError('FORBIDDEN', 'This account is banned');

      // Single use: spend the code (this very code, not one resent since) before
      // any account is created, so parallel right answers sign in once.
      const spent = await models.Otp.updateOne({ phone, usedAt: null, codeHash: challenge.codeHash }, { $set: { usedAt: time } });
      if (spent.modifiedCount !== 1) throw new AppError('OTP_INVALID', 'This code was already used');

      if (!user) {
        await models.User.updateOne(
          { phone },
          { $setOnInsert: { phone, displayName: input.displayName, isPlatformAdmin: adminPhones.has(phone), bannedAt: null } },
          { upsert: true },
        );
        user = (await models.User.findOne({ phone }).lean()) as UserDoc | null;
      } else if (adminPhones.has(phone) && !user.isPlatformAdmin) {
        await models.User.updateOne({ _id: user._id }, { $set: { isPlatformAdmin: true } });
        user = { ...user, isPlatformAdmin: true };
        await deps.sync.publish({ kind: 'user', userId: user._id.toString() });
      }
      if (!user) throw new AppError('INTERNAL', 'Account could not be created');

      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(time.getTime() + deps.sessionTtlDays * 86400_000);
      const tokenHash = sha256(token);
      const session = await models.Session.create({
        tokenHash,
        userId: user._id,
        createdAt: time,
        expiresAt,
        userAgent: userAgent.slice(0, 200),
      });
      rememberSession(tokenHash, { sessionId: session._id.toString(), userId: user._id.toString(), expiresAt: expiresAt.getTime() });
      rememberUser(user);
      log.info({ userId: user._id.toString(), isNew }, 'signed in');
      return { token, sessionId: session._id.toString(), expiresAt, user: presentSelf(user), isNew };
    },

    /** Resolves a cookie token to its session and user, or null. */
    async resolveSession(token: string | undefined): Promise<{ sessionId: string; user: SessionUser } | null> {
      if (!token || token.length > 100) return null;
      const tokenHash = sha256(token);
      let session = sessions.get(tokenHash);
      if (!session) {
        const before = invalidations;
        const doc = await models.Session.findOne({ tokenHash }).lean();
        if (!doc) return null;
        session = { sessionId: doc._id.toString(), userId: doc.userId.toString(), expiresAt: doc.expiresAt.getTime() };
        if (before === invalidations) rememberSession(tokenHash, session);
      }
      if (session.expiresAt <= now().getTime()) return null;
      let user = users.get(session.userId);
      if (!user) {
        const before = invalidations;
        const doc = await models.User.findOne({ _id: session.userId }).lean();
        if (!doc) return null;
        user = before === invalidations ? rememberUser(doc) : { id: doc._id.toString(), displayName: doc.displayName, isPlatformAdmin: doc.isPlatformAdmin ?? false, banned: Boolean(doc.bannedAt) };
      }
      if (user.banned) return null;
      return { sessionId: session.sessionId, user: { id: user.id, displayName: user.displayName, isPlatformAdmin: user.isPlatformAdmin } };
    },

    /** Whether a session still stands, read from the database (not the cache): for sockets opened with it. */
    async isSessionLive(sessionId: string): Promise<boolean> {
      const session = await models.Session.findOne({ _id: sessionId }, { userId: 1, expiresAt: 1 }).lean();
      if (!session || session.expiresAt.getTime() <= now().getTime()) return false;
      const user = await models.User.findOne({ _id: session.userId }, { bannedAt: 1 }).lean();
      return Boolean(user) && !user?.bannedAt;
    },

    async me(userId: string): Promise<UserSelf> {
      const user = (await models.User.findOne({ _id: userId }).lean()) as UserDoc | null;
      if (!user) throw new AppError('UNAUTHENTICATED', 'Please sign in');
      return presentSelf(user);
    },

    async endSession(sessionId: string) {
      await models.Session.deleteOne({ _id: sessionId });
      await deps.sync.publish({ kind: 'session', sessionId });
    },

    async updateProfile(userId: string, displayName: string): Promise<UserSelf> {
      await models.User.updateOne({ _id: userId }, { $set: { displayName } });
      // Names are denormalised for lists; keep them in step.
      await models.Membership.updateMany({ userId }, { $set: { displayName } });
      await deps.sync.publish({ kind: 'user', userId });
      await deps.sync.publish({ kind: 'userMemberships', userId });
      return this.me(userId);
    },

    /** Removes expired sessions and codes (no TTL indexes on FerretDB). */
    async sweepExpired() {
      const time = now();
      await models.Session.deleteMany({ expiresAt: op({ $lte: time }) });
      await models.Otp.deleteMany({ expiresAt: op({ $lte: new Date(time.getTime() - 86400_000) }) });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
