/**
 * The baseline: bare socket.io with Linli's own socket.io options, no auth, no
 * validation, no database. A client joins one room; a 'message:send' is
 * broadcast to that room as 'message:created' and acknowledged.
 * Prints `BENCH_READY {"port":..}` on stdout.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { socketServerOptions } from '../server/src/realtime/socket.js';

const httpServer = createServer();
const io = new Server(httpServer, { ...socketServerOptions });

io.on('connection', (socket) => {
  socket.on('join', (room: unknown, ack: unknown) => {
    if (typeof room !== 'string' || typeof ack !== 'function') return;
    void socket.join(room);
    ack({ ok: true, data: {} });
  });
  socket.on('message:send', (payload: { channelId?: unknown } | null, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const room = payload?.channelId;
    if (typeof room !== 'string') return ack({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'channelId' } });
    io.to(room).emit('message:created', payload);
    ack({ ok: true, data: {} });
  });
});

httpServer.listen(0, '127.0.0.1', () => {
  const addr = httpServer.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  process.stdout.write(`BENCH_READY ${JSON.stringify({ port })}\n`);
});

const stop = () => {
  io.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
