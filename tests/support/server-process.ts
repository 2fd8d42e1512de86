import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './services.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  url: string;
  /** The node process itself (fault tests signal it and watch it exit). */
  child: ChildProcess;
  output: () => string;
  /** Latest one-time code the console SMS driver printed for a phone. */
  codeFor(phone: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Runs the built server exactly as `npm start` does (node server/dist/main.js); `port` lets a restart
 * keep its address; a server not serving within `startTimeoutMs` is killed.
 */
export async function startServerProcess(env: Record<string, string> = {}, opts: { port?: number; startTimeoutMs?: number } = {}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-e2e-'));
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['server/dist/main.js'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', FERRETDB_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(check);
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, opts.startTimeoutMs ?? 180_000);
    const check = setInterval(() => {
      if (out.includes('Linli is serving')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    async codeFor(phone: string) {
      const tail = phone.slice(-4);
      for (let i = 0; i < 50; i++) {
        const matches = [...out.matchAll(new RegExp(`login code for \\*\\*\\*\\*${tail}: (\\d{6})`, 'g'))];
        const last = matches.at(-1)?.[1];
        if (last) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no code for ****${tail}`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          rmSync(dataDir, { recursive: true, force: true });
          return resolve();
        }
        child.once('exit', () => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
