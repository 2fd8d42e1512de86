/**
 * The processes of a fault run: one Redis, one embedded FerretDB and two Linli
 * nodes, each a child process this run can kill, freeze and restart on the
 * same port (and, for the database, on the same data folder).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ensureFerretDBBinary } from '../server/src/lib/ferretdb.js';
import { startServerProcess, repoRoot, type ServerProcess } from '../tests/support/server-process.js';
import { freePort, startTestRedis, type RunningService } from '../tests/support/services.js';

/** Every pid this run started, killed on any exit so nothing outlives it. */
const started = new Set<number>();

export function killEverything(): void {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  started.clear();
}

/** Builds shared/ and server/ when their sources are newer than dist (tsc -b is a no-op otherwise). */
export function buildServer(): void {
  for (const ws of ['shared', 'server']) {
    const r = spawnSync('npm', ['run', 'build', '-w', ws], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build -w ${ws} failed:\n${r.stdout}${r.stderr}`);
  }
}

/** Redis on a fixed port, so a restart keeps the address the nodes reconnect to. */
export class RedisProc {
  private svc: RunningService | null = null;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.svc = await startTestRedis({ port: this.port });
    if (this.svc.pid) started.add(this.svc.pid);
  }

  /** A clean shutdown (SIGTERM): every client connection drops at once. */
  async stop(): Promise<void> {
    const svc = this.svc;
    this.svc = null;
    if (!svc) return;
    await svc.stop();
    if (svc.pid) started.delete(svc.pid);
  }
}

/**
 * The embedded FerretDB as its own process (not a child of a Linli node), so it
 * can be SIGKILLed and started again on the same data folder and port.
 */
export class FerretProc {
  private child: ChildProcess | null = null;
  constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly logFile: string,
  ) {}

  uri(db: string): string {
    return `mongodb://127.0.0.1:${this.port}/${db}`;
  }

  async start(): Promise<void> {
    const bin = await ensureFerretDBBinary();
    mkdirSync(this.dataDir, { recursive: true });
    // A port just released by a killed process is normally free at once; retry briefly if not.
    for (let attempt = 1; ; attempt++) {
      try {
        this.child = await this.spawnOnce(bin);
        return;
      } catch (err) {
        if (attempt >= 5) throw err;
        await sleep(1000);
      }
    }
  }

  private spawnOnce(bin: string): Promise<ChildProcess> {
    // stdin stays a pipe: the wrapper exits when it closes, i.e. when this run dies.
    const child = spawn(bin, ['-port', String(this.port), '-data', this.dataDir, '-log-level', 'error'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, FERRETDB_TELEMETRY: 'disable', DO_NOT_TRACK: '1' },
    });
    if (child.pid) started.add(child.pid);
    child.once('exit', () => child.pid && started.delete(child.pid));
    child.stderr!.on('data', (b: Buffer) => appendFileSync(this.logFile, b));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error('FerretDB not ready within 30 s'));
      }, 30_000);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('READY ')) {
          clearTimeout(timer);
          resolve(child);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`FerretDB exited before ready (${code ?? signal})`));
      });
    });
  }

  /** Sends a signal; SIGKILL also waits until the process is gone. */
  async signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(sig);
    if (sig === 'SIGKILL') {
      await gone;
      this.child = null;
    }
  }

  async stop(): Promise<void> {
    await this.signal('SIGKILL');
  }
}

export interface NodeExit {
  node: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

/**
 * One Linli node: `node server/dist/main.js` started by the tests' own helper,
 * on a fixed port. An exit this run did not ask for is reported as a crash.
 */
export class LinliNode {
  private proc: ServerProcess | null = null;
  private deliberate = false;
  private generation = 0;
  readonly port: number;

  constructor(
    readonly name: string,
    port: number,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
    private readonly onCrash: (exit: NodeExit) => void,
  ) {
    this.port = port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    const c = this.proc?.child;
    return !!c && c.exitCode === null && c.signalCode === null;
  }

  async start(startTimeoutMs = 100_000): Promise<void> {
    this.deliberate = false;
    const generation = ++this.generation;
    const proc = await startServerProcess(this.env, { port: this.port, startTimeoutMs });
    this.proc = proc;
    const pid = proc.child.pid;
    if (pid) started.add(pid);
    proc.child.once('exit', (code, signal) => {
      if (pid) started.delete(pid);
      this.saveLog(generation, proc);
      if (!this.deliberate && generation === this.generation) this.onCrash({ node: this.name, code, signal, at: Date.now() });
    });
  }

  /** SIGKILL, on purpose: not counted as a crash. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.running) return;
    this.deliberate = true;
    const gone = new Promise<void>((resolve) => proc.child.once('exit', () => resolve()));
    proc.child.kill('SIGKILL');
    await gone;
  }

  /** SIGTERM at the end of the run (also deliberate). */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.deliberate = true;
    const hard = setTimeout(() => proc.child.kill('SIGKILL'), 8000);
    await proc.stop();
    clearTimeout(hard);
  }

  private saveLog(generation: number, proc: ServerProcess): void {
    writeFileSync(`${this.logFile}.${generation}`, proc.output());
  }

  /** Appends the current process's output so far (for a report written before it exits). */
  snapshotLog(): void {
    if (this.proc && this.running) writeFileSync(`${this.logFile}.${this.generation}`, this.proc.output());
  }

  /** Lines of the current process's output that mention a level at or above warn. */
  warnings(): string[] {
    return (this.proc?.output() ?? '').split('\n').filter((l) => /"level":(40|50|60)\b/.test(l));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export { freePort };
