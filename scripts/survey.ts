/**
 * Score a survey offline, with the code the app uses:
 *   npm run survey -- score --template <template.json> --csv <responses.csv>
 * The template is a questionnaire like ../shared/reference/community-survey.json; the CSV
 * format is in shared/src/surveys/scoring.ts. Prints one JSON object (exit 0), or a clear
 * message (exit 2) when a file cannot be read or is not in the format.
 */
import { readFileSync } from 'node:fs';
import { readResponsesCsv, scoreSurvey, surveyTemplateSchema, SurveyFormatError } from '../shared/src/surveys/scoring.js';

const usage = 'usage: npm run survey -- score --template <template.json> --csv <responses.csv>';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
if (command !== 'score') fail(command === undefined ? usage : `unknown command "${command}"\n${usage}`);
const files: { template?: string; csv?: string } = {};
for (let i = 0; i < rest.length; i++) {
  const arg = rest[i]!;
  const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
  if (flag !== '--template' && flag !== '--csv') fail(`unknown argument "${arg}"\n${usage}`);
  files[flag.slice(2) as 'template' | 'csv'] = inline ?? rest[++i];
}
if (!files.template) fail(`missing --template\n${usage}`);
if (!files.csv) fail(`missing --csv\n${usage}`);

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    fail(`cannot read ${file}: ${(err as Error).message}`);
  }
};
let templateJson: unknown;
try {
  templateJson = JSON.parse(read(files.template));
} catch (err) {
  fail(`${files.template} is not valid JSON: ${(err as Error).message}`);
}
const template = surveyTemplateSchema.safeParse(templateJson);
if (!template.success) fail(`${files.template} is not a survey template: ${template.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
try {
  const { responses, invalid } = readResponsesCsv(template.data, read(files.csv));
  console.log(JSON.stringify(scoreSurvey(template.data, responses, invalid), null, 2));
} catch (err) {
  if (err instanceof SurveyFormatError) fail(`${files.csv}: ${err.message}`);
  throw err;
}
