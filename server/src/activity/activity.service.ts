/**
 * Online activities (社区活动): calls for ideas (staff turn the shortlisted ones into a
 * poll through the poll service), timed quizzes (the server hands out one question at
 * a time and times it; correct answers stay on the server until the attempt finished
 * or the quiz closed), and offline events with seats, a FIFO waiting list and check-in
 * codes. Every race is settled by a single-document conditional update or a unique
 * index, never by reading then writing.
 */
import { randomInt } from 'node:crypto';
import {
  ACTIVITY_LIMITS,
  answerMs,
  can,
  prizeForRank,
  rankAttempts,
  scoreAnswer,
  type Activity,
  type ActivityIdea,
  type ActivityPhase,
  type ActivityView,
  type AttendanceRow,
  type EventPayload,
  type EventResults,
  type Leaderboard,
  type LeaderboardRow,
  type MySignup,
  type Poll,
  type QuizAnswerView,
  type QuizQuestion,
  type QuizTurn,
} from '@linli/shared';
import { AppError, conflict, isDuplicateKey, notFound } from '../lib/errors.js';
import { derivedId, objectId, op } from '../lib/db.js';
import type { Logger } from '../lib/logger.js';
import type { Caller } from '../context/caller.js';
import { authorize, loadAccess, requireAccess, type Access, type AccessDeps } from '../context/access.js';
import type { Notifier } from '../realtime/notifier.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../issues/issue-store.js';
import type { ActivityDoc, EventSignupDoc, IdeaDoc, QuizAttemptDoc } from './activity.model.js';

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, { issues: [{ path, message }] });

/** Check-in opens this long before an event starts and stays open this long after it ends. */
const CHECK_IN_BEFORE_MS = 2 * 3_600_000;
const CHECK_IN_AFTER_MS = 24 * 3_600_000;

/** A time as residents read it in a notification (China time). */
const chinaTime = (date: Date) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(date);

export interface ActivityServiceDeps extends AccessDeps {
  notify: Notifier;
  notifications: Pick<NotificationService, 'create'>;
  audit: AuditService;
  clock: Clock;
  log: Logger;
  /** The poll service's create (called as the staff member making the poll). */
  polls: { create(caller: Caller, input: EventPayload<'poll:create'>): Promise<Poll> };
}

interface AttemptAnswer {
  index: number;
  choice: number[];
  servedAt: Date;
  at: Date;
  late: boolean;
  points: number;
  ms: number;
}

export function createActivityService(deps: ActivityServiceDeps) {
  const { models, notify, audit } = deps;

  // ------------------------------------------------------------------ reads

  function phaseOf(doc: ActivityDoc, now: Date): ActivityPhase {
    if (doc.cancelledAt) return 'cancelled';
    if (doc.kind === 'call') return !doc.pollId && now < doc.closesAt! ? 'open' : 'closed';
    if (doc.kind === 'quiz') {
      if (doc.resultsPublishedAt || now >= doc.closesAt!) return 'closed';
      return now < doc.opensAt! ? 'upcoming' : 'open';
    }
    return now < doc.endsAt! ? 'open' : 'closed';
  }

  async function present(doc: ActivityDoc): Promise<Activity> {
    const base = {
      id: doc._id.toString(),
      communityId: doc.communityId.toString(),
      title: doc.title,
      description: doc.description,
      phase: phaseOf(doc, deps.clock()),
      cancelReason: doc.cancelReason ?? null,
      createdByName: doc.createdByName,
      createdAt: doc.createdAt.toISOString(),
      version: doc.version,
    };
    if (doc.kind === 'call') {
      return {
        ...base,
        kind: 'call',
        closesAt: doc.closesAt!.toISOString(),
        ideaCount: await models.ActivityIdea.countDocuments({ activityId: doc._id }),
        pollId: doc.pollId?.toString() ?? null,
      };
    }
    if (doc.kind === 'quiz') {
      return {
        ...base,
        kind: 'quiz',
        opensAt: doc.opensAt!.toISOString(),
        closesAt: doc.closesAt!.toISOString(),
        timing: doc.timing as 'question' | 'quiz',
        seconds: doc.seconds!,
        questionCount: doc.questions.length,
        totalPoints: doc.questions.reduce((sum, q) => sum + q.points, 0),
        prizes: doc.prizes.map((p) => ({ fromRank: p.fromRank!, toRank: p.toRank!, name: p.name! })),
        finishedCount: await models.QuizAttempt.countDocuments({ activityId: doc._id, finishedAt: op({ $ne: null }) }),
        resultsPublishedAt: doc.resultsPublishedAt?.toISOString() ?? null,
      };
    }
    const [confirmed, waiting, checkedIn] = await Promise.all([
      models.EventSignup.countDocuments({ activityId: doc._id, status: 'confirmed' }),
      models.EventSignup.countDocuments({ activityId: doc._id, status: 'waiting' }),
      models.EventSignup.countDocuments({ activityId: doc._id, checkedInAt: op({ $ne: null }) }),
    ]);
    return {
      ...base,
      kind: 'event',
      place: doc.place!,
      startsAt: doc.startsAt!.toISOString(),
      endsAt: doc.endsAt!.toISOString(),
      capacity: doc.capacity!,
      confirmed,
      waiting,
      checkedIn,
    };
  }

  async function find(activityId: string): Promise<ActivityDoc | null> {
    return (await models.Activity.findOne({ _id: activityId }).lean()) as ActivityDoc | null;
  }

  /** The activity and the caller's access (NOT_FOUND for outsiders and missing ids alike). */
  async function open(caller: Caller, activityId: string, kind?: ActivityDoc['kind']): Promise<{ doc: ActivityDoc; access: Access }> {
    const doc = await find(activityId);
    if (!doc) throw notFound('Activity');
    const access = await loadAccess(deps, caller, doc.communityId.toString());
    authorize(access, 'activity.view');
    if (kind && doc.kind !== kind) throw invalid('activityId', `must be a ${kind === 'call' ? 'call for ideas' : kind}`);
    return { doc, access };
  }

  async function push(doc: ActivityDoc): Promise<Activity> {
    const activity = await present(doc);
    notify.toCommunity(activity.communityId, 'activity:saved', activity);
    return activity;
  }

  async function pushFresh(activityId: string): Promise<Activity | null> {
    const doc = await find(activityId);
    return doc ? push(doc) : null;
  }

  /** Tells users (kind 'activity', opening the activity); a failed notification is logged, never undoes the change. */
  async function tell(userIds: readonly string[], doc: ActivityDoc, actorName: string, excerpt: string): Promise<void> {
    for (const userId of new Set(userIds)) {
      await deps.notifications
        .create({ userId, communityId: doc.communityId.toString(), kind: 'activity', subjectId: doc._id.toString(), actorName, excerpt })
        .catch((err: unknown) => deps.log.warn({ err, activityId: doc._id.toString() }, 'activity notification failed'));
    }
  }

  function makeId(kind: string, communityId: string, clientId: string | undefined) {
    return clientId ? derivedId('activity', kind, communityId, clientId) : undefined;
  }

  async function existing(_id: ReturnType<typeof derivedId> | undefined): Promise<Activity | null> {
    if (!_id) return null;
    const doc = await find(_id.toString());
    return doc ? present(doc) : null;
  }

  async function createDoc(caller: Caller, fields: Record<string, unknown>, _id: ReturnType<typeof derivedId> | undefined): Promise<ActivityDoc | Activity> {
    const now = deps.clock();
    try {
      const created = await models.Activity.create({ ...(_id ? { _id } : {}), ...fields, createdById: caller.userId, createdByName: caller.displayName, createdAt: now, updatedAt: now });
      return created.toObject() as ActivityDoc;
    } catch (err) {
      if (_id && isDuplicateKey(err)) {
        const again = await existing(_id);
        if (again) return again;
      }
      throw err;
    }
  }

  async function afterCreate(caller: Caller, doc: ActivityDoc): Promise<Activity> {
    await audit.record(doc.communityId.toString(), caller, 'activity.create', { type: 'activity', id: doc._id.toString() }, { kind: doc.kind, title: doc.title });
    return push(doc);
  }

  // ------------------------------------------------------------------ ideas

  async function presentIdeas(doc: ActivityDoc, userId: string, only?: string): Promise<ActivityIdea[]> {
    const filter: Record<string, unknown> = { activityId: doc._id };
    if (only) filter._id = only;
    const ideas = (await models.ActivityIdea.find(filter).sort({ createdAt: 1, _id: 1 }).lean()) as IdeaDoc[];
    const counts = (await models.IdeaSupport.aggregate([{ $match: { activityId: doc._id } }, { $group: { _id: '$ideaId', n: { $sum: 1 } } }])) as { _id: unknown; n: number }[];
    const byIdea = new Map(counts.map((row) => [String(row._id), row.n]));
    const mine = new Set(
      ((await models.IdeaSupport.find({ activityId: doc._id, userId }, { ideaId: 1 }).lean()) as { ideaId: unknown }[]).map((row) => String(row.ideaId)),
    );
    return ideas
      .map((idea) => ({
        id: idea._id.toString(),
        activityId: idea.activityId.toString(),
        title: idea.title,
        description: idea.description,
        authorName: idea.authorName,
        supports: byIdea.get(idea._id.toString()) ?? 0,
        shortlisted: idea.shortlisted,
        createdAt: idea.createdAt.toISOString(),
        mine: idea.authorId.toString() === userId,
        supported: mine.has(idea._id.toString()),
      }))
      .sort((a, b) => b.supports - a.supports || a.createdAt.localeCompare(b.createdAt));
  }

  async function oneIdea(doc: ActivityDoc, ideaId: string, userId: string): Promise<ActivityIdea> {
    const [idea] = await presentIdeas(doc, userId, ideaId);
    if (!idea) throw notFound('Idea');
    const { mine: _mine, supported: _supported, ...shared } = idea;
    notify.toCommunity(doc.communityId.toString(), 'activity:ideaSaved', shared);
    return idea;
  }

  async function openIdea(caller: Caller, ideaId: string): Promise<{ idea: IdeaDoc; doc: ActivityDoc; access: Access }> {
    const idea = (await models.ActivityIdea.findOne({ _id: ideaId }).lean()) as IdeaDoc | null;
    if (!idea) throw notFound('Idea');
    const { doc, access } = await open(caller, idea.activityId.toString(), 'call');
    return { idea, doc, access };
  }

  // ------------------------------------------------------------------ quizzes

  const questionsOf = (doc: ActivityDoc): QuizQuestion[] =>
    doc.questions.map((q, index) => ({ index, text: q.text, kind: q.kind as 'single' | 'multiple', options: [...q.options], points: q.points, seconds: q.seconds, correct: [...q.correct] }));

  /** When the current question's answer must arrive: its own limit, or the whole attempt's; never after the quiz closes. */
  function deadlineOf(doc: ActivityDoc, attempt: Pick<QuizAttemptDoc, 'startedAt' | 'servedAt' | 'current'>): Date {
    const closes = doc.resultsPublishedAt && doc.resultsPublishedAt < doc.closesAt! ? doc.resultsPublishedAt : doc.closesAt!;
    const limit =
      doc.timing === 'quiz'
        ? attempt.startedAt.getTime() + doc.seconds! * 1000
        : attempt.servedAt.getTime() + (doc.questions[attempt.current]?.seconds ?? doc.seconds!) * 1000;
    return new Date(Math.min(limit, closes.getTime()));
  }

  async function finishedRanked(doc: ActivityDoc): Promise<QuizAttemptDoc[]> {
    const rows = (await models.QuizAttempt.find({ activityId: doc._id, finishedAt: op({ $ne: null }) }).lean()) as QuizAttemptDoc[];
    return rankAttempts(rows.map((row) => ({ row, score: row.score ?? 0, totalMs: row.totalMs ?? 0, finishOrder: row.finishOrder ?? Number.MAX_SAFE_INTEGER }))).map((r) => r.row);
  }

  const answersOf = (attempt: QuizAttemptDoc): QuizAnswerView[] =>
    attempt.answers.map((a) => ({ index: a.index, choice: [...a.choice], late: a.late, points: a.points, ms: a.ms }));

  async function turnOf(doc: ActivityDoc, attempt: QuizAttemptDoc | null): Promise<QuizTurn> {
    const questionCount = doc.questions.length;
    const closed = phaseOf(doc, deps.clock()) === 'closed';
    const none: QuizTurn = {
      activityId: doc._id.toString(),
      state: 'none',
      startedAt: null,
      question: null,
      deadline: null,
      serverTime: deps.clock().toISOString(),
      questionCount,
      answered: 0,
      score: null,
      totalMs: null,
      rank: null,
      review: closed ? { questions: questionsOf(doc), answers: [] } : null,
    };
    if (!attempt) return none;
    if (attempt.finishedAt) {
      const ranked = await finishedRanked(doc);
      const rank = ranked.findIndex((row) => row._id.equals(attempt._id)) + 1;
      return {
        ...none,
        state: 'finished',
        startedAt: attempt.startedAt.toISOString(),
        answered: attempt.answers.length,
        score: attempt.score ?? 0,
        totalMs: attempt.totalMs ?? 0,
        rank: rank || null,
        review: { questions: questionsOf(doc), answers: answersOf(attempt) },
      };
    }
    const q = doc.questions[attempt.current]!;
    return {
      ...none,
      state: 'running',
      startedAt: attempt.startedAt.toISOString(),
      question: { index: attempt.current, text: q.text, kind: q.kind as 'single' | 'multiple', options: [...q.options], points: q.points, seconds: doc.timing === 'quiz' ? doc.seconds! : q.seconds },
      deadline: deadlineOf(doc, attempt).toISOString(),
      answered: attempt.answers.length,
      review: closed ? { questions: questionsOf(doc), answers: answersOf(attempt) } : null,
    };
  }

  async function attemptOf(activityId: ActivityDoc['_id'], userId: string): Promise<QuizAttemptDoc | null> {
    return (await models.QuizAttempt.findOne({ activityId, userId }).lean()) as QuizAttemptDoc | null;
  }

  /**
   * Stores the answer to the current question (index), by a conditional update on
   * `current`: a double submit or a racing second tab is stored once. With quiz timing a
   * late answer ends the attempt (the rest score 0). The last answer finishes it with
   * a finish order from one atomic $inc.
   */
  async function answer(doc: ActivityDoc, attempt: QuizAttemptDoc, index: number, choice: readonly number[], now: Date): Promise<boolean> {
    const q = doc.questions[index]!;
    const deadline = deadlineOf(doc, attempt).getTime();
    const late = now.getTime() > deadline;
    const stored: AttemptAnswer[] = [
      { index, choice: [...choice], servedAt: attempt.servedAt, at: now, late, points: scoreAnswer(q, choice, late), ms: answerMs(attempt.servedAt.getTime(), now.getTime(), deadline) },
    ];
    const quizOver = late && (doc.timing === 'quiz' || now.getTime() >= doc.closesAt!.getTime());
    let next = index + 1;
    if (quizOver) {
      for (; next < doc.questions.length; next++) stored.push({ index: next, choice: [], servedAt: now, at: now, late: true, points: 0, ms: 0 });
    }
    const set: Record<string, unknown> = { current: next, servedAt: now };
    if (next >= doc.questions.length) {
      const all = [...(attempt.answers as AttemptAnswer[]), ...stored];
      const seq = (await models.Activity.findOneAndUpdate({ _id: doc._id }, { $inc: { finishSeq: 1 } }, { new: true, timestamps: false }).lean())!.finishSeq;
      Object.assign(set, {
        finishedAt: now,
        score: all.reduce((sum, a) => sum + a.points, 0),
        totalMs: all.reduce((sum, a) => sum + a.ms, 0),
        finishOrder: seq,
      });
    }
    const done = await models.QuizAttempt.updateOne({ _id: attempt._id, current: index, finishedAt: null }, { $push: { answers: op({ $each: stored }) }, $set: set });
    return done.modifiedCount === 1;
  }

  // ------------------------------------------------------------------ events

  const seatId = (activityId: string, n: number) => derivedId('activity-seat', activityId, String(n));
  const signupIdOf = (activityId: string, userId: string) => derivedId('activity-signup', activityId, userId);
  const newCode = () => String(randomInt(0, 1_000_000)).padStart(ACTIVITY_LIMITS.codeLength, '0');

  async function addSeats(activityId: string, from: number, to: number): Promise<void> {
    const seats = [];
    for (let n = from; n < to; n++) seats.push({ _id: seatId(activityId, n), activityId, n, holder: `free:${n}`, free: true });
    if (seats.length === 0) return;
    try {
      await models.EventSeat.insertMany(seats, { ordered: false });
    } catch (err) {
      // A retried create or a racing capacity change inserted some already.
      if (!isDuplicateKey(err) && !isDuplicateKey((err as { writeErrors?: unknown[] }).writeErrors?.[0])) throw err;
    }
  }

  async function releaseSeat(activityId: ActivityDoc['_id'], signupId: string): Promise<void> {
    const seat = await models.EventSeat.findOne({ activityId, holder: signupId }).lean();
    if (seat) await models.EventSeat.updateOne({ _id: seat._id, holder: signupId }, { $set: { holder: `free:${seat.n}`, free: true } });
  }

  /**
   * Gives free seats to the waiting list in queue order, until one of them runs out.
   * A seat is claimed by one conditional update (free: true -> this sign-up); the unique
   * (event, holder) index refuses a second seat to a sign-up another node is seating;
   * a sign-up that withdrew meanwhile gives its seat back. Promotions of sign-ups whose
   * answer was already given are notified.
   */
  async function fillSeats(doc: ActivityDoc): Promise<void> {
    // A cancelled event seats nobody (a withdrawal after the cancel frees a seat for no one).
    if (doc.cancelledAt) return;
    const activityId = doc._id;
    for (let round = 0; round < 50; round++) {
      const free = await models.EventSeat.find({ activityId, free: true }).sort({ n: 1 }).lean();
      if (free.length === 0) return;
      const waiting = (await models.EventSignup.find({ activityId, status: 'waiting' }).sort({ queueNo: 1 }).limit(free.length + 10).lean()) as EventSignupDoc[];
      if (waiting.length === 0) return;
      let changed = false;
      let next = 0;
      for (const signup of waiting) {
        const seat = free[next];
        if (!seat) break;
        const holder = signup._id.toString();
        let won: boolean;
        try {
          won = (await models.EventSeat.updateOne({ _id: seat._id, free: true }, { $set: { holder, free: false } })).modifiedCount === 1;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          // Another node is seating this sign-up: the seat stays for the next one.
          continue;
        }
        changed = true;
        if (!won) break; // The seat went elsewhere: read again.
        next++;
        const before = (await models.EventSignup.findOneAndUpdate({ _id: signup._id, status: 'waiting' }, { $set: { status: 'confirmed' } }, { new: false }).lean()) as EventSignupDoc | null;
        if (!before) {
          // Withdrew meanwhile: the seat goes back, and the list is read again.
          await models.EventSeat.updateOne({ _id: seat._id, holder }, { $set: { holder: `free:${seat.n}`, free: true } });
          break;
        }
        if (before.answered) await tell([before.userId.toString()], doc, '系统', `「${doc.title}」有空位了：你已从候补转为报名成功，签到码 ${before.code}`);
      }
      if (!changed) return;
    }
  }

  async function positionOf(signup: EventSignupDoc): Promise<number | null> {
    if (signup.status !== 'waiting') return null;
    return (await models.EventSignup.countDocuments({ activityId: signup.activityId, status: 'waiting', queueNo: op({ $lt: signup.queueNo }) })) + 1;
  }

  async function mySignup(signup: EventSignupDoc): Promise<MySignup> {
    return {
      activityId: signup.activityId.toString(),
      status: signup.status as MySignup['status'],
      position: await positionOf(signup),
      code: signup.status === 'cancelled' ? null : signup.code,
      checkedInAt: signup.checkedInAt?.toISOString() ?? null,
    };
  }

  async function attendanceRow(signup: EventSignupDoc): Promise<AttendanceRow> {
    return {
      signupId: signup._id.toString(),
      displayName: signup.displayName,
      status: signup.status as AttendanceRow['status'],
      position: await positionOf(signup),
      signedUpAt: signup.signedUpAt.toISOString(),
      checkedInAt: signup.checkedInAt?.toISOString() ?? null,
      checkedInByName: signup.checkedInByName ?? null,
    };
  }

  async function signedUpUserIds(activityId: ActivityDoc['_id']): Promise<string[]> {
    const rows = (await models.EventSignup.find({ activityId, status: op({ $in: ['confirmed', 'waiting'] }) }, { userId: 1 }).lean()) as EventSignupDoc[];
    return rows.map((row) => row.userId.toString());
  }

  function checkEventTimes(startsAt: Date, endsAt: Date, now: Date): void {
    if (endsAt <= startsAt) throw invalid('endsAt', 'must be after startsAt');
    if (startsAt <= now) throw invalid('startsAt', 'must be in the future');
  }

  // ------------------------------------------------------------------ commands

  return {
    /**
     * Residents who took part in [from, to): checked in at an offline event, finished a
     * quiz, proposed or supported an idea (interfaces10.md). Sorted, distinct.
     */
    async participantIds(communityId: string, from: Date, to: Date): Promise<string[]> {
      const range = op({ $gte: from, $lt: to });
      const [checkedIn, finished, proposed, supported] = await Promise.all([
        models.EventSignup.find({ communityId, checkedInAt: range }, { userId: 1 }).lean(),
        models.QuizAttempt.find({ communityId, finishedAt: range }, { userId: 1 }).lean(),
        models.ActivityIdea.find({ communityId, createdAt: range }, { authorId: 1 }).lean(),
        models.IdeaSupport.find({ communityId, createdAt: range }, { userId: 1 }).lean(),
      ]);
      const ids = new Set<string>();
      for (const row of [...checkedIn, ...finished, ...supported]) ids.add(row.userId.toString());
      for (const row of proposed) ids.add(row.authorId.toString());
      return [...ids].sort();
    },

    async list(caller: Caller, input: EventPayload<'activity:list'>): Promise<EventResults['activity:list']> {
      await requireAccess(deps, caller, input.communityId, 'activity.view');
      const filter: Record<string, unknown> = { communityId: input.communityId };
      if (input.kind !== 'all') filter.kind = input.kind;
      if (input.before) {
        // After the last one seen in (createdAt desc, _id desc): later inserts sort before it and never shift the page.
        const at = new Date(input.before.createdAt);
        filter.$or = [{ createdAt: op({ $lt: at }) }, { createdAt: at, _id: op({ $lt: objectId(input.before.id) }) }];
      }
      const query = models.Activity.find(op(filter)).sort({ createdAt: -1, _id: -1 });
      // The phase depends on the clock, so it is picked here; without it the page is cut in the query.
      const docs = (await (input.phase === 'all' ? query.limit(input.limit) : query).lean()) as ActivityDoc[];
      const now = deps.clock();
      const wanted = docs.filter((doc) => input.phase === 'all' || phaseOf(doc, now) === input.phase).slice(0, input.limit);
      return { items: await Promise.all(wanted.map(present)) };
    },

    async get(caller: Caller, input: EventPayload<'activity:get'>): Promise<ActivityView> {
      const { doc, access } = await open(caller, input.activityId);
      const staff = can(access.actor, 'activity.manage');
      const view: ActivityView = { activity: await present(doc), ideas: [], quiz: null, questions: null, signup: null };
      if (doc.kind === 'call') view.ideas = await presentIdeas(doc, caller.userId);
      if (doc.kind === 'quiz') {
        view.quiz = await turnOf(doc, await attemptOf(doc._id, caller.userId));
        if (staff) view.questions = questionsOf(doc);
      }
      if (doc.kind === 'event') {
        const signup = (await models.EventSignup.findOne({ _id: signupIdOf(input.activityId, caller.userId) }).lean()) as EventSignupDoc | null;
        view.signup = signup ? await mySignup(signup) : null;
      }
      return view;
    },

    async createCall(caller: Caller, input: EventPayload<'activity:createCall'>): Promise<Activity> {
      await requireAccess(deps, caller, input.communityId, 'activity.manage');
      const _id = makeId('call', input.communityId, input.clientId);
      const again = await existing(_id);
      if (again) return again;
      const now = deps.clock();
      const closesAt = new Date(input.closesAt);
      if (closesAt <= now) throw invalid('closesAt', 'must be in the future');
      const doc = await createDoc(caller, { communityId: input.communityId, kind: 'call', title: input.title, description: input.description, opensAt: now, closesAt }, _id);
      return 'phase' in doc ? doc : afterCreate(caller, doc);
    },

    async createQuiz(caller: Caller, input: EventPayload<'activity:createQuiz'>): Promise<Activity> {
      await requireAccess(deps, caller, input.communityId, 'activity.manage');
      const _id = makeId('quiz', input.communityId, input.clientId);
      const again = await existing(_id);
      if (again) return again;
      const now = deps.clock();
      const opensAt = input.opensAt ? new Date(input.opensAt) : now;
      const closesAt = new Date(input.closesAt);
      if (closesAt <= opensAt) throw invalid('closesAt', 'must be after opensAt');
      if (closesAt <= now) throw invalid('closesAt', 'must be in the future');
      input.questions.forEach((q, i) => {
        if (q.correct.some((option) => option >= q.options.length)) throw invalid(`questions.${i}.correct`, 'must name options of the question');
        if (new Set(q.correct).size !== q.correct.length) throw invalid(`questions.${i}.correct`, 'names an option twice');
        if (q.kind === 'single' && q.correct.length !== 1) throw invalid(`questions.${i}.correct`, 'a single-choice question has exactly one correct option');
      });
      input.prizes.forEach((p, i) => {
        if (p.toRank < p.fromRank) throw invalid(`prizes.${i}.toRank`, 'must not be below fromRank');
      });
      const questions = input.questions.map((q) => ({ text: q.text, kind: q.kind, options: q.options, correct: [...q.correct].sort((a, b) => a - b), points: q.points, seconds: q.seconds ?? input.seconds }));
      const doc = await createDoc(
        caller,
        { communityId: input.communityId, kind: 'quiz', title: input.title, description: input.description, opensAt, closesAt, timing: input.timing, seconds: input.seconds, questions, prizes: input.prizes },
        _id,
      );
      return 'phase' in doc ? doc : afterCreate(caller, doc);
    },

    async createEvent(caller: Caller, input: EventPayload<'activity:createEvent'>): Promise<Activity> {
      await requireAccess(deps, caller, input.communityId, 'activity.manage');
      const _id = makeId('event', input.communityId, input.clientId);
      const again = await existing(_id);
      if (again) return again;
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(input.endsAt);
      checkEventTimes(startsAt, endsAt, deps.clock());
      const doc = await createDoc(
        caller,
        { communityId: input.communityId, kind: 'event', title: input.title, description: input.description, place: input.place, startsAt, endsAt, capacity: input.capacity },
        _id,
      );
      if ('phase' in doc) return doc;
      await addSeats(doc._id.toString(), 0, input.capacity);
      return afterCreate(caller, doc);
    },

    async updateEvent(caller: Caller, input: EventPayload<'activity:updateEvent'>): Promise<Activity> {
      const { doc, access } = await open(caller, input.activityId, 'event');
      authorize(access, 'activity.manage');
      if (doc.cancelledAt) throw conflict('The event was cancelled');
      if (doc.version !== input.version) throw conflict('The event changed meanwhile: reload it');
      const startsAt = input.startsAt ? new Date(input.startsAt) : doc.startsAt!;
      const endsAt = input.endsAt ? new Date(input.endsAt) : doc.endsAt!;
      if (input.startsAt || input.endsAt) checkEventTimes(startsAt, endsAt, deps.clock());
      if (input.capacity !== undefined && input.capacity < doc.capacity!) throw invalid('capacity', `may only grow (now ${doc.capacity}); to turn people away, cancel the event`);
      const set: Record<string, unknown> = { startsAt, endsAt };
      for (const field of ['title', 'description', 'place', 'capacity'] as const) if (input[field] !== undefined) set[field] = input[field];
      const updated = (await models.Activity.findOneAndUpdate({ _id: doc._id, version: input.version, cancelledAt: null }, { $set: set, $inc: { version: 1 } }, { new: true }).lean()) as ActivityDoc | null;
      if (!updated) throw conflict('The event changed meanwhile: reload it');
      if (updated.capacity! > doc.capacity!) {
        await addSeats(input.activityId, doc.capacity!, updated.capacity!);
        await fillSeats(updated);
      }
      await audit.record(doc.communityId.toString(), caller, 'activity.update', { type: 'activity', id: input.activityId }, { fields: Object.keys(set).join(',') });
      const changed =
        updated.title !== doc.title || updated.place !== doc.place || updated.startsAt!.getTime() !== doc.startsAt!.getTime() || updated.endsAt!.getTime() !== doc.endsAt!.getTime();
      if (changed) {
        await tell(await signedUpUserIds(updated._id), updated, caller.displayName, `「${updated.title}」有变更：${chinaTime(updated.startsAt!)}，${updated.place}`);
      }
      return push(updated);
    },

    async cancel(caller: Caller, input: EventPayload<'activity:cancel'>): Promise<Activity> {
      const { doc, access } = await open(caller, input.activityId);
      authorize(access, 'activity.manage');
      const now = deps.clock();
      const updated = (await models.Activity.findOneAndUpdate(
        { _id: doc._id, cancelledAt: null },
        { $set: { cancelledAt: now, cancelReason: input.reason }, $inc: { version: 1 } },
        { new: true },
      ).lean()) as ActivityDoc | null;
      if (!updated) throw conflict('The activity was already cancelled');
      await audit.record(doc.communityId.toString(), caller, 'activity.cancel', { type: 'activity', id: input.activityId }, { reason: input.reason });
      if (doc.kind === 'event') await tell(await signedUpUserIds(doc._id), updated, caller.displayName, `「${doc.title}」已取消：${input.reason}`);
      return push(updated);
    },

    // ---------------------------------------------------------------- calls

    async propose(caller: Caller, input: EventPayload<'activity:propose'>): Promise<ActivityIdea> {
      const { doc, access } = await open(caller, input.activityId, 'call');
      authorize(access, 'activity.propose');
      const _id = input.clientId ? derivedId('activity-idea', input.activityId, caller.userId, input.clientId) : undefined;
      if (_id && (await models.ActivityIdea.exists({ _id }))) return oneIdea(doc, _id.toString(), caller.userId);
      if (phaseOf(doc, deps.clock()) !== 'open') throw conflict('The call for ideas is closed');
      let ideaId: string;
      try {
        const created = await models.ActivityIdea.create({
          ...(_id ? { _id } : {}),
          activityId: doc._id,
          communityId: doc.communityId,
          authorId: caller.userId,
          authorName: caller.displayName,
          title: input.title,
          description: input.description,
          createdAt: deps.clock(),
        });
        ideaId = created._id.toString();
      } catch (err) {
        if (!(_id && isDuplicateKey(err))) throw err;
        ideaId = _id.toString();
      }
      const idea = await oneIdea(doc, ideaId, caller.userId);
      await pushFresh(input.activityId);
      return idea;
    },

    async support(caller: Caller, input: EventPayload<'activity:support'>): Promise<ActivityIdea> {
      const { idea, doc, access } = await openIdea(caller, input.ideaId);
      authorize(access, 'activity.join');
      if (phaseOf(doc, deps.clock()) !== 'open') throw conflict('The call for ideas is closed');
      if (idea.authorId.toString() === caller.userId) throw conflict('You proposed this idea: support goes to others’ ideas');
      const _id = derivedId('activity-support', input.ideaId, caller.userId);
      if (input.support) {
        try {
          await models.IdeaSupport.create({ _id, ideaId: idea._id, activityId: doc._id, communityId: doc.communityId, userId: caller.userId, createdAt: deps.clock() });
        } catch (err) {
          // Supported already (a retry, a second tab): one support stands.
          if (!isDuplicateKey(err)) throw err;
        }
      } else {
        await models.IdeaSupport.deleteOne({ _id });
      }
      return oneIdea(doc, input.ideaId, caller.userId);
    },

    async shortlist(caller: Caller, input: EventPayload<'activity:shortlist'>): Promise<ActivityIdea> {
      const { idea, doc, access } = await openIdea(caller, input.ideaId);
      authorize(access, 'activity.manage');
      if (doc.cancelledAt) throw conflict('The call for ideas was cancelled');
      if (doc.pollId) throw conflict('A poll was already made from this call');
      await models.ActivityIdea.updateOne({ _id: idea._id }, { $set: { shortlisted: input.shortlisted } });
      if (input.shortlisted) {
        const first = await models.ActivityIdea.updateOne({ _id: idea._id, shortlistedAt: null }, { $set: { shortlistedAt: deps.clock() } });
        if (first.modifiedCount === 1) await tell([idea.authorId.toString()], doc, caller.displayName, `你的点子「${idea.title}」入围了「${doc.title}」`);
      }
      return oneIdea(doc, input.ideaId, caller.userId);
    },

    /**
     * Makes a single-choice poll of the chosen (shortlisted) ideas through the poll
     * service, as the calling staff member; its clientId comes from the call, so a retry
     * or a racing second request answers the same poll. The call links it and closes.
     */
    async toPoll(caller: Caller, input: EventPayload<'activity:toPoll'>): Promise<EventResults['activity:toPoll']> {
      const { doc, access } = await open(caller, input.activityId, 'call');
      authorize(access, 'activity.manage');
      if (doc.cancelledAt) throw conflict('The call for ideas was cancelled');
      if (doc.pollId) throw conflict('A poll was already made from this call');
      const wanted = [...new Set(input.ideaIds)];
      if (wanted.length !== input.ideaIds.length) throw invalid('ideaIds', 'names an idea twice');
      const ideas = (await models.ActivityIdea.find({ _id: op({ $in: wanted }), activityId: doc._id }).lean()) as IdeaDoc[];
      if (ideas.length !== wanted.length) throw invalid('ideaIds', 'must be ideas of this call');
      if (ideas.some((idea) => !idea.shortlisted)) throw invalid('ideaIds', 'only shortlisted ideas go into the poll');
      const byId = new Map(ideas.map((idea) => [idea._id.toString(), idea]));
      const poll = await deps.polls.create(caller, {
        communityId: doc.communityId.toString(),
        kind: 'single',
        title: input.title ?? doc.title,
        description: `来自活动征集「${doc.title}」的入围点子。`,
        options: wanted.map((ideaId) => ({ label: byId.get(ideaId)!.title })),
        min: null,
        max: null,
        budget: null,
        threshold: null,
        quorum: null,
        eligibility: 'members',
        visibility: 'live',
        ballot: 'public',
        allowChange: true,
        ...(input.opensAt ? { opensAt: input.opensAt } : {}),
        closesAt: input.closesAt,
        deliberationId: null,
        minDeliberationHours: 0,
        issueIds: [],
        clientId: `activity-${input.activityId}`,
      });
      const now = deps.clock();
      const linked = (await models.Activity.findOneAndUpdate(
        { _id: doc._id, pollId: null },
        { $set: { pollId: objectId(poll.id), closesAt: now < doc.closesAt! ? now : doc.closesAt }, $inc: { version: 1 } },
        { new: true },
      ).lean()) as ActivityDoc | null;
      if (linked) await audit.record(doc.communityId.toString(), caller, 'activity.toPoll', { type: 'activity', id: input.activityId }, { pollId: poll.id, ideas: wanted.length });
      const current = linked ?? (await find(input.activityId))!;
      return { activity: await push(current), poll };
    },

    // ---------------------------------------------------------------- quizzes

    async quizStart(caller: Caller, input: EventPayload<'activity:quizStart'>): Promise<QuizTurn> {
      const { doc, access } = await open(caller, input.activityId, 'quiz');
      authorize(access, 'activity.join');
      let attempt = await attemptOf(doc._id, caller.userId);
      const now = deps.clock();
      if (!attempt) {
        const phase = phaseOf(doc, now);
        if (phase !== 'open') throw conflict(phase === 'upcoming' ? 'The quiz has not opened yet' : 'The quiz is closed');
        try {
          await models.QuizAttempt.create({ activityId: doc._id, communityId: doc.communityId, userId: caller.userId, displayName: caller.displayName, startedAt: now, current: 0, servedAt: now });
        } catch (err) {
          // Started already on another tab or node: one attempt, answered where it stands.
          if (!isDuplicateKey(err)) throw err;
        }
        attempt = (await attemptOf(doc._id, caller.userId))!;
      }
      return turnOf(doc, attempt);
    },

    async quizAnswer(caller: Caller, input: EventPayload<'activity:quizAnswer'>): Promise<QuizTurn> {
      const { doc, access } = await open(caller, input.activityId, 'quiz');
      authorize(access, 'activity.join');
      const attempt = await attemptOf(doc._id, caller.userId);
      if (!attempt) throw conflict('Start the quiz first');
      if (attempt.finishedAt) throw conflict('You have finished this quiz');
      if (doc.cancelledAt) throw conflict('The quiz was cancelled');
      if (attempt.current !== input.index) throw conflict(`That question was answered already: question ${attempt.current + 1} is the current one`);
      const q = doc.questions[input.index]!;
      if (input.choice.some((option) => option >= q.options.length)) throw invalid('choice', 'must name options of the question');
      if (q.kind === 'single' && input.choice.length > 1) throw invalid('choice', 'a single-choice question takes one option');
      const now = deps.clock();
      if (!(await answer(doc, attempt, input.index, input.choice, now))) throw conflict('That question was answered already');
      const fresh = (await find(input.activityId))!;
      const after = (await attemptOf(doc._id, caller.userId))!;
      if (after.finishedAt) await pushFresh(input.activityId);
      return turnOf(fresh, after);
    },

    /** Finished attempts by the ranking rule (quiz.ts); display names only; staff also get the attempt ids and prizes. */
    async leaderboard(caller: Caller, input: EventPayload<'activity:leaderboard'>): Promise<Leaderboard> {
      const { doc, access } = await open(caller, input.activityId, 'quiz');
      const staff = can(access.actor, 'activity.manage');
      const ranked = await finishedRanked(doc);
      const closed = phaseOf(doc, deps.clock()) === 'closed';
      const rowOf = (row: QuizAttemptDoc, i: number): LeaderboardRow => ({
        rank: i + 1,
        displayName: row.displayName,
        score: row.score ?? 0,
        totalMs: row.totalMs ?? 0,
        attemptId: staff ? row._id.toString() : null,
        prize: row.prizeName ?? (closed ? prizeForRank(doc.prizes as { fromRank: number; toRank: number; name: string }[], i + 1) : null),
        prizeGivenAt: row.prizeGivenAt?.toISOString() ?? null,
        prizeGivenByName: staff ? (row.prizeGivenByName ?? null) : null,
      });
      const mineAt = ranked.findIndex((row) => row.userId.toString() === caller.userId);
      return {
        activityId: input.activityId,
        rows: ranked.slice(0, input.limit).map(rowOf),
        finished: ranked.length,
        mine: mineAt >= 0 ? { rank: mineAt + 1, score: ranked[mineAt]!.score ?? 0, totalMs: ranked[mineAt]!.totalMs ?? 0 } : null,
      };
    },

    async publishResults(caller: Caller, input: EventPayload<'activity:publishResults'>): Promise<Activity> {
      const { doc, access } = await open(caller, input.activityId, 'quiz');
      authorize(access, 'activity.manage');
      if (doc.cancelledAt) throw conflict('The quiz was cancelled');
      const now = deps.clock();
      if (now < doc.opensAt!) throw conflict('The quiz has not opened yet');
      const won = (await models.Activity.findOneAndUpdate(
        { _id: doc._id, resultsPublishedAt: null, cancelledAt: null },
        { $set: { resultsPublishedAt: now, closesAt: now < doc.closesAt! ? now : doc.closesAt }, $inc: { version: 1 } },
        { new: true },
      ).lean()) as ActivityDoc | null;
      if (!won) throw conflict('The results were already published');
      await audit.record(doc.communityId.toString(), caller, 'activity.publishResults', { type: 'activity', id: input.activityId });
      const ranked = await finishedRanked(won);
      for (const [i, row] of ranked.entries()) {
        const prize = prizeForRank(won.prizes as { fromRank: number; toRank: number; name: string }[], i + 1);
        await tell([row.userId.toString()], won, caller.displayName, `「${won.title}」成绩公布：第 ${i + 1} 名，${row.score ?? 0} 分${prize ? `，获得${prize}` : ''}`);
      }
      return push(won);
    },

    async givePrize(caller: Caller, input: EventPayload<'activity:givePrize'>): Promise<LeaderboardRow> {
      const attempt = (await models.QuizAttempt.findOne({ _id: input.attemptId }).lean()) as QuizAttemptDoc | null;
      if (!attempt) throw notFound('Attempt');
      const { doc, access } = await open(caller, attempt.activityId.toString(), 'quiz');
      authorize(access, 'activity.manage');
      if (phaseOf(doc, deps.clock()) !== 'closed') throw conflict('Prizes are given once the quiz has closed and the ranks are final');
      const ranked = await finishedRanked(doc);
      const rank = ranked.findIndex((row) => row._id.equals(attempt._id)) + 1;
      if (rank === 0) throw conflict('This attempt was not finished');
      const prize = prizeForRank(doc.prizes as { fromRank: number; toRank: number; name: string }[], rank);
      if (!prize) throw conflict(`Rank ${rank} has no prize`);
      const now = deps.clock();
      const given = (await models.QuizAttempt.findOneAndUpdate(
        { _id: attempt._id, prizeGivenAt: null },
        { $set: { prizeName: prize, prizeGivenAt: now, prizeGivenById: caller.userId, prizeGivenByName: caller.displayName } },
        { new: true },
      ).lean()) as QuizAttemptDoc | null;
      if (!given) throw conflict(`This prize was already given out${attempt.prizeGivenByName ? ` by ${attempt.prizeGivenByName}` : ''}`);
      await audit.record(doc.communityId.toString(), caller, 'activity.givePrize', { type: 'activity', id: doc._id.toString() }, { rank, prize, to: attempt.displayName });
      return {
        rank,
        displayName: given.displayName,
        score: given.score ?? 0,
        totalMs: given.totalMs ?? 0,
        attemptId: given._id.toString(),
        prize,
        prizeGivenAt: now.toISOString(),
        prizeGivenByName: caller.displayName,
      };
    },

    // ---------------------------------------------------------------- events

    /**
     * Joins the waiting list (queue number from one atomic $inc), then free seats go to
     * the list in order (fillSeats). A repeated sign-up answers the one standing; after
     * withdrawing, signing up again joins the end of the list.
     */
    async signUp(caller: Caller, input: EventPayload<'activity:signUp'>): Promise<MySignup> {
      const { doc, access } = await open(caller, input.activityId, 'event');
      authorize(access, 'activity.join');
      const _id = signupIdOf(input.activityId, caller.userId);
      const standing = (await models.EventSignup.findOne({ _id }).lean()) as EventSignupDoc | null;
      if (standing && standing.status !== 'cancelled') return mySignup(standing);
      const now = deps.clock();
      if (doc.cancelledAt) throw conflict('The event was cancelled');
      if (now >= doc.startsAt!) throw conflict('Sign-up has closed: the event has started');
      const queueNo = (await models.Activity.findOneAndUpdate({ _id: doc._id }, { $inc: { queueSeq: 1 } }, { new: true, timestamps: false }).lean())!.queueSeq;
      if (standing) {
        await models.EventSignup.updateOne(
          { _id, status: 'cancelled' },
          { $set: { status: 'waiting', queueNo, answered: false, signedUpAt: now, checkedInAt: null, checkedInById: null, checkedInByName: null } },
        );
      } else {
        for (let tries = 0; ; tries++) {
          try {
            await models.EventSignup.create({
              _id,
              activityId: doc._id,
              communityId: doc.communityId,
              userId: caller.userId,
              displayName: caller.displayName,
              status: 'waiting',
              queueNo,
              code: newCode(),
              signedUpAt: now,
            });
            break;
          } catch (err) {
            if (!isDuplicateKey(err)) throw err;
            // The same person racing on another node: theirs stands.
            if (await models.EventSignup.exists({ _id })) break;
            // Another sign-up drew the same code: draw again.
            if (tries >= 5) throw err;
          }
        }
      }
      await fillSeats(doc);
      // Answered atomically with reading the status: a promotion before this is in the
      // answer, one after it is notified (fillSeats reads `answered`).
      const answered = (await models.EventSignup.findOneAndUpdate({ _id }, { $set: { answered: true } }, { new: true }).lean()) as EventSignupDoc;
      await pushFresh(input.activityId);
      return mySignup(answered);
    },

    async withdraw(caller: Caller, input: EventPayload<'activity:withdraw'>): Promise<MySignup> {
      const { doc, access } = await open(caller, input.activityId, 'event');
      authorize(access, 'activity.join');
      const _id = signupIdOf(input.activityId, caller.userId);
      const before = (await models.EventSignup.findOneAndUpdate(
        { _id, status: op({ $in: ['confirmed', 'waiting'] }), checkedInAt: null },
        { $set: { status: 'cancelled' } },
        { new: false },
      ).lean()) as EventSignupDoc | null;
      if (!before) {
        const signup = (await models.EventSignup.findOne({ _id }).lean()) as EventSignupDoc | null;
        if (!signup) throw conflict('You have not signed up');
        if (signup.checkedInAt) throw conflict('You have checked in already');
        return mySignup(signup);
      }
      // A seat it held (or was being given by another node) goes back, then to the list.
      await releaseSeat(doc._id, _id.toString());
      await fillSeats(doc);
      await pushFresh(input.activityId);
      return mySignup({ ...before, status: 'cancelled' });
    },

    async checkIn(caller: Caller, input: EventPayload<'activity:checkIn'>): Promise<AttendanceRow> {
      const { doc, access } = await open(caller, input.activityId, 'event');
      authorize(access, 'activity.manage');
      if (doc.cancelledAt) throw conflict('The event was cancelled');
      const now = deps.clock().getTime();
      if (now < doc.startsAt!.getTime() - CHECK_IN_BEFORE_MS) throw conflict('Check-in opens two hours before the event starts');
      if (now > doc.endsAt!.getTime() + CHECK_IN_AFTER_MS) throw conflict('Check-in has closed');
      const signup = (await models.EventSignup.findOne({ activityId: doc._id, code: input.code }).lean()) as EventSignupDoc | null;
      if (!signup || signup.status === 'cancelled') throw invalid('code', 'No sign-up of this event has this code');
      if (signup.status !== 'confirmed') throw conflict(`${signup.displayName} is on the waiting list, not confirmed`);
      const checked = (await models.EventSignup.findOneAndUpdate(
        { _id: signup._id, status: 'confirmed', checkedInAt: null },
        { $set: { checkedInAt: new Date(now), checkedInById: caller.userId, checkedInByName: caller.displayName } },
        { new: true },
      ).lean()) as EventSignupDoc | null;
      if (!checked) throw conflict(`${signup.displayName} has checked in already`);
      await pushFresh(input.activityId);
      return attendanceRow(checked);
    },

    async attendance(caller: Caller, input: EventPayload<'activity:attendance'>): Promise<EventResults['activity:attendance']> {
      const { doc, access } = await open(caller, input.activityId, 'event');
      authorize(access, 'activity.manage');
      const rows = (await models.EventSignup.find({ activityId: doc._id }).sort({ queueNo: 1 }).lean()) as EventSignupDoc[];
      const order = { confirmed: 0, waiting: 1, cancelled: 2 } as const;
      const sorted = rows.sort((a, b) => order[a.status as keyof typeof order] - order[b.status as keyof typeof order] || a.queueNo - b.queueNo);
      let position = 0;
      return {
        rows: sorted.map((row) => ({
          signupId: row._id.toString(),
          displayName: row.displayName,
          status: row.status as AttendanceRow['status'],
          position: row.status === 'waiting' ? ++position : null,
          signedUpAt: row.signedUpAt.toISOString(),
          checkedInAt: row.checkedInAt?.toISOString() ?? null,
          checkedInByName: row.checkedInByName ?? null,
        })),
      };
    },
  };
}

export type ActivityService = ReturnType<typeof createActivityService>;
