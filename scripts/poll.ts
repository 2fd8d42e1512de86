/**
 * Recount a poll offline: `npm run poll -- count --file election.json`.
 * The file is a poll definition with its ballots (see shared/src/polls/counting.ts);
 * prints the result as JSON (exit 0), or a clear message (exit 2) when the file
 * cannot be read or the definition is wrong.
 */
import { readFileSync } from 'node:fs';
import { countPoll, PollDefinitionError } from '../shared/src/polls/counting.js';

const usage = 'usage: npm run poll -- count --file <poll.json>';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
if (command !== 'count') fail(command === undefined ? usage : `unknown command "${command}"\n${usage}`);
let file: string | undefined;
for (let i = 0; i < rest.length; i++) {
  const arg = rest[i];
  if (arg === '--file') file = rest[++i];
  else if (arg?.startsWith('--file=')) file = arg.slice('--file='.length);
  else fail(`unknown argument "${arg}"\n${usage}`);
}
if (!file) fail(`missing --file\n${usage}`);

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (err) {
  fail(`cannot read ${file}: ${(err as Error).message}`);
}
let input: unknown;
try {
  input = JSON.parse(text);
} catch (err) {
  fail(`${file} is not valid JSON: ${(err as Error).message}`);
}
try {
  console.log(JSON.stringify(countPoll(input), null, 2));
} catch (err) {
  if (err instanceof PollDefinitionError) fail(`${file}: ${err.message}`);
  throw err;
}
