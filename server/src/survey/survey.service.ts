/**
 * Surveys (问卷): staff build and publish questionnaires; members answer once each (or once
 * per verified household) by a unique index on a participation row, never a read-then-write
 * check; anonymous surveys store no account-answer link (README "Surveys"); paper
 * questionnaires come in by CSV (all rows or none) or are entered by staff for a resident;
 * results use the shared scoring (scoring.ts, results.ts), the same code as the CLI.
 *
 * A survey's phase is computed from the clock (opensAt <= now < closesAt: open), so every
 * node agrees without a sweep; the sweep only tells the audience once that a survey opened
 * (a claim one node wins).
 */
import { randomBytes, randomInt } from 'node:crypto';
import {
  SURVEY_LIMITS,
  can as canDo,
  breakdowns,
  choiceCounts,
  compareWaves,
  csvColumns,
  itemDistributions,
  parseCsv,
  participationJoin,
  readResponsesCsv,
  scoreSurvey,
  studyTemplate,
  surveyEligible,
  SurveyFormatError,
  templateOf,
  writeResponsesCsv,
  type EventPayload,
  type FieldIssue,
  type ImportReport,
  type MySurveyStatus,
  type ScoredResponse,
  type Survey,
  type SurveyAnswers,
  type SurveyDefinition,
  type SurveyPhase,
  type SurveyResults,
  type SurveySource,
  type SurveyTemplate,
  type SurveyView,
  type SurveyWaveScore,
} from '@linli/shared';
import { AppError, conflict, forbidden, isDuplicateKey, notFound } from '../lib/errors.js';
import { derivedId, op } from '../lib/db.js';
import type { Logger } from '../lib/logger.js';
import type { Caller } from '../context/caller.js';
import { authorize, loadAccess, requireAccess, type Access, type AccessDeps } from '../context/access.js';
import type { Notifier } from '../realtime/notifier.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../issues/issue-store.js';
import type { MembershipDoc } from '../members/member.model.js';
import type { Participation } from '../index/participation.js';
import { householdKey } from '../poll/presenters.js';
import type { SurveyDoc, SurveyImportDoc, SurveyParticipantDoc, SurveyResponseDoc } from './survey.model.js';

export type { SurveyWaveScore };

const DAY = 24 * 3_600_000;
/** A new survey's window when none is given. */
const DEFAULT_OPEN_DAYS = 14;
/** An import still "storing" after this long died halfway: its rows are removed before the next import. */
const STALE_IMPORT_MS = 10 * 60_000;
/** Anonymous surveys' empty slots made at once: at least this many, or 1.5 x the audience at publish. */
const SLOT_BATCH = 64;
/** Fewer free slots than this: a new batch is made. */
const SLOT_LOW = 16;

export interface SurveyServiceDeps extends AccessDeps {
  notify: Notifier;
  notifications: Pick<NotificationService, 'create'>;
  audit: AuditService;
  clock: Clock;
  log: Logger;
  /** The index helper's participation reader: the "took part in Linli" flag stored with each online response. */
  participation: Pick<Participation, 'tookPart'>;
}

const invalid = (issues: FieldIssue[]) => new AppError('VALIDATION_FAILED', 'Invalid input', { issues });
/** A random response id: 24 hex digits that are NOT an ObjectId's time + counter. */
const randomResponseId = (): string => randomBytes(12).toString('hex');
const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

/** The phase the clock gives a survey. */
export function phaseOf(doc: Pick<SurveyDoc, 'status' | 'opensAt' | 'closesAt'>, now: Date): SurveyPhase {
  if (doc.status === 'draft') return 'draft';
  if (now < doc.opensAt) return 'scheduled';
  return now < doc.closesAt ? 'open' : 'closed';
}

/** The stored definition from the written one: the five-point scale added, English defaulted. */
function definitionFrom(input: EventPayload<'survey:create'>['definition'] & object): SurveyDefinition {
  return {
    scale: studyTemplate.definition.scale,
    demographics: input.demographics.map((d) => ({ id: d.id, 'zh-CN': d['zh-CN'], en: d.en, options: d.options.map((o) => ({ id: o.id, 'zh-CN': o['zh-CN'], en: o.en })) })),
    awareness: input.awareness.map((a) => ({ id: a.id, 'zh-CN': a['zh-CN'], en: a.en, kind: 'text' as const })),
    dimensions: input.dimensions.map((d) => ({ id: d.id, 'zh-CN': d['zh-CN'], en: d.en, items: d.items.map((i) => ({ id: i.id, 'zh-CN': i['zh-CN'], en: i.en })) })),
    questions: input.questions.map((q) => ({ id: q.id, kind: q.kind, 'zh-CN': q['zh-CN'], en: q.en, options: q.options.map((o) => ({ id: o.id, 'zh-CN': o['zh-CN'], en: o.en })) })),
  };
}

/** Checks answers against the questionnaire: every id known, every option one of its question's, at least one answer. */
export function checkAnswers(definition: SurveyDefinition, answers: SurveyAnswers): void {
  const issues: FieldIssue[] = [];
  const demographics = new Map(definition.demographics.map((d) => [d.id, new Set(d.options.map((o) => o.id))]));
  const awareness = new Set(definition.awareness.map((a) => a.id));
  const items = new Set(definition.dimensions.flatMap((d) => d.items.map((i) => i.id)));
  const questions = new Map(definition.questions.map((q) => [q.id, q]));
  for (const [id, value] of Object.entries(answers.demographics)) {
    if (!demographics.has(id)) issues.push({ path: `answers.demographics.${id}`, message: 'not a question of this survey' });
    else if (!demographics.get(id)!.has(value)) issues.push({ path: `answers.demographics.${id}`, message: `"${value}" is not one of its options` });
  }
  for (const id of Object.keys(answers.awareness)) if (!awareness.has(id)) issues.push({ path: `answers.awareness.${id}`, message: 'not a question of this survey' });
  for (const id of Object.keys(answers.items)) if (!items.has(id)) issues.push({ path: `answers.items.${id}`, message: 'not an item of this survey' });
  for (const [id, picked] of Object.entries(answers.choices)) {
    const q = questions.get(id);
    if (!q) issues.push({ path: `answers.choices.${id}`, message: 'not a question of this survey' });
    else if (picked.some((p) => !q.options.some((o) => o.id === p))) issues.push({ path: `answers.choices.${id}`, message: 'not one of its options' });
    else if (new Set(picked).size !== picked.length) issues.push({ path: `answers.choices.${id}`, message: 'an option is given twice' });
    else if (q.kind === 'single' && picked.length > 1) issues.push({ path: `answers.choices.${id}`, message: 'pick one option' });
  }
  const given =
    Object.keys(answers.items).length +
    Object.keys(answers.demographics).length +
    Object.values(answers.awareness).filter((v) => v.trim() !== '').length +
    Object.values(answers.choices).filter((v) => v.length > 0).length;
  if (given === 0) issues.push({ path: 'answers', message: 'answer at least one question' });
  if (issues.length > 0) throw invalid(issues);
}

/** Answers without empty free text or empty choices (what is stored). */
const cleanAnswers = (a: SurveyAnswers): SurveyAnswers => ({
  demographics: { ...a.demographics },
  awareness: Object.fromEntries(Object.entries(a.awareness).filter(([, v]) => v.trim() !== '')),
  items: { ...a.items },
  choices: Object.fromEntries(Object.entries(a.choices).filter(([, v]) => v.length > 0)),
});

/** A stored response as scoring reads it. */
const scoredOf = (row: SurveyResponseDoc): ScoredResponse => ({
  respondent: row.respondent,
  demographics: row.answers.demographics ?? {},
  awareness: row.answers.awareness ?? {},
  answers: row.answers.items ?? {},
  choices: row.answers.choices ?? {},
  tookPart: row.tookPart ?? null,
});

export function createSurveyService(deps: SurveyServiceDeps) {
  const { models, notify, audit } = deps;

  // ------------------------------------------------------------------ reads

  async function find(surveyId: string): Promise<SurveyDoc | null> {
    return (await models.Survey.findOne({ _id: surveyId }).lean()) as SurveyDoc | null;
  }

  /** The survey and the caller's access (NOT_FOUND for outsiders, and for residents asking for a draft). */
  async function load(caller: Caller, surveyId: string): Promise<{ doc: SurveyDoc; access: Access }> {
    const doc = await find(surveyId);
    if (!doc) throw notFound('Survey');
    const access = await loadAccess(deps, caller, doc.communityId.toString());
    authorize(access, 'survey.view');
    if (doc.status === 'draft' && !can(access, 'survey.manage')) throw notFound('Survey');
    return { doc, access };
  }

  const can = (access: Access, action: 'survey.manage' | 'survey.results') => canDo(access.actor, action);

  /** Import ids whose responses count (done imports of this survey). */
  async function doneImports(surveyId: SurveyDoc['_id']): Promise<Set<string>> {
    const rows = (await models.SurveyImport.find({ surveyId, state: 'done' }, { _id: 1 }).lean()) as SurveyImportDoc[];
    return new Set(rows.map((r) => r._id.toString()));
  }

  /** The responses that count: online and hand-entered ones, and those of finished imports. */
  async function countedResponses(doc: Pick<SurveyDoc, '_id'>): Promise<SurveyResponseDoc[]> {
    const [rows, done] = await Promise.all([models.SurveyResponse.find({ surveyId: doc._id }).lean() as Promise<SurveyResponseDoc[]>, doneImports(doc._id)]);
    return rows.filter((r) => r.filled !== false && (r.importId == null || done.has(r.importId.toString()))).sort((a, b) => (a.respondent < b.respondent ? -1 : a.respondent > b.respondent ? 1 : 0));
  }

  async function respondentsOf(doc: SurveyDoc): Promise<number> {
    return (await countedResponses(doc)).length;
  }

  function present(doc: SurveyDoc, respondents: number): Survey {
    return {
      id: doc._id.toString(),
      communityId: doc.communityId.toString(),
      number: doc.number,
      title: doc.title,
      description: doc.description ?? '',
      templateId: doc.templateId ?? null,
      definition: doc.definition,
      status: doc.status,
      phase: phaseOf(doc, deps.clock()),
      opensAt: doc.opensAt.toISOString(),
      closesAt: doc.closesAt.toISOString(),
      audience: doc.audience,
      anonymous: doc.anonymous,
      previousWaveId: doc.previousWaveId?.toString() ?? null,
      wave: doc.wave ?? 1,
      respondents,
      createdByName: doc.createdByName,
      createdAt: doc.createdAt.toISOString(),
      version: doc.version ?? 0,
    };
  }
  const presentFresh = async (doc: SurveyDoc) => present(doc, await respondentsOf(doc));

  /** Published surveys to the community; drafts to staff only. */
  function pushSaved(survey: Survey): Survey {
    if (survey.status === 'draft') notify.toStaff(survey.communityId, 'survey:saved', survey);
    else notify.toCommunity(survey.communityId, 'survey:saved', survey);
    return survey;
  }

  // -------------------------------------------------------------- respondents

  /** The respondent key of a member in this survey, or why they have none. */
  function respondentOf(doc: SurveyDoc, membership: MembershipDoc | null, userId: string): { key: string } | { blocked: NonNullable<MySurveyStatus['blocked']> } {
    if (!membership) return { blocked: 'notVerified' };
    if (doc.audience === 'members') return { key: `u:${userId}` };
    if (membership.household?.status !== 'verified') return { blocked: doc.audience === 'household' && !membership.household ? 'noHousehold' : 'notVerified' };
    if (doc.audience === 'verified') return { key: `u:${userId}` };
    return { key: `h:${householdKey(membership.household)}` };
  }

  async function myStatus(doc: SurveyDoc, access: Access, userId: string): Promise<MySurveyStatus> {
    const who = respondentOf(doc, access.membership, userId);
    const open = phaseOf(doc, deps.clock()) === 'open';
    if (!('key' in who)) return { answered: false, answeredByHousehold: false, blocked: open ? who.blocked : 'notOpen' };
    const row = (await models.SurveyParticipant.findOne({ _id: derivedId(doc._id.toString(), who.key) }).lean()) as SurveyParticipantDoc | null;
    if (row) return { answered: true, answeredByHousehold: row.userId.toString() !== userId, blocked: 'answered' };
    return { answered: false, answeredByHousehold: false, blocked: open ? null : 'notOpen' };
  }

  /** A shuffled batch of empty slots for an anonymous survey: random ids, no time, no content. */
  async function addSlots(surveyId: SurveyDoc['_id'], count: number): Promise<void> {
    const docs = Array.from({ length: count }, () => {
      const id = randomResponseId();
      return { _id: id, surveyId, source: 'online', respondent: id, answers: { demographics: {}, awareness: {}, items: {}, choices: {} }, tookPart: null, day: null, filled: false };
    });
    for (let i = docs.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [docs[i], docs[j]] = [docs[j]!, docs[i]!];
    }
    await models.SurveyResponse.insertMany(docs, { ordered: false });
  }

  async function freeSlots(surveyId: SurveyDoc['_id']): Promise<string[]> {
    return ((await models.SurveyResponse.find({ surveyId, filled: false }, { _id: 1 }).lean()) as { _id: string }[]).map((r) => r._id);
  }

  /** Fills a random free slot with these answers (a conditional update: one response per slot). */
  async function fillSlot(doc: SurveyDoc, fields: Record<string, unknown>): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      let free = await freeSlots(doc._id);
      if (free.length < SLOT_LOW) {
        await addSlots(doc._id, SLOT_BATCH);
        free = await freeSlots(doc._id);
      }
      const pick = free[randomInt(free.length)];
      if (pick === undefined) continue;
      const filled = await models.SurveyResponse.updateOne({ _id: pick, filled: false }, { $set: { ...fields, filled: true } });
      if (filled.modifiedCount === 1) return;
    }
    throw new AppError('UNAVAILABLE', 'Too many answers at once: send them again');
  }

  /**
   * Stores one response: first the participation row (its derived _id and unique index make
   * it one per account or household: a concurrent second submit gets CONFLICT here), then
   * the answers. If the answers cannot be stored the participation row is taken back.
   */
  async function store(doc: SurveyDoc, who: { key: string; userId: string; name: string }, answers: SurveyAnswers, source: SurveySource, enteredBy: Caller | null): Promise<void> {
    const now = deps.clock();
    checkAnswers(doc.definition, answers);
    const communityId = doc.communityId.toString();
    const tookPart = await deps.participation.tookPart(communityId, who.userId, now);
    const participantId = derivedId(doc._id.toString(), who.key);
    try {
      await models.SurveyParticipant.create({
        _id: participantId,
        surveyId: doc._id,
        communityId: doc.communityId,
        respondentKey: who.key,
        userId: who.userId,
        answeredAt: doc.anonymous ? null : now,
        enteredById: enteredBy?.userId ?? null,
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const existing = (await models.SurveyParticipant.findOne({ _id: participantId }).lean()) as SurveyParticipantDoc | null;
      if (existing && existing.userId.toString() !== who.userId) throw conflict('Your household has already answered this survey');
      throw conflict(enteredBy ? 'This member has already answered this survey' : 'You have already answered this survey');
    }
    const id = randomResponseId();
    try {
      if (doc.anonymous) await fillSlot(doc, { source, answers: cleanAnswers(answers), tookPart, day: dayOf(now) });
      else {
        await models.SurveyResponse.create({
          _id: id,
          surveyId: doc._id,
          source,
          respondent: id,
          answers: cleanAnswers(answers),
          tookPart,
          day: dayOf(now),
          userId: who.userId,
          userName: who.name,
          submittedAt: now,
          importId: null,
        });
      }
    } catch (err) {
      await models.SurveyParticipant.deleteOne({ _id: participantId }).catch(() => undefined);
      // An anonymous survey's database error may quote the answers: not logged with the respondent.
      if (doc.anonymous) {
        deps.log.warn({ surveyId: doc._id.toString(), error: (err as { name?: string }).name ?? 'Error' }, 'survey response write failed');
        throw new AppError('UNAVAILABLE', 'Your answers could not be stored: send them again');
      }
      throw err;
    }
  }

  /** Tells staff watching the results that the count moved. */
  async function responded(doc: SurveyDoc): Promise<Survey> {
    const survey = await presentFresh(doc);
    notify.toStaff(survey.communityId, 'survey:responded', { surveyId: survey.id, communityId: survey.communityId, respondents: survey.respondents });
    return survey;
  }

  // ---------------------------------------------------------------- opening

  /** Members who may answer (for the "survey opened" notification): one per account. */
  function audienceOf(doc: SurveyDoc): MembershipDoc[] {
    const members = deps.memberships.ofCommunity(doc.communityId.toString());
    return doc.audience === 'members' ? members : members.filter((m) => m.household?.status === 'verified');
  }

  /** Once per survey, when it is open: the audience is notified (the claim is a conditional update one node wins). */
  async function announce(doc: SurveyDoc): Promise<boolean> {
    if (phaseOf(doc, deps.clock()) !== 'open' || doc.announced) return false;
    const won = await models.Survey.updateOne({ _id: doc._id, announced: false, status: 'published' }, { $set: { announced: true } }, { timestamps: false });
    if (won.modifiedCount !== 1) return false;
    const survey = await presentFresh(doc);
    notify.toCommunity(survey.communityId, 'survey:saved', survey);
    for (const m of audienceOf(doc)) {
      await deps.notifications
        .create({ userId: m.userId.toString(), communityId: survey.communityId, kind: 'survey', subjectId: survey.id, actorName: doc.createdByName, excerpt: `问卷开始填写：${doc.title['zh-CN']}` })
        .catch((err: unknown) => deps.log.warn({ err, surveyId: survey.id }, 'survey open notification failed'));
    }
    return true;
  }

  /** Every node runs this every few seconds: surveys whose opening time came are announced once. */
  async function sweep(): Promise<{ announced: number }> {
    const now = deps.clock();
    const docs = (await models.Survey.find({ status: 'published', announced: false, opensAt: op({ $lte: now }) }).lean()) as SurveyDoc[];
    let announced = 0;
    for (const doc of docs) if (await announce(doc)) announced++;
    return { announced };
  }

  // ------------------------------------------------------------- settings

  async function nextNumber(communityId: string): Promise<number> {
    const counter = await models.SurveyCounter.findOneAndUpdate({ _id: communityId }, { $inc: { seq: 1 } }, { upsert: true, new: true }).lean();
    return counter!.seq;
  }

  function checkWindow(opensAt: Date, closesAt: Date, now: Date | null): void {
    const issues: FieldIssue[] = [];
    if (closesAt <= opensAt) issues.push({ path: 'closesAt', message: 'must be after opensAt' });
    if (now && closesAt <= now) issues.push({ path: 'closesAt', message: 'must be in the future' });
    if (closesAt.getTime() - opensAt.getTime() > SURVEY_LIMITS.maxOpenDays * DAY) issues.push({ path: 'closesAt', message: `a survey stays open at most ${SURVEY_LIMITS.maxOpenDays} days` });
    if (issues.length > 0) throw invalid(issues);
  }

  /** Scores of a survey's counted responses, with its template. */
  async function scoresOf(doc: SurveyDoc) {
    const template = templateOf({ id: doc._id.toString(), title: doc.title, definition: doc.definition });
    const responses = (await countedResponses(doc)).map(scoredOf);
    return { template, responses, scores: scoreSurvey(template, responses) };
  }

  // ---------------------------------------------------------------- imports

  /**
   * Reads a CSV of paper questionnaires: every bad row listed with its reason (a respondent
   * id already imported is bad too). Stores all rows, or none: the rows carry the import's
   * id and count once the import is marked done, after the last row is stored.
   */
  async function importCsv(caller: Caller, surveyId: string, csv: string, dryRun: boolean): Promise<ImportReport> {
    const doc = await find(surveyId);
    if (!doc) throw notFound('Survey');
    const communityId = doc.communityId.toString();
    await requireAccess(deps, caller, communityId, 'survey.manage');
    if (doc.status === 'draft') throw conflict('Publish the survey before importing responses');
    const template = templateOf({ id: doc._id.toString(), title: doc.title, definition: doc.definition });
    let read: ReturnType<typeof readResponsesCsv>;
    try {
      read = readResponsesCsv(template, csv);
    } catch (err) {
      if (err instanceof SurveyFormatError) throw invalid([{ path: 'csv', message: err.message }]);
      throw err;
    }
    const rows = Math.max(0, parseCsv(csv).length - 1);
    // Leftovers of an import that died halfway never counted: removed so their ids are free again.
    const stale = (await models.SurveyImport.find({ surveyId: doc._id, state: 'storing', at: op({ $lt: new Date(Date.now() - STALE_IMPORT_MS) }) }).lean()) as SurveyImportDoc[];
    for (const s of stale) {
      await models.SurveyResponse.deleteMany({ surveyId: doc._id, importId: s._id });
      await models.SurveyImport.deleteOne({ _id: s._id, state: 'storing' });
    }
    const existing = new Set(((await models.SurveyResponse.find({ surveyId: doc._id, source: 'paper' }, { respondent: 1 }).lean()) as SurveyResponseDoc[]).map((r) => r.respondent));
    const rowOf = new Map<string, number>();
    parseCsv(csv)
      .slice(1)
      .forEach((cells, i) => {
        const id = (cells[0] ?? '').trim();
        if (!rowOf.has(id)) rowOf.set(id, i + 2);
      });
    const invalidRows = [...read.invalid];
    for (const r of read.responses) {
      if (existing.has(r.respondent)) invalidRows.push({ row: rowOf.get(r.respondent) ?? 0, respondent: r.respondent, reason: `respondent "${r.respondent}" was already imported` });
    }
    invalidRows.sort((a, b) => a.row - b.row);
    if (invalidRows.length > 0 || dryRun || read.responses.length === 0) return { rows, invalid: invalidRows, stored: 0, dryRun };

    const now = deps.clock();
    const batch = await models.SurveyImport.create({ surveyId: doc._id, state: 'storing', rows: read.responses.length, byId: caller.userId, byName: caller.displayName, at: new Date() });
    try {
      await models.SurveyResponse.insertMany(
        read.responses.map((r) => ({
          _id: randomResponseId(),
          surveyId: doc._id,
          source: 'paper',
          respondent: r.respondent,
          answers: { demographics: r.demographics, awareness: Object.fromEntries(Object.entries(r.awareness).filter(([, v]) => v !== '')), items: r.answers, choices: r.choices ?? {} },
          tookPart: null,
          day: dayOf(now),
          userId: null,
          userName: null,
          submittedAt: null,
          importId: batch._id,
        })),
        { ordered: false },
      );
    } catch (err) {
      await models.SurveyResponse.deleteMany({ surveyId: doc._id, importId: batch._id });
      await models.SurveyImport.deleteOne({ _id: batch._id });
      if (isDuplicateKey(err)) throw conflict('Some of these respondents were imported at the same moment by someone else: nothing was stored');
      throw err;
    }
    await models.SurveyImport.updateOne({ _id: batch._id }, { $set: { state: 'done' } });
    await audit.record(communityId, caller, 'survey.import', { type: 'survey', id: doc._id.toString() }, { number: doc.number, title: doc.title['zh-CN'], rows: read.responses.length });
    const survey = await responded(doc);
    pushSaved(survey);
    return { rows, invalid: [], stored: read.responses.length, dryRun: false };
  }

  // --------------------------------------------------------------- commands

  return {
    sweep,
    importCsv,

    async list(caller: Caller, input: EventPayload<'survey:list'>): Promise<{ items: Survey[]; answered: string[] }> {
      const access = await requireAccess(deps, caller, input.communityId, 'survey.view');
      const filter: Record<string, unknown> = { communityId: input.communityId };
      if (!can(access, 'survey.manage')) filter.status = 'published';
      if (input.beforeNumber !== undefined) filter.number = op({ $lt: input.beforeNumber });
      const docs = (await models.Survey.find(filter).sort({ number: -1 }).limit(input.limit).lean()) as SurveyDoc[];
      const items: Survey[] = [];
      const answered: string[] = [];
      for (const doc of docs) {
        items.push(await presentFresh(doc));
        const who = respondentOf(doc, access.membership, caller.userId);
        if ('key' in who && (await models.SurveyParticipant.exists({ _id: derivedId(doc._id.toString(), who.key) }))) answered.push(doc._id.toString());
      }
      return { items, answered };
    },

    async get(caller: Caller, input: EventPayload<'survey:get'>): Promise<SurveyView> {
      const { doc, access } = await load(caller, input.surveyId);
      return { survey: await presentFresh(doc), my: await myStatus(doc, access, caller.userId) };
    },

    async create(caller: Caller, input: EventPayload<'survey:create'>): Promise<Survey> {
      await requireAccess(deps, caller, input.communityId, 'survey.manage');
      const _id = input.clientId ? derivedId('survey', input.communityId, input.clientId) : undefined;
      if (_id) {
        const existing = await find(_id.toString());
        if (existing) return presentFresh(existing);
      }
      let definition: SurveyDefinition;
      let templateId: string | null = null;
      let title = input.title ?? null;
      let wave = 1;
      if (input.previousWaveId) {
        const previous = await find(input.previousWaveId);
        if (!previous || previous.communityId.toString() !== input.communityId) throw invalid([{ path: 'previousWaveId', message: 'must be a survey of this community' }]);
        definition = previous.definition;
        templateId = previous.templateId ?? null;
        title ??= previous.title;
        wave = (previous.wave ?? 1) + 1;
      } else if (input.template === 'study') {
        definition = studyTemplate.definition;
        templateId = studyTemplate.id;
        title ??= studyTemplate.title;
      } else if (input.definition) {
        definition = definitionFrom(input.definition);
      } else {
        throw invalid([{ path: 'definition', message: 'write the questionnaire, use the template, or name the earlier wave' }]);
      }
      if (!title) throw invalid([{ path: 'title', message: 'a survey needs a title' }]);
      const now = deps.clock();
      const opensAt = input.opensAt ? new Date(input.opensAt) : now;
      const closesAt = input.closesAt ? new Date(input.closesAt) : new Date(opensAt.getTime() + DEFAULT_OPEN_DAYS * DAY);
      checkWindow(opensAt, closesAt, null);
      let created: SurveyDoc;
      try {
        const doc = await models.Survey.create({
          ...(_id ? { _id } : {}),
          communityId: input.communityId,
          number: await nextNumber(input.communityId),
          title,
          description: input.description,
          templateId,
          definition,
          status: 'draft',
          opensAt,
          closesAt,
          audience: input.audience,
          anonymous: input.anonymous,
          previousWaveId: input.previousWaveId,
          wave,
          createdById: caller.userId,
          createdByName: caller.displayName,
          version: 0,
        });
        created = doc.toObject() as SurveyDoc;
      } catch (err) {
        if (_id && isDuplicateKey(err)) {
          const existing = await find(_id.toString());
          if (existing) return presentFresh(existing);
        }
        throw err;
      }
      await audit.record(input.communityId, caller, 'survey.create', { type: 'survey', id: created._id.toString() }, {
        number: created.number,
        title: created.title['zh-CN'],
        template: templateId,
        previousWaveId: input.previousWaveId,
      });
      return pushSaved(present(created, 0));
    },

    async update(caller: Caller, input: EventPayload<'survey:update'>): Promise<Survey> {
      const doc = await find(input.surveyId);
      if (!doc) throw notFound('Survey');
      const communityId = doc.communityId.toString();
      await requireAccess(deps, caller, communityId, 'survey.manage');
      if (doc.version !== input.version) throw new AppError('CONFLICT', 'The survey changed since you loaded it', { current: await presentFresh(doc) });
      if (doc.status !== 'draft') throw conflict('The survey is published: its questionnaire and settings no longer change');
      const set: Record<string, unknown> = {};
      if (input.title) set.title = input.title;
      if (input.description !== undefined) set.description = input.description;
      if (input.definition) {
        if (doc.previousWaveId) throw conflict('A later wave keeps its earlier wave\'s questionnaire (so the two compare item by item)');
        set.definition = definitionFrom(input.definition);
        set.templateId = null;
      }
      if (input.audience) set.audience = input.audience;
      if (input.anonymous !== undefined) set.anonymous = input.anonymous;
      if (input.opensAt) set.opensAt = new Date(input.opensAt);
      if (input.closesAt) set.closesAt = new Date(input.closesAt);
      checkWindow((set.opensAt as Date | undefined) ?? doc.opensAt, (set.closesAt as Date | undefined) ?? doc.closesAt, null);
      const fields = Object.keys(set).filter((k) => k !== 'templateId');
      if (fields.length === 0) return presentFresh(doc);
      const saved = (await models.Survey.findOneAndUpdate({ _id: doc._id, version: doc.version, status: 'draft' }, { $set: set, $inc: { version: 1 } }, { new: true }).lean()) as SurveyDoc | null;
      if (!saved) throw conflict('The survey changed since you loaded it');
      await audit.record(communityId, caller, 'survey.update', { type: 'survey', id: doc._id.toString() }, { number: doc.number, title: saved.title['zh-CN'], fields: fields.join(',') });
      return pushSaved(present(saved, 0));
    },

    async publish(caller: Caller, input: EventPayload<'survey:publish'>): Promise<Survey> {
      const doc = await find(input.surveyId);
      if (!doc) throw notFound('Survey');
      const communityId = doc.communityId.toString();
      await requireAccess(deps, caller, communityId, 'survey.manage');
      if (doc.status !== 'draft') throw conflict('The survey is already published');
      if (doc.version !== input.version) throw new AppError('CONFLICT', 'The survey changed since you loaded it', { current: await presentFresh(doc) });
      const now = deps.clock();
      checkWindow(doc.opensAt, doc.closesAt, now);
      const saved = (await models.Survey.findOneAndUpdate(
        { _id: doc._id, version: doc.version, status: 'draft' },
        { $set: { status: 'published', publishedAt: now }, $inc: { version: 1 } },
        { new: true },
      ).lean()) as SurveyDoc | null;
      if (!saved) throw conflict('The survey changed since you loaded it');
      await audit.record(communityId, caller, 'survey.publish', { type: 'survey', id: doc._id.toString() }, {
        number: doc.number,
        title: doc.title['zh-CN'],
        audience: doc.audience,
        anonymous: doc.anonymous,
        opensAt: doc.opensAt.toISOString(),
        closesAt: doc.closesAt.toISOString(),
      });
      if (saved.anonymous) await addSlots(saved._id, Math.max(SLOT_BATCH, Math.ceil(audienceOf(saved).length * 1.5)));
      const survey = pushSaved(await presentFresh(saved));
      await announce(saved);
      return survey;
    },

    async close(caller: Caller, input: EventPayload<'survey:close'>): Promise<Survey> {
      const doc = await find(input.surveyId);
      if (!doc) throw notFound('Survey');
      const communityId = doc.communityId.toString();
      await requireAccess(deps, caller, communityId, 'survey.manage');
      const now = deps.clock();
      const phase = phaseOf(doc, now);
      if (phase === 'draft') throw conflict('A draft is not open');
      if (phase === 'closed') throw conflict('The survey is already closed');
      // Closed before it opened: nobody is told it opened.
      const set: Record<string, unknown> = { closesAt: now, closedEarlyAt: now, announced: true };
      if (doc.opensAt > now) set.opensAt = now;
      const saved = (await models.Survey.findOneAndUpdate({ _id: doc._id, closesAt: doc.closesAt, status: 'published' }, { $set: set, $inc: { version: 1 } }, { new: true }).lean()) as SurveyDoc | null;
      if (!saved) throw conflict('The survey changed meanwhile');
      await audit.record(communityId, caller, 'survey.close', { type: 'survey', id: doc._id.toString() }, { number: doc.number, title: doc.title['zh-CN'] });
      return pushSaved(await presentFresh(saved));
    },

    async submit(caller: Caller, input: EventPayload<'survey:submit'>): Promise<{ survey: Survey }> {
      const { doc, access } = await load(caller, input.surveyId);
      if (phaseOf(doc, deps.clock()) !== 'open') throw conflict(doc.closesAt <= deps.clock() ? 'The survey is closed' : 'The survey is not open yet');
      const who = respondentOf(doc, access.membership, caller.userId);
      if (!('key' in who) || !surveyEligible(access.actor, doc.audience)) {
        throw forbidden('blocked' in who && who.blocked === 'noHousehold' ? 'Record your household and have it verified to answer' : 'Only verified residents may answer this survey');
      }
      await store(doc, { key: who.key, userId: caller.userId, name: caller.displayName }, input.answers, 'online', null);
      return { survey: await responded(doc) };
    },

    async enterFor(caller: Caller, input: EventPayload<'survey:enterFor'>): Promise<{ survey: Survey }> {
      const doc = await find(input.surveyId);
      if (!doc) throw notFound('Survey');
      const communityId = doc.communityId.toString();
      await requireAccess(deps, caller, communityId, 'survey.manage');
      if (doc.status === 'draft') throw conflict('Publish the survey first');
      if (phaseOf(doc, deps.clock()) === 'scheduled') throw conflict('The survey is not open yet');
      const member = await deps.memberships.get(communityId, input.userId);
      if (!member) throw notFound('Member');
      const who = respondentOf(doc, member, input.userId);
      if (!('key' in who)) throw conflict('This member may not answer this survey (audience)');
      await store(doc, { key: who.key, userId: input.userId, name: member.displayName }, input.answers, 'staff', caller);
      // Who entered for whom, never the answers.
      await audit.record(communityId, caller, 'survey.enterFor', { type: 'survey', id: doc._id.toString() }, { number: doc.number, title: doc.title['zh-CN'], memberId: input.userId, memberName: member.displayName });
      await deps.notifications
        .create({ userId: input.userId, communityId, kind: 'survey', subjectId: doc._id.toString(), actorName: caller.displayName, excerpt: `${caller.displayName} 代您录入了问卷：${doc.title['zh-CN']}` })
        .catch((err: unknown) => deps.log.warn({ err }, 'survey entry notification failed'));
      return { survey: await responded(doc) };
    },

    async results(caller: Caller, input: EventPayload<'survey:results'>): Promise<SurveyResults> {
      const { doc, access } = await load(caller, input.surveyId);
      authorize(access, 'survey.results');
      const { template, responses, scores } = await scoresOf(doc);
      const bySource: Record<SurveySource, number> = { online: 0, paper: 0, staff: 0 };
      const rows = await countedResponses(doc);
      for (const r of rows) bySource[r.source as SurveySource]++;
      let comparison: SurveyResults['comparison'] = null;
      if (doc.previousWaveId) {
        const previous = await find(doc.previousWaveId.toString());
        if (previous) {
          const before = await scoresOf(previous);
          comparison = compareWaves(template, before.scores, scores, { surveyId: previous._id.toString(), title: previous.title, wave: previous.wave ?? 1, respondents: before.scores.respondents });
        }
      }
      const id = doc._id.toString();
      return {
        survey: present(doc, responses.length),
        respondents: scores.respondents,
        bySource,
        items: scores.items,
        dimensions: scores.dimensions,
        overall: scores.overall,
        distributions: itemDistributions(template, responses),
        choices: choiceCounts(template, responses),
        demographics: scores.demographics,
        aware: scores.aware,
        breakdowns: breakdowns(template, responses),
        participation: participationJoin(template, responses),
        comparison,
        exportPath: `/api/surveys/${id}/export`,
        templatePath: `/api/surveys/${id}/template`,
      };
    },

    /** GET /api/surveys/:id/export: the counted responses in the import format, sorted by respondent id (never storage order). */
    async exportCsv(caller: Caller, surveyId: string): Promise<{ csv: string; number: number }> {
      const { doc, access } = await load(caller, surveyId);
      authorize(access, 'survey.results');
      const template = templateOf({ id: doc._id.toString(), title: doc.title, definition: doc.definition });
      return { csv: writeResponsesCsv(template, (await countedResponses(doc)).map(scoredOf)), number: doc.number };
    },

    /** GET /api/surveys/:id/template: the questionnaire as `npm run survey -- score --template` reads it. */
    async templateFile(caller: Caller, surveyId: string): Promise<SurveyTemplate & { columns: string[] }> {
      const { doc } = await load(caller, surveyId);
      const template = templateOf({ id: doc.templateId ?? doc._id.toString(), title: doc.title, definition: doc.definition });
      return { ...template, columns: csvColumns(template) };
    },

    // ------------------------------------------------------ for other capabilities

    /** Accounts that answered a survey of the community online in [from, to): from the participation rows, never answers. Anonymous surveys store no time: their respondents count in every period overlapping the survey's window. Hand-entered responses are left out. */
    async respondentIds(communityId: string, from: Date, to: Date): Promise<string[]> {
      const rows = (await models.SurveyParticipant.find({ communityId }).lean()) as SurveyParticipantDoc[];
      const surveys = new Map(((await models.Survey.find({ communityId }, { opensAt: 1, closesAt: 1 }).lean()) as SurveyDoc[]).map((s) => [s._id.toString(), s]));
      const ids = new Set<string>();
      for (const row of rows) {
        if (row.enteredById) continue;
        if (row.answeredAt) {
          if (row.answeredAt >= from && row.answeredAt < to) ids.add(row.userId.toString());
          continue;
        }
        const survey = surveys.get(row.surveyId.toString());
        if (survey && survey.opensAt < to && survey.closesAt > from) ids.add(row.userId.toString());
      }
      return [...ids].sort();
    },

    /** The most recent published survey of the community whose window closed before `before`, with its overall score. */
    async latestWave(communityId: string, before: Date): Promise<SurveyWaveScore | null> {
      const doc = (await models.Survey.findOne({ communityId, status: 'published', closesAt: op({ $lt: before }) })
        .sort({ closesAt: -1 })
        .lean()) as SurveyDoc | null;
      if (!doc) return null;
      const { scores } = await scoresOf(doc);
      return { surveyId: doc._id.toString(), title: doc.title['zh-CN'], closedAt: doc.closesAt, respondents: scores.respondents, overall: scores.overall };
    },
  };
}

export type SurveyService = ReturnType<typeof createSurveyService>;
