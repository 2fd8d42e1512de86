#!/usr/bin/env node
// `npm test`: lint, typecheck, build, then every test tier (unit, integration
// against real FerretDB + Redis, e2e in Chromium). Ends with one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const step = (title, cmd, args) => {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`\n${title} failed (exit ${r.status ?? r.signal})`);
    console.log('tests: 0 passed, 1 failed');
    process.exit(r.status || 1);
  }
};

step('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
step('build', 'npm', ['run', 'build']);
step('typecheck', 'npm', ['run', 'typecheck']);
// Build the embedded FerretDB once, before the test projects start in parallel
// (on a fresh machine this downloads Go modules and compiles for a minute or two).
step('embedded database', process.execPath, ['-e', "import('./server/dist/lib/ferretdb.js').then((m) => m.ensureFerretDBBinary()).then((bin) => console.log(bin))"]);

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
const projects = process.env.LINLI_TEST_PROJECTS?.split(',') ?? [];
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...projects.flatMap((p) => ['--project', p])];
console.log(`\n=== tests: npx ${args.join(' ')}`);
const r = spawnSync('npx', args, { stdio: 'inherit', env: process.env });

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = (json.numFailedTests ?? 0) + (json.numFailedTestSuites ?? 0);
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
}
if (r.status !== 0 && failed === 0) failed = 1;
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(r.status ?? 1);
