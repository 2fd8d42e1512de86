/**
 * Surveys end to end over real sockets, two nodes, the embedded database: answers whose
 * item means are fixed in advance give the expected item, dimension and overall scores
 * exactly through the CSV import, through the socket path, through the export read back
 * by the offline command; one response per account (and per household) under concurrent
 * submits on two nodes; a CSV with bad rows stores nothing and lists each; anonymous
 * surveys store no account-answer link; audience and window refusals leave the stored
 * state unchanged; breakdowns hide groups under 10; the index's service functions.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreSurvey, studyTemplate, templateOf, type EventInput, type ImportReport, type Survey, type SurveyAnswers } from '@linli/shared';
import { call, collect, eventually, must, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { createTestCommunity, type Household } from '../support/community.js';
import { createLogger } from '../../server/src/lib/logger.js';
import { seedDemo } from '../../server/src/seed/demo.js';
import { seedDemoSurveys } from '../../server/src/seed/demo-surveys.js';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const studyPath = resolve(root, 'shared/src/surveys/community-survey.json');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const itemIds = studyTemplate.definition.dimensions.flatMap((d) => d.items.map((i) => i.id));

/**
 * Answers fixed in advance: item k gets the answers of plan[k % 5], repeated down the
 * respondents (every 4 respondents complete a pattern), so with a multiple of 4
 * respondents the means are exact: 87.5, 50, 37.5, 81.25 (81.3 printed), 12.5; every
 * dimension holds one item of each pattern: (87.5 + 50 + 37.5 + 81.25 + 12.5) / 5 = 53.75
 * -> 53.8; the overall too.
 */
const plan: number[][] = [
  [5, 5, 4, 4],
  [3, 3, 3, 3],
  [1, 2, 2, 5],
  [4, 4, 4, 5],
  [2, 2, 1, 1],
];
const expectedItem = [87.5, 50, 37.5, 81.3, 12.5];
const N = 20;

/** Respondent r's answers: gender alternating, everyone 31-50, 9 bachelor and 11 master-plus, the first 15 name their community. */
function answersOf(r: number): SurveyAnswers {
  return {
    demographics: { gender: r % 2 ? 'male' : 'female', age: '31-50', education: r < 9 ? 'bachelor' : 'master-plus' },
    awareness: r < 15 ? { 'community-name': '问卷社区' } : {},
    items: Object.fromEntries(itemIds.map((id, k) => [id, plan[k % 5]![r % 4]!])),
    choices: {},
  };
}

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
function csvOf(rows: number, prefix = 'p'): string {
  const header = ['respondent', 'gender', 'age', 'education', 'income', 'community-name', 'compound-name', ...itemIds];
  const lines = [header.join(',')];
  for (let r = 0; r < rows; r++) {
    const a = answersOf(r);
    lines.push([`${prefix}${r + 1}`, a.demographics.gender!, a.demographics.age!, a.demographics.education!, '', a.awareness['community-name'] ?? '', r === 0 ? '桃源, 一期' : '', ...itemIds.map((id) => String(a.items[id]))].map(csvField).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function expectFixedScores(figures: { items: Record<string, number | null>; dimensions: Record<string, number | null>; overall: number | null }) {
  itemIds.forEach((id, k) => expect(figures.items[id], id).toBe(expectedItem[k % 5]));
  for (const d of studyTemplate.definition.dimensions) expect(figures.dimensions[d.id], d.id).toBe(53.8);
  expect(figures.overall).toBe(53.8);
}

/** The offline command, run as a child process without blocking the two nodes running in this process. */
const runCli = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/survey.ts', ...args], { cwd: root, encoding: 'utf8' }, (err, stdout, stderr) =>
      done({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

describe('surveys', () => {
  let c: Cluster;
  let now = Date.now();
  const clock = () => new Date(now);
  let communityId: string;
  let admin: ClientSocket;
  let staff: ClientSocket;
  const users: Record<string, Session> = {};
  const sockets: Record<string, ClientSocket> = {};
  /** The 20 residents who answer through sockets (half on each node). */
  const respondents: string[] = [];
  let dir: string;

  const counts = async () => ({
    surveys: await c.models.Survey.countDocuments({}),
    participants: await c.models.SurveyParticipant.countDocuments({}),
    responses: await c.models.SurveyResponse.countDocuments({}),
    imports: await c.models.SurveyImport.countDocuments({}),
  });
  const publish = async (input: Omit<EventInput<'survey:create'>, 'communityId'>): Promise<Survey> => {
    const draft = await must(staff, 'survey:create', { communityId, ...input } as EventInput<'survey:create'>);
    return must(staff, 'survey:publish', { surveyId: draft.id, version: draft.version });
  };
  const importCsv = async (surveyId: string, csv: string, who = 'staff', dryRun = false, node = 0) => {
    const res = await fetch(`${c.nodes[node]!.url}/api/surveys/${surveyId}/import${dryRun ? '?dryRun=1' : ''}`, {
      method: 'POST',
      headers: { cookie: users[who]!.cookie, 'content-type': 'text/csv', origin: c.nodes[node]!.url },
      body: csv,
    });
    return { status: res.status, body: (await res.json()) as { ok: boolean; data: ImportReport; error?: { code: string } } };
  };
  const exportCsv = async (surveyId: string, who = 'staff') => {
    const res = await fetch(`${c.nodes[1]!.url}/api/surveys/${surveyId}/export`, { headers: { cookie: users[who]!.cookie } });
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    dir = mkdtempSync(joinPath(tmpdir(), 'linli-surveys-'));
    c = await startCluster({ nodes: 2, clock });
    const community = await createTestCommunity(c, '问卷测试社区', users);
    ({ admin, communityId } = community);
    const join = async (key: string, phone: string, name: string, node: number, household?: Household) => (sockets[key] = await community.join(key, phone, name, node, household));
    staff = await join('staff', '13900500001', '李社工', 0);
    await community.setRole('staff', 'moderator');
    staff.disconnect();
    staff = sockets.staff = await c.connect(users.staff!, 0);
    // Two members of one verified household; one unverified; one without a household.
    await join('wang', '13900500002', '王阿姨', 1, { building: '3栋', unit: '2单元', room: '1201', verify: true });
    await join('wangHusband', '13900500003', '王伯伯', 0, { building: '3栋', unit: '2单元', room: '1201', verify: true });
    await join('zhang', '13900500004', '小张', 1, { building: '9栋', unit: '1单元', room: '501', verify: false });
    await join('nohome', '13900500005', '小李', 0);
    const categories = await must(staff, 'issue:categories', { communityId });
    for (let r = 0; r < N; r++) {
      const key = `r${r}`;
      respondents.push(key);
      const socket = await join(key, `1390051${String(r).padStart(4, '0')}`, `居民${r}`, r % 2);
      // The first ten took part in Linli (filed a problem report) before answering.
      if (r < 10) await must(socket, 'issue:file', { communityId, title: `楼道灯坏了 ${r}`, categoryId: categories[0]!.id } as EventInput<'issue:file'>);
    }
    now += HOUR;
  }, 240_000);

  afterAll(async () => {
    await c?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('item means fixed in advance give the expected scores exactly through the CSV import, the socket path and the offline command', async () => {
    // 1. Paper questionnaires through the CSV import.
    const paper = await publish({ template: 'study', anonymous: true, closesAt: new Date(now + 7 * DAY).toISOString() });
    const checked = await importCsv(paper.id, csvOf(N), 'staff', true);
    expect(checked.body.data).toEqual({ rows: N, invalid: [], stored: 0, dryRun: true });
    expect(await c.models.SurveyResponse.countDocuments({ surveyId: paper.id, filled: true })).toBe(0);
    const imported = await importCsv(paper.id, csvOf(N), 'staff', false, 1);
    expect(imported.body.data).toEqual({ rows: N, invalid: [], stored: N, dryRun: false });
    const fromPaper = await must(staff, 'survey:results', { surveyId: paper.id });
    expect(fromPaper.respondents).toBe(N);
    expect(fromPaper.bySource).toEqual({ online: 0, paper: N, staff: 0 });
    expectFixedScores(fromPaper);
    expect(fromPaper.aware).toEqual({ 'community-name': 0.75, 'compound-name': 0.05 });

    // 2. The same answers through the socket path, half on each node; staff see the count move live.
    const online = await publish({ template: 'study', anonymous: true, closesAt: new Date(now + 7 * DAY).toISOString() });
    const live = collect(staff, 'survey:responded');
    await Promise.all(respondents.map((key, r) => must(sockets[key]!, 'survey:submit', { surveyId: online.id, answers: answersOf(r) })));
    await eventually(() => live.some((e) => e.surveyId === online.id && e.respondents === N), 5000, 'staff told of the 20th response');
    const fromSockets = await must(staff, 'survey:results', { surveyId: online.id });
    expect(fromSockets.respondents).toBe(N);
    expect(fromSockets.bySource).toEqual({ online: N, paper: 0, staff: 0 });
    expectFixedScores(fromSockets);
    expect(fromSockets.distributions.q1).toEqual({ answered: N, counts: { '1': 0, '2': 0, '3': 0, '4': 10, '5': 10 } });
    expect(fromSockets.demographics.gender).toEqual({ female: 10, male: 10 });
    expect(fromSockets.aware['community-name']).toBe(0.75);

    // 3. The offline command on the import CSV and on the app's export, read back in the import format.
    const csvFile = joinPath(dir, 'paper.csv');
    writeFileSync(csvFile, csvOf(N));
    const offline = await runCli('score', '--template', studyPath, '--csv', csvFile);
    expect(offline.status, offline.stderr).toBe(0);
    const printed = JSON.parse(offline.stdout) as { respondents: number; items: Record<string, number>; dimensions: Record<string, number>; overall: number };
    expect(printed.respondents).toBe(N);
    expectFixedScores(printed);
    const exported = await exportCsv(online.id);
    expect(exported.status).toBe(200);
    const exportFile = joinPath(dir, 'export.csv');
    writeFileSync(exportFile, exported.text);
    const again = await runCli('score', '--template', studyPath, '--csv', exportFile);
    expect(again.status, again.stderr).toBe(0);
    const reread = JSON.parse(again.stdout) as typeof printed & { demographics: unknown; aware: unknown };
    expect(reread).toMatchObject({ respondents: N, items: fromSockets.items, dimensions: fromSockets.dimensions, overall: fromSockets.overall, demographics: fromSockets.demographics, aware: fromSockets.aware });
    // The export lists respondents by their random ids, sorted: not in the order they answered.
    const ids = exported.text.trim().split('\r\n').slice(1).map((line) => line.split(',')[0]!);
    expect(ids).toEqual([...ids].sort());
    expect(ids.every((id) => /^[a-f0-9]{24}$/.test(id))).toBe(true);

    // 4. Participation join: the first ten took part in Linli (different answers pattern subset), the others did not: both shown.
    const tookPart = fromSockets.participation.tookPart;
    const didNot = fromSockets.participation.didNot;
    expect(tookPart.suppressed).toBe(false);
    expect(didNot.suppressed).toBe(false);
    const scoreOf = (rs: number[]) =>
      scoreSurvey(
        templateOf(studyTemplate),
        rs.map((r) => ({ respondent: String(r), demographics: answersOf(r).demographics, awareness: answersOf(r).awareness, answers: answersOf(r).items })),
      );
    const first = scoreOf([...Array(10).keys()]);
    const rest = scoreOf([...Array(10).keys()].map((r) => r + 10));
    if (!tookPart.suppressed) expect({ respondents: tookPart.respondents, overall: tookPart.overall, items: tookPart.items }).toEqual({ respondents: 10, overall: first.overall, items: first.items });
    if (!didNot.suppressed) expect({ respondents: didNot.respondents, overall: didNot.overall }).toEqual({ respondents: 10, overall: rest.overall });
    expect(first.overall).not.toBe(rest.overall); // the two groups really differ: the join is not the overall twice
    expect(fromPaper.participation).toEqual({ tookPart: { suppressed: true }, didNot: { suppressed: true }, unknown: N });

    // 5. Breakdowns: groups under 10 respondents are hidden.
    const b = fromSockets.breakdowns;
    expect(b.gender!.female).toMatchObject({ suppressed: false, respondents: 10 });
    expect(b.education!.bachelor).toEqual({ suppressed: true });
    expect(b.education!['master-plus']).toMatchObject({ suppressed: false, respondents: 11 });
    expect(b.age!['31-50']).toMatchObject({ suppressed: false, respondents: N, overall: 53.8 });
    expect(b.age!.under18).toEqual({ suppressed: true });
    expect(b.income!.lt18k).toEqual({ suppressed: true });

    // 6. A second wave compares item by item with the first; the index reads the latest closed wave.
    const waveTwo = await must(staff, 'survey:create', { communityId, previousWaveId: online.id });
    expect(waveTwo).toMatchObject({ wave: 2, templateId: studyTemplate.id, previousWaveId: online.id });
    const published = await must(staff, 'survey:publish', { surveyId: waveTwo.id, version: waveTwo.version });
    const better: SurveyAnswers = { ...answersOf(0), items: Object.fromEntries(itemIds.map((id) => [id, 5])) };
    await must(sockets.r0!, 'survey:submit', { surveyId: published.id, answers: better });
    const compared = await must(staff, 'survey:results', { surveyId: published.id });
    expect(compared.comparison?.before).toMatchObject({ surveyId: online.id, respondents: N });
    expect(compared.comparison?.items.q1).toEqual({ before: 87.5, after: 100, change: 12.5 });
    expect(compared.comparison?.items.q5).toEqual({ before: 12.5, after: 100, change: 87.5 });
    expect(compared.comparison?.overall).toEqual({ before: 53.8, after: 100, change: 46.2 });

    const service = c.nodes[0]!.app.services.surveys;
    await must(staff, 'survey:close', { surveyId: online.id });
    now += HOUR;
    const latest = await service.latestWave(communityId, new Date(now));
    expect(latest).toMatchObject({ surveyId: online.id, respondents: N, overall: 53.8 });
    expect(await service.latestWave(communityId, new Date(now - 2 * HOUR))).toBeNull();
    const answered = await service.respondentIds(communityId, new Date(now - DAY), new Date(now + DAY));
    expect(answered).toEqual(respondents.map((key) => users[key]!.user.id).sort());
    expect(await service.respondentIds(communityId, new Date(now + 30 * DAY), new Date(now + 31 * DAY))).toEqual([]);
  });

  it('one response per account under concurrent submits on two nodes: one stored, the others CONFLICT', async () => {
    const survey = await publish({ template: 'study', anonymous: false, closesAt: new Date(now + 7 * DAY).toISOString() });
    const second = await c.connect(users.r3!, 0); // r3 is on node 1: a second device on node 0
    const before = await counts();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => call(i % 2 ? sockets.r3! : second, 'survey:submit', { surveyId: survey.id, answers: answersOf(3) })));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : a.error.code))).toEqual(Array(11).fill('CONFLICT'));
    const after = await counts();
    expect(after.participants - before.participants).toBe(1);
    expect(after.responses - before.responses).toBe(1);
    second.disconnect();

    // One per household: the two members of a verified household answer at once from two nodes.
    const household = await publish({ template: 'study', audience: 'household', anonymous: true, closesAt: new Date(now + 7 * DAY).toISOString() });
    const both = await Promise.all([
      call(sockets.wang!, 'survey:submit', { surveyId: household.id, answers: answersOf(1) }),
      call(sockets.wangHusband!, 'survey:submit', { surveyId: household.id, answers: answersOf(2) }),
    ]);
    expect(both.filter((a) => a.ok)).toHaveLength(1);
    expect(both.filter((a) => !a.ok && a.error.code === 'CONFLICT')).toHaveLength(1);
    expect(await c.models.SurveyResponse.countDocuments({ surveyId: household.id, filled: true })).toBe(1);
    const loser = both[0]!.ok ? 'wangHusband' : 'wang';
    expect((await must(sockets[loser]!, 'survey:get', { surveyId: household.id })).my).toEqual({ answered: true, answeredByHousehold: true, blocked: 'answered' });

    // Staff enter a paper questionnaire for a resident: it is that resident's one response.
    const entered = await must(staff, 'survey:enterFor', { surveyId: survey.id, userId: users.r4!.user.id, answers: answersOf(4) });
    expect(entered.survey.respondents).toBe(2);
    expect(await call(sockets.r4!, 'survey:submit', { surveyId: survey.id, answers: answersOf(4) })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const results = await must(staff, 'survey:results', { surveyId: survey.id });
    expect(results.bySource).toEqual({ online: 1, paper: 0, staff: 1 });
    const audit = (await must(admin, 'audit:list', { communityId, limit: 100 })).filter((e) => e.targetId === survey.id && e.action === 'survey.enterFor');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ memberId: users.r4!.user.id });
    expect(JSON.stringify(audit[0]!.details)).not.toMatch(/q1|answers/);
  });

  it('a CSV with bad rows stores nothing and lists every bad row with its reason', async () => {
    const survey = await publish({ template: 'study', anonymous: true, closesAt: new Date(now + 7 * DAY).toISOString() });
    const good = csvOf(6, 'b').trim().split('\r\n');
    const lines = [...good];
    lines[2] = lines[2]!.replace(/^b2,male,/, 'b2,alien,'); // row 3
    lines[4] = lines[4]!.replace(/,5,/, ',7,'); // row 5
    lines.push(lines[1]!); // row 8: respondent b1 again
    lines.push('b9,male'); // row 9: too few fields
    const before = await counts();
    const report = await importCsv(survey.id, lines.join('\n'));
    expect(report.status).toBe(200);
    expect(report.body.data.stored).toBe(0);
    expect(report.body.data.rows).toBe(8);
    expect(report.body.data.invalid.map((i) => [i.row, i.respondent])).toEqual([
      [3, 'b2'],
      [5, 'b4'],
      [8, 'b1'],
      [9, 'b9'],
    ]);
    expect(report.body.data.invalid[0]!.reason).toMatch(/gender: "alien" is not one of its options/);
    expect(report.body.data.invalid[1]!.reason).toMatch(/"7" is not an answer/);
    expect(report.body.data.invalid[2]!.reason).toMatch(/appears twice/);
    expect(await counts()).toEqual(before);

    // A bad header: refused as a whole. Residents may not import.
    expect((await importCsv(survey.id, 'who,q1\n1,5\n')).body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await importCsv(survey.id, good.join('\n'), 'r5')).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await counts()).toEqual(before);

    // The clean file stores every row; the same respondents again are listed as already imported, nothing more stored.
    expect((await importCsv(survey.id, good.join('\n'))).body.data).toMatchObject({ stored: 6, invalid: [] });
    const twice = await importCsv(survey.id, [good[0]!, good[1]!, csvOf(8, 'b').trim().split('\r\n')[7]!].join('\n'));
    expect(twice.body.data.stored).toBe(0);
    expect(twice.body.data.invalid).toEqual([{ row: 2, respondent: 'b1', reason: 'respondent "b1" was already imported' }]);
    expect(await c.models.SurveyResponse.countDocuments({ surveyId: survey.id, filled: true })).toBe(6);
    // Paper responses carry no account.
    const stored = await c.models.SurveyResponse.find({ surveyId: survey.id, filled: true }).lean();
    expect(stored.every((r) => r.source === 'paper' && r.userId === null && r.tookPart === null)).toBe(true);
  });

  it('an anonymous survey stores no link between an account and its answers', async () => {
    const anonymous = await publish({ template: 'study', anonymous: true, closesAt: new Date(now + 7 * DAY).toISOString() });
    const named = await publish({ template: 'study', anonymous: false, closesAt: new Date(now + 7 * DAY).toISOString() });
    for (const key of ['r6', 'r7', 'r8']) {
      const r = Number(key.slice(1));
      await must(sockets[key]!, 'survey:submit', { surveyId: anonymous.id, answers: answersOf(r) });
      await must(sockets[key]!, 'survey:submit', { surveyId: named.id, answers: answersOf(r) });
    }
    const userIds = ['r6', 'r7', 'r8'].map((key) => users[key]!.user.id);
    const responses = await c.models.SurveyResponse.find({ surveyId: anonymous.id, filled: true }).lean();
    expect(responses).toHaveLength(3);
    // The answers fill slots made empty, shuffled, before anyone answered: storage order says nothing.
    expect(await c.models.SurveyResponse.countDocuments({ surveyId: anonymous.id, filled: false })).toBeGreaterThanOrEqual(61);
    for (const row of responses) {
      expect(Object.keys(row).sort()).toEqual(['_id', 'answers', 'day', 'filled', 'importId', 'respondent', 'source', 'submittedAt', 'surveyId', 'tookPart', 'userId', 'userName'].sort());
      expect(row).toMatchObject({ userId: null, userName: null, submittedAt: null, source: 'online' });
      expect(row.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // A random id, not an ObjectId whose first 4 bytes would be the time of the answer.
      expect(typeof row._id).toBe('string');
      expect(Math.abs(parseInt(String(row._id).slice(0, 8), 16) * 1000 - Date.now())).toBeGreaterThan(DAY);
      const text = JSON.stringify(row);
      for (const id of userIds) expect(text).not.toContain(id);
      expect(text).not.toMatch(/居民/);
    }
    const participants = await c.models.SurveyParticipant.find({ surveyId: anonymous.id }).lean();
    expect(participants.map((p) => p.userId.toString()).sort()).toEqual([...userIds].sort());
    for (const row of participants) {
      expect(Object.keys(row).sort()).toEqual(['_id', 'answeredAt', 'communityId', 'enteredById', 'respondentKey', 'surveyId', 'userId'].sort());
      expect(row.answeredAt).toBeNull();
    }
    // The named survey keeps who answered what.
    const namedRows = await c.models.SurveyResponse.find({ surveyId: named.id }).lean();
    expect(namedRows.map((r) => r.userId?.toString()).sort()).toEqual([...userIds].sort());
    // Nothing in the audit log or the notifications of the community carries answers.
    const audit = JSON.stringify(await must(admin, 'audit:list', { communityId, limit: 200 }));
    expect(audit).not.toContain(String(responses[0]!._id));
  });

  it('audience, role and window refusals leave the stored state unchanged', async () => {
    const verified = await publish({ template: 'study', audience: 'verified', anonymous: true, closesAt: new Date(now + 7 * DAY).toISOString() });
    const household = await publish({ template: 'study', audience: 'household', anonymous: true, closesAt: new Date(now + 7 * DAY).toISOString() });
    const scheduled = await publish({ template: 'study', opensAt: new Date(now + DAY).toISOString(), closesAt: new Date(now + 7 * DAY).toISOString() });
    const draft = await must(staff, 'survey:create', { communityId, template: 'study' });
    const before = await counts();
    const refusals = [
      await call(sockets.zhang!, 'survey:submit', { surveyId: verified.id, answers: answersOf(0) }),
      await call(sockets.r5!, 'survey:submit', { surveyId: verified.id, answers: answersOf(0) }),
      await call(sockets.nohome!, 'survey:submit', { surveyId: household.id, answers: answersOf(0) }),
      await call(sockets.zhang!, 'survey:submit', { surveyId: household.id, answers: answersOf(0) }),
    ];
    expect(refusals.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect((await must(sockets.nohome!, 'survey:get', { surveyId: household.id })).my.blocked).toBe('noHousehold');
    // Not open yet, a draft residents cannot see, bad answers, residents managing.
    expect(await call(sockets.r5!, 'survey:submit', { surveyId: scheduled.id, answers: answersOf(0) })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await call(sockets.r5!, 'survey:submit', { surveyId: draft.id, answers: answersOf(0) })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(sockets.r5!, 'survey:submit', { surveyId: verified.id.replace(/.$/, '0'), answers: answersOf(0) })).toMatchObject({ ok: false });
    expect(await call(sockets.wang!, 'survey:submit', { surveyId: verified.id, answers: { ...answersOf(0), demographics: { gender: 'alien' } } })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await call(sockets.wang!, 'survey:submit', { surveyId: verified.id, answers: { ...answersOf(0), items: { q99: 3 } } })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await call(sockets.r5!, 'survey:create', { communityId, template: 'study' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(sockets.r5!, 'survey:results', { surveyId: verified.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await exportCsv(verified.id, 'r5')).status).toBe(403);
    expect(await call(sockets.r5!, 'survey:enterFor', { surveyId: verified.id, userId: users.r6!.user.id, answers: answersOf(0) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const list = await must(sockets.r5!, 'survey:list', { communityId });
    expect(list.items.some((s) => s.id === draft.id)).toBe(false);
    expect(await counts()).toEqual(before);

    // Verified residents may answer; once the window closes nobody may.
    await must(sockets.wang!, 'survey:submit', { surveyId: verified.id, answers: answersOf(0) });
    now += 8 * DAY;
    expect(await call(sockets.wangHusband!, 'survey:submit', { surveyId: verified.id, answers: answersOf(0) })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await must(sockets.wang!, 'survey:get', { surveyId: verified.id })).survey.phase).toBe('closed');
    now -= 8 * DAY;
  });

  it('the audience hears once that a survey opened (two nodes sweeping)', async () => {
    const later = await publish({ template: 'study', audience: 'verified', opensAt: new Date(now + HOUR).toISOString(), closesAt: new Date(now + 7 * DAY).toISOString() });
    expect(later.phase).toBe('scheduled');
    const heard = collect(sockets.wang!, 'notification:created');
    expect(await c.models.Notification.countDocuments({ subjectId: later.id })).toBe(0);
    now += 2 * HOUR;
    // Both nodes sweep at once (and their own timers may too): one claim wins.
    const swept = await Promise.all(c.nodes.map((node) => node.app.services.surveys.sweep()));
    expect(swept.reduce((sum, s) => sum + s.announced, 0)).toBeLessThanOrEqual(1);
    await eventually(() => heard.some((n) => n.kind === 'survey' && n.subjectId === later.id), 8000, 'wang told the survey opened');
    // Verified residents only (王阿姨, 王伯伯), once each: the unverified member was not told.
    await eventually(async () => (await c.models.Notification.countDocuments({ subjectId: later.id })) === 2);
    await Promise.all(c.nodes.map((node) => node.app.services.surveys.sweep()));
    expect(await c.models.Notification.countDocuments({ subjectId: later.id })).toBe(2);
    expect(await c.models.Notification.countDocuments({ subjectId: later.id, userId: users.zhang!.user.id })).toBe(0);
  });

  it('the demo seed: a closed first wave of 30 paper questionnaires imported through the CSV path, and its second wave open', async () => {
    await seedDemo(c.models, createLogger('silent'));
    const app = c.nodes[0]!.app;
    const seeded = await seedDemoSurveys(c.models, app);
    expect(seeded).not.toBeNull();
    const director = await c.login('13800000000', '张主任', 1);
    const socket = await c.connect(director, 1);
    const closed = await must(socket, 'survey:results', { surveyId: seeded!.closedId });
    expect(closed).toMatchObject({ respondents: 30, bySource: { online: 0, paper: 30, staff: 0 }, survey: { phase: 'closed' } });
    expect(closed.overall).toBeGreaterThan(0);
    const open = await must(socket, 'survey:get', { surveyId: seeded!.openId });
    expect(open.survey).toMatchObject({ phase: 'open', wave: 2, previousWaveId: seeded!.closedId });
    expect((await must(socket, 'survey:results', { surveyId: seeded!.openId })).comparison?.before.respondents).toBe(30);
    expect(await c.models.SurveyImport.countDocuments({ surveyId: seeded!.closedId, state: 'done' })).toBe(1);
    expect(await seedDemoSurveys(c.models, app)).toBeNull();
    socket.disconnect();
  });
});
