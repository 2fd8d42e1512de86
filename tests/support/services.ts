import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFerretDB, type EmbeddedFerretDB } from '../../server/src/lib/ferretdb.js';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningService {
  url: string;
  /** The service's own process, when it is one (fault tests signal it). */
  pid?: number;
  stop(): Promise<void>;
}

/** Real FerretDB (SQLite) in a throwaway folder. */
export async function startTestFerretDB(): Promise<RunningService> {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-ferret-'));
  const db: EmbeddedFerretDB = await startFerretDB({ dataDir: dir, port: 0 });
  return {
    url: db.uri,
    async stop() {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Real redis-server from Debian, no persistence, loopback only; pass a port to restart one on the same address. */
export async function startTestRedis(opts: { port?: number } = {}): Promise<RunningService> {
  const port = opts.port ?? (await freePort());
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start in 10 s')), 10_000);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`redis-server could not start (apt-get install redis-server): ${err.message}`));
    });
    child.stdout?.on('data', (b: Buffer) => {
      if (b.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
