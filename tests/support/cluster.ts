import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createClient, type RedisClientType } from 'redis';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { Ack, ClientEventName, ClientToServerEvents, EventInput, EventResults, ServerToClientEvents, UserSelf } from '@linli/shared';
import { parseConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/lib/logger.js';
import { connectMongo, syncIndexes, type Connection } from '../../server/src/lib/db.js';
import { createModels, type Models } from '../../server/src/models.js';
import { consoleSmsDriver } from '../../server/src/auth/sms.js';
import { createApp, type LinliApp } from '../../server/src/app.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const PLATFORM_ADMIN_PHONE = '13700000000';

export interface Node {
  app: LinliApp;
  url: string;
  conn: Connection;
  redis: RedisClientType | null;
}

export interface Session {
  cookie: string;
  user: UserSelf;
}

let ipCounter = 1;
/** A distinct client address per login, as a proxy would report it (no traffic goes there). */
export const nextIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`;

/**
 * Real Linli nodes on one real database and (optionally) one real Redis:
 * what production runs, minus the proxy in front.
 */
export async function startCluster(
  opts: {
    nodes?: number;
    redis?: boolean;
    env?: Record<string, string>;
    /** A database address other than the shared one (a proxy in front of it, for instance). */
    mongoUrl?: string;
    /** A Redis of the test file's own, which it may stop and restart. */
    redisUrl?: string;
    /** The time every node's deadlines read (a test moves it). */
    clock?: () => Date;
  } = {},
) {
  const dbName = `t_${randomBytes(4).toString('hex')}`;
  const mongoUrl = opts.mongoUrl ?? inject('mongoUrl');
  const redisUrl = opts.redisUrl ?? inject('redisUrl');
  const useRedis = opts.redis ?? true;
  const codes = new Map<string, string>();
  const log = createLogger('silent');
  const sms = consoleSmsDriver(log, (line) => {
    const m = /\*\*\*\*(\d{4}): (\d{6})/.exec(line);
    if (m?.[1] && m[2]) codes.set(m[1], m[2]);
  });
  const config = parseConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    TRUST_PROXY: 'true',
    PLATFORM_ADMIN_PHONES: PLATFORM_ADMIN_PHONE,
    SOCKET_EVENTS_PER_10S: '10000',
    MESSAGE_SEND_BURST: '10000',
    ...opts.env,
  });

  if (useRedis) {
    const flusher = createClient({ url: redisUrl });
    await flusher.connect();
    await flusher.flushAll();
    await flusher.quit();
  }

  const nodes: Node[] = [];
  let models: Models | null = null;
  for (let i = 0; i < (opts.nodes ?? 2); i++) {
    const conn = await connectMongo(mongoUrl, dbName);
    const m = createModels(conn);
    if (i === 0) {
      await syncIndexes(conn);
      models = m;
    }
    let redis: RedisClientType | null = null;
    if (useRedis) {
      redis = createClient({ url: redisUrl });
      // A test that stops Redis must not crash the runner with an unhandled 'error' event.
      redis.on('error', () => undefined);
      await redis.connect();
    }
    const app = createApp({ config, models: m, redis, log, sms, ...(opts.clock ? { clock: opts.clock } : {}) });
    await app.warm();
    const port = await app.listen(0, '127.0.0.1');
    nodes.push({ app, url: `http://127.0.0.1:${port}`, conn, redis });
  }
  const sockets: ClientSocket[] = [];

  const cluster = {
    nodes,
    models: models!,
    codes,

    /** Latest code the console driver printed for a phone. */
    codeFor(phone: string): string {
      const code = codes.get(phone.slice(-4));
      if (!code) throw new Error(`no code sent to ****${phone.slice(-4)}`);
      return code;
    },

    async post(path: string, body: unknown, init: { node?: number; cookie?: string; ip?: string; origin?: string } = {}) {
      const res = await fetch(`${nodes[init.node ?? 0]!.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': init.ip ?? '198.51.100.250',
          ...(init.cookie ? { cookie: init.cookie } : {}),
          ...(init.origin ? { origin: init.origin } : {}),
        },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Ack<Record<string, unknown>>, headers: res.headers };
    },

    /** Full phone login through the HTTP API; returns the session cookie. */
    async login(phone: string, displayName = `用户${phone.slice(-4)}`, node = 0): Promise<Session> {
      const ip = nextIp();
      const sent = await cluster.post('/api/auth/request-code', { phone }, { node, ip });
      if (!sent.body.ok) throw new Error(`request-code failed: ${JSON.stringify(sent.body)}`);
      const res = await cluster.post('/api/auth/verify', { phone, code: cluster.codeFor(phone), displayName }, { node, ip });
      if (!res.body.ok) throw new Error(`verify failed: ${JSON.stringify(res.body)}`);
      const setCookie = res.headers.get('set-cookie') ?? '';
      const cookie = setCookie.split(';')[0]!;
      return { cookie, user: (res.body.data as { user: UserSelf }).user };
    },

    /** A connected socket.io client authenticated by the session cookie. */
    async connect(
      session: Session | null,
      node = 0,
      extra: { origin?: string; transports?: ('websocket' | 'polling')[]; reconnection?: boolean } = {},
    ): Promise<ClientSocket> {
      const socket: ClientSocket = ioClient(nodes[node]!.url, {
        transports: extra.transports ?? ['websocket'],
        extraHeaders: { ...(session ? { cookie: session.cookie } : {}), ...(extra.origin ? { origin: extra.origin } : {}) },
        reconnection: extra.reconnection ?? false,
        reconnectionDelay: 100,
        reconnectionDelayMax: 200,
        forceNew: true,
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (err) => reject(err));
      });
      return socket;
    },

    async stop() {
      for (const s of sockets) s.disconnect();
      for (const n of nodes) {
        await n.app.close();
        await n.conn.close();
        if (n.redis) await n.redis.quit().catch(() => undefined);
      }
    },
  };
  return cluster;
}

export type Cluster = Awaited<ReturnType<typeof startCluster>>;

/** The same socket without the event typing, to send what a typed client cannot. */
export const untyped = (s: ClientSocket): Socket => s as unknown as Socket;

/** Sends a command and resolves with its ack. */
export async function call<E extends ClientEventName>(socket: ClientSocket, event: E, payload: EventInput<E>): Promise<Ack<EventResults[E]>> {
  const emit = socket.timeout(10_000).emitWithAck as unknown as (e: string, p: unknown) => Promise<Ack<EventResults[E]>>;
  return emit.call(socket.timeout(10_000), event, payload);
}

/** Like call, but fails the test unless the ack is ok. */
export async function must<E extends ClientEventName>(socket: ClientSocket, event: E, payload: EventInput<E>): Promise<EventResults[E]> {
  const res = await call(socket, event, payload);
  if (!res.ok) throw new Error(`${event} failed: ${res.error.code} ${res.error.message}`);
  return res.data;
}

/** Resolves with the next payload of a server event, or rejects after ms. */
export function next<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E, ms = 5000): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(event)} within ${ms} ms`)), ms);
    const handler = ((payload: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    }) as ServerToClientEvents[E];
    socket.once(event, handler as never);
  });
}

/** Collects every payload of a server event from now on. */
export function collect<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E): Parameters<ServerToClientEvents[E]>[0][] {
  const out: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event, ((p: Parameters<ServerToClientEvents[E]>[0]) => out.push(p)) as never);
  return out;
}

/** Waits until check() is true, polling; fails after ms. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${what} not met within ${ms} ms`);
}

/** Resolves when the socket is disconnected (by the server), or rejects after ms. */
export function disconnected(socket: ClientSocket, ms = 5000): Promise<string> {
  if (socket.disconnected) return Promise.resolve('already');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not disconnected within ${ms} ms`)), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** Counts documents in every collection: proof that a rejected command stored nothing. */
export async function snapshotCounts(models: Models): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, model] of Object.entries(models) as [string, { countDocuments(f: object): Promise<number> }][]) {
    out[name] = await model.countDocuments({});
  }
  return out;
}
