/**
 * A light socket.io v4 client over plain `ws`: just enough of the engine.io /
 * socket.io wire protocol for the benchmark (open, ping/pong, connect, events,
 * acks). It costs about half of `socket.io-client` per received frame, so the
 * load driver is not the first thing to saturate.
 *
 * Frames (websocket transport, text only):
 *   engine.io  0{...} open   2 ping -> 3 pong   4<socket.io packet> message   1 close
 *   socket.io  0 connect / 0{"sid":..} connected   4{...} connect error
 *              2["event",...] event   2<id>["event",...] event wanting an ack   3<id>[...] ack
 */
import WebSocket from 'ws';

export interface LightClientOptions {
  /** http://127.0.0.1:port */
  url: string;
  cookie?: string;
  /** Called with every socket.io EVENT frame's text ("42[...]"), unparsed. */
  onEvent?: (frame: string) => void;
  onClose?: (reason: string) => void;
}

export class LightClient {
  readonly ws: WebSocket;
  private nextAckId = 0;
  private readonly acks = new Map<number, (frame: string) => void>();
  private connected = false;
  private connectWaiter: { resolve: () => void; reject: (e: Error) => void } | null = null;
  closed = false;

  constructor(private readonly opts: LightClientOptions) {
    const wsUrl = `${opts.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    this.ws = new WebSocket(wsUrl, {
      headers: opts.cookie ? { Cookie: opts.cookie } : {},
      perMessageDeflate: false,
      skipUTF8Validation: true,
    });
    this.ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) this.onFrame(data.toString());
    });
    this.ws.on('close', () => this.fail('closed'));
    this.ws.on('error', (err: Error) => this.fail(`error: ${err.message}`));
  }

  /** Resolves once the socket.io CONNECT was accepted (after the server's middlewares). */
  connect(timeoutMs: number): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('connect timeout')), timeoutMs);
      this.connectWaiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  /** Sends an event with an ack id; the callback gets the raw ack frame ("43<id>[...]"). */
  emitWithAck(name: string, payloadJson: string, onAck: (frame: string) => void): void {
    const id = this.nextAckId++;
    this.acks.set(id, onAck);
    this.ws.send(`42${id}["${name}",${payloadJson}]`);
  }

  get pendingAcks(): number {
    return this.acks.size;
  }

  close(): void {
    this.closed = true;
    try {
      this.ws.close();
    } catch {
      // already closing
    }
  }

  private fail(reason: string) {
    if (this.connectWaiter) {
      this.connectWaiter.reject(new Error(reason));
      this.connectWaiter = null;
    }
    if (!this.closed) {
      this.closed = true;
      this.opts.onClose?.(reason);
    }
  }

  private onFrame(s: string) {
    const c0 = s.charCodeAt(0);
    if (c0 === 52 /* '4' engine.io message */) {
      const c1 = s.charCodeAt(1);
      if (c1 === 50 /* '2' EVENT */) {
        this.opts.onEvent?.(s);
      } else if (c1 === 51 /* '3' ACK */) {
        const bracket = s.indexOf('[', 2);
        const id = Number(s.slice(2, bracket));
        const cb = this.acks.get(id);
        if (cb) {
          this.acks.delete(id);
          cb(s);
        }
      } else if (c1 === 48 /* '0' CONNECT accepted */) {
        this.connected = true;
        this.connectWaiter?.resolve();
        this.connectWaiter = null;
      } else if (c1 === 52 /* '4' CONNECT_ERROR */) {
        this.connectWaiter?.reject(new Error(`connect_error ${s.slice(2, 200)}`));
        this.connectWaiter = null;
      } else if (c1 === 49 /* '1' DISCONNECT */) {
        this.fail('server disconnect');
      }
    } else if (c0 === 50 /* '2' ping */) {
      this.ws.send('3');
    } else if (c0 === 48 /* '0' engine.io open */) {
      this.ws.send('40');
    } else if (c0 === 49 /* '1' close */) {
      this.fail('engine close');
    }
  }
}
