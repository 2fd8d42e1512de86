import type { Socket } from 'socket.io-client';

/**
 * Resolves once the socket is connected; rejects after ms, and on a refused handshake
 * unless the socket retries by itself (`untilTimeout`).
 */
export function waitConnected(socket: Socket, ms: number, opts: { untilTimeout?: boolean } = {}): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket not connected within ${ms} ms`)), ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    if (opts.untilTimeout) return;
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
