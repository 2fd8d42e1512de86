import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { repoRoot } from './paths.js';
import type { Logger } from './logger.js';

const run = promisify(execFile);
const wrapperDir = path.join(repoRoot, 'tools', 'ferretdb');
/** The FerretDB release the wrapper embeds (as in tools/ferretdb/go.mod). */
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB@v1.24.2';

export interface EmbeddedFerretDB {
  uri: string;
  stop(): Promise<void>;
}

/**
 * Every source of the wrapper: go.mod, go.sum, each *.go file and anything
 * else kept beside them (e.g. patches), but not a binary built in place.
 */
function wrapperSources(): string[] {
  return readdirSync(wrapperDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('ferretdb-embed'))
    .map((entry) => path.relative(wrapperDir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Path of the cached wrapper binary; the name changes when any of its sources changes. */
function binaryPath(): string {
  // The recipe is part of the name too: patches are applied since 'patched-1'.
  const hash = createHash('sha256').update(`${FERRETDB_MODULE} patched-1\0`);
  for (const file of wrapperSources()) hash.update(file).update('\0').update(readFileSync(path.join(wrapperDir, file)));
  const cacheDir = process.env.LINLI_CACHE_DIR ?? path.join(repoRoot, '.cache');
  return path.join(cacheDir, `ferretdb-embed-${hash.digest('hex').slice(0, 12)}`);
}

/** Builds the FerretDB wrapper once (Go module proxy), then reuses it. */
export async function ensureFerretDBBinary(log?: Logger): Promise<string> {
  const bin = binaryPath();
  if (existsSync(bin)) return bin;
  mkdirSync(path.dirname(bin), { recursive: true });
  log?.info('building embedded FerretDB v1.24.2 (first run only, about a minute)');
  const tmp = `${bin}.tmp-${process.pid}`;
  const env = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod -buildvcs=false' };
  const work = mkdtempSync(path.join(tmpdir(), 'linli-ferretdb-build-'));
  try {
    const modfile = await patchedModule(work, env);
    await run('go', ['build', '-trimpath', `-modfile=${modfile}`, '-o', tmp, '.'], { cwd: wrapperDir, env, maxBuffer: 16 * 1024 * 1024 });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  renameSync(tmp, bin);
  return bin;
}

/**
 * Copies the FerretDB module from the Go module cache into `work`, applies
 * tools/ferretdb/patches/*.patch to it and returns a go.mod that builds the
 * wrapper against that copy (see the README: the SQLite backend's _id lookups
 * use the _id index only with the patch).
 */
async function patchedModule(work: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await run('go', ['mod', 'download', '-json', FERRETDB_MODULE], { cwd: wrapperDir, env, maxBuffer: 16 * 1024 * 1024 });
  const dir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  if (!dir) throw new Error(`go mod download did not report where ${FERRETDB_MODULE} is`);
  const src = path.join(work, 'ferretdb');
  cpSync(dir, src, { recursive: true });
  await run('chmod', ['-R', 'u+w', src]);
  const patches = path.join(wrapperDir, 'patches');
  for (const file of readdirSync(patches).filter((name) => name.endsWith('.patch')).sort()) {
    // src is outside any git work tree, so git apply works like patch(1).
    await run('git', ['apply', '-p1', path.join(patches, file)], { cwd: src });
  }
  const modfile = path.join(work, 'go.mod');
  const mod = readFileSync(path.join(wrapperDir, 'go.mod'), 'utf8');
  writeFileSync(modfile, `${mod}\nreplace github.com/FerretDB/FerretDB => ${src}\n`);
  copyFileSync(path.join(wrapperDir, 'go.sum'), path.join(work, 'go.sum'));
  return modfile;
}

/**
 * Starts FerretDB with SQLite storage on 127.0.0.1, behind the wrapper's proxy
 * that runs writes one at a time (single-document atomicity, see the README).
 * The child exits when our stdin pipe closes, so it never outlives this
 * process, even on a crash.
 */
export async function startFerretDB(opts: { dataDir: string; port: number; log?: Logger }): Promise<EmbeddedFerretDB> {
  const bin = await ensureFerretDBBinary(opts.log);
  mkdirSync(opts.dataDir, { recursive: true });
  const child: ChildProcess = spawn(bin, ['-port', String(opts.port), '-data', opts.dataDir, '-log-level', 'error'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, FERRETDB_TELEMETRY: 'disable', DO_NOT_TRACK: '1' },
  });
  child.stderr?.on('data', (buf: Buffer) => opts.log?.warn({ ferretdb: buf.toString().trim() }, 'ferretdb'));

  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('FerretDB did not become ready within 30 s')), 30_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^READY (\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`FerretDB exited before ready (code ${code})`));
    });
  });
  opts.log?.info({ uri }, 'embedded FerretDB ready');

  return {
    uri,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Database folder under DATA_DIR, absolute. */
export function ferretDataDir(dataDir: string): string {
  return path.resolve(dataDir, 'ferretdb');
}
