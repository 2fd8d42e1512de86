import { createServer, type Server as HttpServer } from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RedisClientType } from 'redis';
import { httpStatusOf } from '@linli/shared';
import type { Config } from './config.js';
import type { Logger } from './lib/logger.js';
import type { Models } from './models.js';
import { AppError, toWireError } from './lib/errors.js';
import { limiterFactory } from './lib/rate-limit.js';
import { repoRoot } from './lib/paths.js';
import type { SmsDriver } from './auth/sms.js';
import { authRoutes } from './auth/auth.routes.js';
import { createNotifier, type LinliServer } from './realtime/notifier.js';
import { adapterRedisClient, attachSocketLayer, originAllowed, originGate, socketServerOptions } from './realtime/socket.js';
import { composeHandlers } from './capability.js';
import { createServices } from './services.js';
import { createCacheSync } from './cache/sync.js';
import { invalidationStore } from './cache/invalidation.model.js';
import { issueExportRoutes } from './issues/export.js';
import { pollRoutes } from './poll/routes.js';
import { indexRoutes } from './index/routes.js';
import { surveyRoutes } from './survey/routes.js';
import { UNATTACHED_TTL_MS } from './issues/photos/photo.service.js';
import { photoRoutes } from './issues/photos/photo.routes.js';
import { voiceRoutes } from './voice/voice.routes.js';
import { UNATTACHED_VOICE_TTL_MS } from './voice/voice.service.js';
import { open311Routes } from './open311/routes.js';

export interface AppDeps {
  config: Config;
  models: Models;
  /** null: single node, in-memory adapter and rate limits. */
  redis: RedisClientType | null;
  log: Logger;
  sms: SmsDriver;
  /** Folder of the built client; served when it exists. */
  clientDir?: string;
  /** The time as deadlines read it; tests pass one they can move. */
  clock?: () => Date;
}

/** Origins allowed to open sockets and post to the API. */
export function allowedOrigins(config: Config, port: number): string[] {
  if (config.ALLOWED_ORIGINS.length > 0) return config.ALLOWED_ORIGINS;
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`, 'http://localhost:5173', 'http://127.0.0.1:5173'];
}

/** Builds the whole application without listening; no module-level state. */
export function createApp(deps: AppDeps) {
  const { config, models, redis, log } = deps;
  const limiter = limiterFactory(redis);
  const app = express();
  const httpServer: HttpServer = createServer(app);
  let origins: string[] = allowedOrigins(config, config.PORT);

  // Without a listener a Redis outage would be an unhandled 'error' event; whoever created the client logs them.
  redis?.on('error', () => undefined);
  let started = false;
  const adapterClient = redis
    ? adapterRedisClient(redis, {
        onHeldOverflow: () => log.warn('Redis away too long: broadcasts beyond the held ones reach this node only'),
        // Invalidations sent while any connection was coming back may be lost: reload and read the log.
        onReconnected: () => {
          if (started) void sync.resync();
        },
      })
    : null;
  const io: LinliServer = new Server(httpServer, {
    ...socketServerOptions,
    allowRequest: (req, callback) => originGate(origins)(req, callback),
    ...(adapterClient ? { adapter: createAdapter(adapterClient, { streamName: 'linli:socket.io', maxLen: 50_000 }) } : {}),
  });
  const notify = createNotifier(io);
  const invalidations = redis ? invalidationStore(models.User.db) : null;
  const sync = createCacheSync({
    // A single node (in-memory adapter) has no one else to tell.
    emitToOthers: (entry) => {
      if (redis?.isReady) io.serverSideEmit('cache:invalidate', entry);
    },
    store: invalidations,
    onError: (err, what) => log.warn({ err }, what),
  });
  io.on('cache:invalidate', (entry) => sync.receive(entry));
  const clock = deps.clock ?? (() => new Date());
  const { capabilities, access, memberships, staffing, services } = createServices({ config, models, redis, log, sms: deps.sms, limiter, sync, io, notify, clock });
  const { auth, messages, presence, photos, issueSweeper, decisionSweeper } = services;
  const handlers = composeHandlers(capabilities);
  if (config.PHOTO_STORAGE === 'gridfs' && !config.MONGODB_URI) {
    log.warn('PHOTO_STORAGE=gridfs on the embedded database: every photo read scans all stored chunks; use local, or MongoDB');
  }

  attachSocketLayer({
    io,
    auth,
    models,
    sync,
    memberships,
    staffing,
    handlers,
    limiter: limiter({ name: 'socket-events', points: config.SOCKET_EVENTS_PER_10S, durationSeconds: 10 }),
    log,
    presence,
  });

  // --- HTTP ---
  app.disable('x-powered-by');
  if (config.TRUST_PROXY) app.set('trust proxy', 1);
  app.use(
    helmet({
      // Plain-HTTP dev and test servers must not be told to upgrade requests.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: config.NODE_ENV === 'production' ? [] : null } },
      strictTransportSecurity: config.NODE_ENV === 'production',
    }),
  );
  app.use(express.json({ limit: '16kb' }));
  // Credentialed writes only from our own pages (CSRF defence next to SameSite).
  // Except /open311/: it reads no cookie (an API key authorises its writes), so a cross-site page gains nothing there (open311/routes.ts).
  app.use((req, _res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && !req.path.startsWith('/open311/') && !originAllowed(req.get('origin'), origins)) {
      return next(new AppError('FORBIDDEN', 'Origin not allowed'));
    }
    next();
  });

  // 503 only when this node cannot serve (no database); without Redis it serves its own clients, degraded.
  app.get('/api/health', async (_req, res) => {
    const db = await databaseAnswers(models.User.db, 1000);
    const cache = redis ? redis.isReady : null;
    res.status(db ? 200 : 503).json({ ok: db, data: { db, redis: cache, degraded: cache === false } });
  });
  app.use('/api/auth', authRoutes({ auth, notify, secureCookies: config.NODE_ENV === 'production', sessionTtlDays: config.SESSION_TTL_DAYS }));
  app.use(
    '/api/issues/photos',
    photoRoutes({ auth, photos, uploads: limiter({ name: 'photo-uploads', points: config.PHOTO_UPLOADS_PER_HOUR, durationSeconds: 3600 }) }),
  );
  app.use('/api/voice', voiceRoutes({ auth, voice: services.voice, uploads: limiter({ name: 'voice-uploads', points: config.VOICE_UPLOADS_PER_HOUR, durationSeconds: 3600 }) }));
  app.use('/api/communities', issueExportRoutes({ ...access, auth, clock }));
  app.use('/api/polls', pollRoutes({ auth, polls: services.polls }));
  app.use('/api/index', indexRoutes({ auth, index: services.index }));
  app.use('/api/surveys', surveyRoutes({ auth, surveys: services.surveys }));
  app.use('/open311/v2', open311Routes({ open311: services.open311, limiter, log, publicOrigin: config.ALLOWED_ORIGINS[0] ?? null, clock: deps.clock ?? (() => new Date()) }));
  app.use('/api', (_req, _res, next) => next(new AppError('NOT_FOUND', 'No such endpoint')));

  const clientDir = deps.clientDir ?? path.join(repoRoot, 'client', 'dist');
  if (existsSync(clientDir)) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  }

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    // body-parser errors (bad JSON, too large) are the client's fault.
    const status = (err as { status?: number; type?: string }).status;
    if (status && status >= 400 && status < 500 && !(err instanceof AppError)) {
      res.status(400).json({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'Malformed or oversized request body' } });
      return;
    }
    const { wire, unexpected } = toWireError(err);
    if (unexpected) log.error({ err }, 'request failed');
    res.status(httpStatusOf[wire.code]).json({ ok: false, error: wire });
  });

  const sweep = setInterval(() => void auth.sweepExpired().catch((err: unknown) => log.warn({ err }, 'sweep failed')), 10 * 60_000);
  sweep.unref();
  const photoSweep = setInterval(
    () => {
      void photos.sweepUnattached(new Date(Date.now() - UNATTACHED_TTL_MS)).catch((err: unknown) => log.warn({ err }, 'photo sweep failed'));
      void services.voice.sweepUnattached(new Date(Date.now() - UNATTACHED_VOICE_TTL_MS)).catch((err: unknown) => log.warn({ err }, 'voice sweep failed'));
    },
    60 * 60_000,
  );
  photoSweep.unref();
  // Deadlines: every node sweeps; each escalation is a claim only one of them wins.
  const issueSweep = setInterval(() => {
    void issueSweeper.sweep().catch((err: unknown) => log.warn({ err }, 'issue sweep failed'));
    void decisionSweeper.sweep().catch((err: unknown) => log.warn({ err }, 'decision sweep failed'));
  }, 60_000);
  issueSweep.unref();
  // Polls open and close on time: every node sweeps every few seconds; each open and close is a claim one node wins.
  const pollSweep = setInterval(() => void services.polls.sweep().catch((err: unknown) => log.warn({ err }, 'poll sweep failed')), 5_000);
  pollSweep.unref();
  // The index: once a month has ended every node publishes it; each (community, month) is one insert only one node makes.
  const indexSweep = setInterval(() => void services.index.sweep().catch((err: unknown) => log.warn({ err }, 'index sweep failed')), 10 * 60_000);
  indexSweep.unref();
  // Surveys open and close by the clock; each opening is announced once (a claim one node wins).
  const surveySweep = setInterval(() => void services.surveys.sweep().catch((err: unknown) => log.warn({ err }, 'survey sweep failed')), 5_000);
  surveySweep.unref();
  // Group robots: every node retries what is due; each attempt is a claim only one node wins.
  const hookSweep = setInterval(() => void services.hooks.sweep().catch((err: unknown) => log.warn({ err }, 'hook sweep failed')), 5_000);
  hookSweep.unref();
  // Polls closing soon: a web push to who has not voted; each poll's reminder is a claim one node wins.
  const pushSweep = setInterval(() => void services.push.sweep().catch((err: unknown) => log.warn({ err }, 'push sweep failed')), 60_000);
  pushSweep.unref();

  return {
    app,
    httpServer,
    io,
    services,
    /** Fills the read caches; call once before listening. */
    async warm() {
      await invalidations?.ensureIndexes();
      sync.start();
      started = true;
      const [sessions, members] = await Promise.all([auth.warm(), memberships.warm()]);
      const channels = await messages.warm();
      return { ...sessions, memberships: members, channels };
    },
    /** Listens and fixes the origin allowlist to the real port (port 0 in tests). */
    async listen(port = config.PORT, host = config.HOST): Promise<number> {
      await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
      const addr = httpServer.address();
      const actual = typeof addr === 'object' && addr ? addr.port : port;
      if (config.ALLOWED_ORIGINS.length === 0) origins = allowedOrigins(config, actual);
      return actual;
    },
    async close() {
      clearInterval(sweep);
      clearInterval(surveySweep);
      clearInterval(pushSweep);
      clearInterval(photoSweep);
      clearInterval(issueSweep);
      clearInterval(pollSweep);
      clearInterval(hookSweep);
      await messages.close().catch((err: unknown) => log.warn({ err }, 'writing channel heads at close failed'));
      await sync.stop();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

export type LinliApp = ReturnType<typeof createApp>;

/** Whether the database answers a ping within timeoutMs (a frozen server keeps its connections open). */
async function databaseAnswers(conn: Models['User']['db'], timeoutMs: number): Promise<boolean> {
  if (conn.readyState !== 1 || !conn.db) return false;
  let timer: NodeJS.Timeout | undefined;
  const ping = conn.db.command({ ping: 1 }).then(
    () => true,
    () => false,
  );
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([ping, late]);
  } finally {
    clearTimeout(timer);
  }
}
