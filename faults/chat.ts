/**
 * Chat load for the fault run: senders that behave like the web client (a
 * unique clientId per message, the same clientId on every retry), observers
 * that record every `message:created`, cross-node probes, and a ledger of
 * every message and how the server answered it.
 */
import { io as ioClient, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, Message, ServerToClientEvents } from '@linli/shared';

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Same as the web client's request timeout. */
const ACK_TIMEOUT_MS = 10_000;
const MAX_ATTEMPTS = 12;

export type Outcome = 'pending' | 'acked' | 'refused' | 'unacknowledged';

/** One message as the run sent it and as the server answered it. */
export interface Sent {
  clientId: string;
  authorId: string;
  /** Node the author's socket is connected to. */
  node: string;
  /** Phase during which the message was first sent. */
  phase: string;
  kind: 'load' | 'probe';
  firstSentAt: number;
  attempts: number;
  outcome: Outcome;
  /** From the first `ok: true` ack; only such an ack counts as acknowledged. */
  ack: { id: string; seq: number; at: number } | null;
  /** A later ok ack named another id or seq than the first: the server answered the same send twice differently. */
  ackMismatch: boolean;
  /** Failed attempts by error code (`TIMEOUT` when no ack came within 10 s). */
  errors: Record<string, number>;
}

export class Ledger {
  readonly sent = new Map<string, Sent>();
  phase = 'setup';
  /** New load messages stop (drain) when false; retries go on. */
  generating = true;
  /** No attempt starts after this time. */
  retryDeadline = Number.POSITIVE_INFINITY;

  add(entry: Omit<Sent, 'attempts' | 'outcome' | 'ack' | 'ackMismatch' | 'errors' | 'phase' | 'firstSentAt'>): Sent {
    const s: Sent = { ...entry, phase: this.phase, firstSentAt: Date.now(), attempts: 0, outcome: 'pending', ack: null, ackMismatch: false, errors: {} };
    this.sent.set(s.clientId, s);
    return s;
  }

  pending(): number {
    let n = 0;
    for (const s of this.sent.values()) if (s.outcome === 'pending') n++;
    return n;
  }
}

/** A real socket.io client with the session cookie, reconnecting like the web client. */
export function connectClient(url: string, token: string): ChatSocket {
  const socket: ChatSocket = ioClient(url, {
    transports: ['websocket'],
    extraHeaders: { cookie: `linli.sid=${token}` },
    reconnection: true,
    reconnectionDelay: 250,
    reconnectionDelayMax: 2000,
    randomizationFactor: 0.3,
    timeout: 5000,
    forceNew: true,
  });
  let closing = false;
  socket.on('disconnect', (reason) => {
    // A server-side close is not retried by socket.io itself; the web client reconnects anyway.
    if (reason === 'io server disconnect' && !closing) setTimeout(() => !closing && socket.connect(), 1000);
  });
  const close = socket.close.bind(socket);
  socket.close = () => {
    closing = true;
    return close();
  };
  return socket;
}


/** Records when each message (by clientId) first reached this member, and how often. */
export class Observer {
  readonly seen = new Map<string, number>();
  /** Deliveries of a clientId already seen (a repeated broadcast). */
  repeats = 0;
  constructor(
    readonly node: string,
    readonly socket: ChatSocket,
  ) {
    socket.on('message:created', (m: Message) => {
      if (this.seen.has(m.clientId)) this.repeats++;
      else this.seen.set(m.clientId, Date.now());
    });
  }
}

/**
 * Sends one message and retries it with the same clientId until an `ok: true`
 * ack, a refusal, MAX_ATTEMPTS, or the ledger's retry deadline. Like the web
 * client, a retry waits for the socket to be connected.
 */
export function deliver(socket: ChatSocket, ledger: Ledger, s: Sent, channelId: string, body: string, retry = true): void {
  const attempt = () => {
    if (s.outcome === 'acked') return;
    if (Date.now() >= ledger.retryDeadline || s.attempts >= MAX_ATTEMPTS) {
      if (s.outcome === 'pending') s.outcome = 'unacknowledged';
      return;
    }
    s.attempts++;
    socket.timeout(ACK_TIMEOUT_MS).emit('message:send', { channelId, clientId: s.clientId, body }, (err: Error | null, res?: Ack<Message>) => {
      if (!err && res?.ok) {
        if (!s.ack) s.ack = { id: res.data.id, seq: res.data.seq, at: Date.now() };
        else if (s.ack.id !== res.data.id || s.ack.seq !== res.data.seq) s.ackMismatch = true;
        s.outcome = 'acked';
        return;
      }
      const code = err ? 'TIMEOUT' : (res && !res.ok ? res.error.code : 'MALFORMED_ACK');
      s.errors[code] = (s.errors[code] ?? 0) + 1;
      if (s.outcome === 'acked') return;
      if (!retry) {
        s.outcome = 'unacknowledged';
        return;
      }
      // Anything but a malformed request may be a side effect of the fault: try again.
      if (code === 'VALIDATION_FAILED') {
        s.outcome = 'refused';
        return;
      }
      const retryAfter = res && !res.ok ? (res.error.retryAfterSeconds ?? 0) : 0;
      const backoff = Math.max(retryAfter * 1000, Math.min(1000 * 2 ** (s.attempts - 1), 5000));
      setTimeout(whenConnected, backoff);
    });
  };
  // Bounded: gives up at the retry deadline like attempt() does.
  const whenConnected = () => {
    if (socket.connected || Date.now() >= ledger.retryDeadline) attempt();
    else setTimeout(whenConnected, 250);
  };
  attempt();
}

export interface SenderSpec {
  userId: string;
  token: string;
  node: string;
  url: string;
}

/** A member who sends one message about every intervalMs (open loop: it never waits for acks). */
export class Sender {
  readonly socket: ChatSocket;
  private timer: NodeJS.Timeout | null = null;
  private n = 0;

  constructor(
    readonly spec: SenderSpec,
    private readonly ledger: Ledger,
    private readonly channelId: string,
    private readonly tag: string,
  ) {
    this.socket = connectClient(spec.url, spec.token);
  }

  start(intervalMs: number): void {
    const tick = () => {
      if (!this.ledger.generating) return;
      // Someone whose app shows "reconnecting" waits; the load stays at its rate instead of a burst on reconnect.
      if (this.socket.connected) this.sendOne();
      this.timer = setTimeout(tick, intervalMs * (0.7 + Math.random() * 0.6));
    };
    this.timer = setTimeout(tick, Math.random() * intervalMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private sendOne(): void {
    const clientId = `${this.tag}-${String(this.n++).padStart(5, '0')}`;
    const s = this.ledger.add({ clientId, authorId: this.spec.userId, node: this.spec.node, kind: 'load' });
    deliver(this.socket, this.ledger, s, this.channelId, `fault suite ${s.phase} ${clientId}`);
  }
}

/** Sends probes from one node and watches for them on another. */
export class Probe {
  private n = 0;
  constructor(
    readonly from: { node: string; userId: string; socket: ChatSocket },
    readonly to: Observer,
    private readonly ledger: Ledger,
    private readonly channelId: string,
    private readonly tag: string,
  ) {}

  /**
   * Sends a probe every intervalMs and resolves with the ms from `since` until a
   * probe sent at or after `since` reached the other node, or null after maxMs.
   */
  async measure(since: number, maxMs: number, intervalMs = 500): Promise<number | null> {
    const mine: Sent[] = [];
    const end = since + maxMs;
    let nextSend = 0;
    while (Date.now() < end) {
      if (Date.now() >= nextSend) {
        nextSend = Date.now() + intervalMs;
        if (this.from.socket.connected) {
          const clientId = `${this.tag}-${String(this.n++).padStart(5, '0')}`;
          const s = this.ledger.add({ clientId, authorId: this.from.userId, node: this.from.node, kind: 'probe' });
          mine.push(s);
          deliver(this.from.socket, this.ledger, s, this.channelId, `probe ${clientId}`, false);
        }
      }
      let first: number | null = null;
      for (const s of mine) {
        const at = s.firstSentAt >= since ? this.to.seen.get(s.clientId) : undefined;
        if (at !== undefined && (first === null || at < first)) first = at;
      }
      if (first !== null) return first - since;
      await new Promise((r) => setTimeout(r, 50));
    }
    return null;
  }
}
