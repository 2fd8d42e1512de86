/**
 * Online activities over real sockets, two nodes, the embedded database and a moved
 * clock: quiz scoring and the leaderboard exactly (late answers score 0, ties by time
 * then finish order), correct answers kept back until the attempt finished; concurrent
 * sign-ups for a small event from both nodes never overbook, the waiting list moves up
 * in order and the promoted resident is told; check-in by code counts once; ideas become
 * a real poll; participantIds counts exactly who took part; refusals change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity, QuizTurn } from '@linli/shared';
import { createLogger } from '../../server/src/lib/logger.js';
import { seedDemo } from '../../server/src/seed/demo.js';
import { seedDemoActivities } from '../../server/src/seed/demo-activity.js';
import { call, must, next, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { createTestCommunity } from '../support/community.js';

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('activities', () => {
  let c: Cluster;
  let now = Date.parse('2026-11-02T09:00:00Z');
  const clock = () => new Date(now);
  const at = (ms: number) => new Date(ms).toISOString();
  const users: Record<string, Session> = {};
  let communityId: string;
  let moderator: ClientSocket;
  let outsider: ClientSocket;
  const residents: ClientSocket[] = [];
  const names = ['赵一', '钱二', '孙三', '李四', '周五', '吴六', '郑七', '王八', '冯九', '陈十'];
  const idOf = (i: number) => users[`r${i}`]!.user.id;

  beforeAll(async () => {
    c = await startCluster({ nodes: 2, clock });
    const community = await createTestCommunity(c, '活动测试社区', users);
    communityId = community.communityId;
    moderator = await community.join('moderator', '13900950100', '李社工', 0);
    await community.setRole('moderator', 'moderator');
    for (const [i, name] of names.entries()) residents.push(await community.join(`r${i}`, `139009502${String(i).padStart(2, '0')}`, name, i % 2));
    users.outsider = await c.login('13900950199', '外人');
    outsider = await c.connect(users.outsider, 1);
  });

  afterAll(async () => {
    await c?.stop();
  });

  // ------------------------------------------------------------------ quiz

  describe('quiz', () => {
    let quiz: Activity;
    const quizStartsAt = now;
    const attemptRows = async () => JSON.stringify(await c.models.QuizAttempt.find({ activityId: quiz.id }).sort({ _id: 1 }).lean());

    /** Takes the quiz: each answer `[choice, seconds after the question was handed out]`. */
    async function take(i: number, answers: [number[], number][]): Promise<QuizTurn> {
      let turn = await must(residents[i]!, 'activity:quizStart', { activityId: quiz.id });
      for (const [index, [choice, seconds]] of answers.entries()) {
        expect(turn.state).toBe('running');
        expect(turn.question!.index).toBe(index);
        // Nothing of the correct answers goes out while the attempt runs.
        expect(JSON.stringify(turn)).not.toContain('correct');
        expect(turn.review).toBeNull();
        now += seconds * SECOND;
        turn = await must(residents[i]!, 'activity:quizAnswer', { activityId: quiz.id, index, choice });
      }
      return turn;
    }

    it('staff write a quiz; residents see its questions only one at a time, without the answers', async () => {
      quiz = await must(moderator, 'activity:createQuiz', {
        communityId,
        title: '垃圾分类知识问答',
        closesAt: at(now + 7 * DAY),
        timing: 'question',
        seconds: 20,
        questions: [
          { text: '废电池属于哪一类？', kind: 'single', options: ['可回收物', '有害垃圾', '厨余垃圾'], correct: [1], points: 10 },
          { text: '哪些属于可回收物？', kind: 'multiple', options: ['旧报纸', '果皮', '塑料瓶'], correct: [2, 0], points: 20 },
          { text: '过期药品投放到？', kind: 'single', options: ['有害垃圾', '其他垃圾'], correct: [0], points: 10, seconds: 30 },
        ],
        prizes: [
          { fromRank: 1, toRank: 1, name: '一等奖：环保购物袋' },
          { fromRank: 2, toRank: 3, name: '二等奖：分类垃圾桶' },
        ],
      });
      expect(quiz).toMatchObject({ kind: 'quiz', phase: 'open', questionCount: 3, totalPoints: 40 });
      const asResident = await must(residents[0]!, 'activity:get', { activityId: quiz.id });
      expect(asResident.questions).toBeNull();
      expect(asResident.quiz).toMatchObject({ state: 'none', review: null });
      expect(JSON.stringify(asResident)).not.toContain('correct');
      const asStaff = await must(moderator, 'activity:get', { activityId: quiz.id });
      expect(asStaff.questions!.map((q) => q.correct)).toEqual([[1], [0, 2], [0]]);
      const refused = await call(outsider, 'activity:get', { activityId: quiz.id });
      expect(refused.ok || refused.error.code).toBe('NOT_FOUND');
    });

    it('scores exactly: all-or-nothing multiple choice, late answers 0, times capped at the deadline', async () => {
      const first = await take(0, [[[1], 2], [[0, 2], 3], [[0], 1]]);
      expect(first).toMatchObject({ state: 'finished', score: 40, totalMs: 6000, rank: 1 });
      // Finished: now the review shows the correct answers with the caller's own.
      expect(first.review!.questions.map((q) => q.correct)).toEqual([[1], [0, 2], [0]]);
      await take(1, [[[1], 2], [[2, 0], 3], [[0], 1]]);
      const late = await take(2, [[[1], 25], [[0, 2], 1], [[0], 1]]);
      expect(late.review!.answers[0]).toEqual({ index: 0, choice: [1], late: true, points: 0, ms: 20_000 });
      expect(late).toMatchObject({ score: 30, totalMs: 22_000 });
      const partial = await take(3, [[[1], 1], [[0], 1], [[0], 1]]);
      expect(partial).toMatchObject({ score: 20, totalMs: 3000 });
      const fastest = await take(4, [[[1], 1], [[0, 2], 1], [[0], 1]]);
      expect(fastest).toMatchObject({ score: 40, totalMs: 3000, rank: 1 });
    });

    it('one attempt per resident, even starting on both nodes at once; a double answer is stored once', async () => {
      const again = await must(residents[0]!, 'activity:quizStart', { activityId: quiz.id });
      expect(again).toMatchObject({ state: 'finished', score: 40 });
      const [a, b] = await Promise.all([
        must(residents[5]!, 'activity:quizStart', { activityId: quiz.id }),
        must(residents[5]!, 'activity:quizStart', { activityId: quiz.id }),
      ]);
      expect(a.startedAt).toBe(b.startedAt);
      expect(await c.models.QuizAttempt.countDocuments({ activityId: quiz.id, userId: idOf(5) })).toBe(1);
      now += SECOND;
      const answers = await Promise.all([
        call(residents[5]!, 'activity:quizAnswer', { activityId: quiz.id, index: 0, choice: [1] }),
        call(residents[5]!, 'activity:quizAnswer', { activityId: quiz.id, index: 0, choice: [0] }),
      ]);
      expect(answers.filter((r) => r.ok)).toHaveLength(1);
      expect(answers.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['CONFLICT']);
      const attempt = (await c.models.QuizAttempt.findOne({ activityId: quiz.id, userId: idOf(5) }).lean())!;
      expect(attempt.answers).toHaveLength(1);
      expect(attempt.current).toBe(1);
      // The running attempt still shows no answers; a finished resident cannot answer again.
      const running = await must(residents[5]!, 'activity:quizStart', { activityId: quiz.id });
      expect(JSON.stringify(running)).not.toContain('correct');
      const before = await attemptRows();
      const refused = await call(residents[0]!, 'activity:quizAnswer', { activityId: quiz.id, index: 2, choice: [0] });
      expect(!refused.ok && refused.error.code).toBe('CONFLICT');
      expect(await attemptRows()).toBe(before);
    });

    it('the leaderboard: points, then less time, then who finished first; display names only', async () => {
      const board = await must(residents[1]!, 'activity:leaderboard', { activityId: quiz.id, limit: 10 });
      expect(board.rows.map((r) => [r.rank, r.displayName, r.score, r.totalMs])).toEqual([
        [1, '周五', 40, 3000],
        [2, '赵一', 40, 6000],
        [3, '钱二', 40, 6000],
        [4, '孙三', 30, 22_000],
        [5, '李四', 20, 3000],
      ]);
      expect(board.finished).toBe(5);
      expect(board.mine).toEqual({ rank: 3, score: 40, totalMs: 6000 });
      expect(board.rows.every((r) => r.attemptId === null)).toBe(true);
      const top2 = await must(residents[5]!, 'activity:leaderboard', { activityId: quiz.id, limit: 2 });
      expect(top2.rows).toHaveLength(2);
      expect(top2.mine).toBeNull();
    });

    it('prizes wait for the close; results are published once, each finisher told their rank', async () => {
      const staffBoard = await must(moderator, 'activity:leaderboard', { activityId: quiz.id, limit: 10 });
      const first = staffBoard.rows[0]!;
      expect(first.attemptId).not.toBeNull();
      const before = await attemptRows();
      const early = await call(moderator, 'activity:givePrize', { attemptId: first.attemptId! });
      expect(!early.ok && early.error.code).toBe('CONFLICT');
      const byResident = await call(residents[0]!, 'activity:publishResults', { activityId: quiz.id });
      expect(!byResident.ok && byResident.error.code).toBe('FORBIDDEN');
      expect(await attemptRows()).toBe(before);

      const told = next(residents[4]!, 'notification:created');
      const published = await must(moderator, 'activity:publishResults', { activityId: quiz.id });
      expect(published.phase).toBe('closed');
      const note = await told;
      expect(note).toMatchObject({ kind: 'activity', subjectId: quiz.id });
      expect(note.excerpt).toContain('第 1 名');
      expect(await c.models.Notification.countDocuments({ kind: 'activity', subjectId: quiz.id })).toBe(5);
      const twice = await call(moderator, 'activity:publishResults', { activityId: quiz.id });
      expect(!twice.ok && twice.error.code).toBe('CONFLICT');

      const given = await must(moderator, 'activity:givePrize', { attemptId: first.attemptId! });
      expect(given).toMatchObject({ rank: 1, displayName: '周五', prize: '一等奖：环保购物袋', prizeGivenByName: '李社工' });
      const again = await call(moderator, 'activity:givePrize', { attemptId: first.attemptId! });
      expect(!again.ok && again.error.code).toBe('CONFLICT');
      const fourth = await call(moderator, 'activity:givePrize', { attemptId: staffBoard.rows[3]!.attemptId! });
      expect(!fourth.ok && fourth.error.code).toBe('CONFLICT');
      expect(await c.models.Audit.countDocuments({ action: 'activity.givePrize' })).toBe(1);

      // Closed: the unfinished attempt may see the answers now, and cannot go on.
      const closedView = await must(residents[5]!, 'activity:get', { activityId: quiz.id });
      expect(closedView.quiz!.review!.questions[0]!.correct).toEqual([1]);
      const startLate = await call(residents[6]!, 'activity:quizStart', { activityId: quiz.id });
      expect(!startLate.ok && startLate.error.code).toBe('CONFLICT');
      expect(quizStartsAt).toBeLessThan(now);
    });
  });

  // ------------------------------------------------------------------ events

  describe('offline event', () => {
    let event: Activity;
    const signupRows = async () => JSON.stringify(await c.models.EventSignup.find({ activityId: event.id }).sort({ _id: 1 }).lean());

    it('ten residents signing up at once on two nodes for three places: 3 confirmed, 7 waiting in order', async () => {
      now += HOUR;
      event = await must(moderator, 'activity:createEvent', {
        communityId,
        title: '重阳节包饺子',
        place: '社区活动室',
        startsAt: at(now + 3 * DAY),
        endsAt: at(now + 3 * DAY + 2 * HOUR),
        capacity: 3,
      });
      const answers = await Promise.all(residents.map((socket) => must(socket, 'activity:signUp', { activityId: event.id })));
      expect(answers.filter((a) => a.status === 'confirmed')).toHaveLength(3);
      expect(answers.filter((a) => a.status === 'waiting').map((a) => a.position).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(await c.models.EventSignup.countDocuments({ activityId: event.id, status: 'confirmed' })).toBe(3);
      expect(await c.models.EventSeat.countDocuments({ activityId: event.id, free: false })).toBe(3);
      const rows = await c.models.EventSignup.find({ activityId: event.id }).lean();
      const confirmedNos = rows.filter((r) => r.status === 'confirmed').map((r) => r.queueNo);
      const waitingNos = rows.filter((r) => r.status === 'waiting').map((r) => r.queueNo);
      // First come, first seated.
      expect(Math.max(...confirmedNos)).toBeLessThan(Math.min(...waitingNos));
      expect(new Set(rows.map((r) => r.code)).size).toBe(10);
      const list = await must(moderator, 'activity:attendance', { activityId: event.id });
      expect(list.rows.filter((r) => r.status === 'waiting').map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      const again = await must(residents[0]!, 'activity:signUp', { activityId: event.id });
      expect(again.status).toBe(answers[0]!.status);
      expect(await c.models.EventSignup.countDocuments({ activityId: event.id })).toBe(10);
    });

    it('a withdrawal promotes the first on the waiting list, who is told', async () => {
      const list = await must(moderator, 'activity:attendance', { activityId: event.id });
      const leaving = list.rows.find((r) => r.status === 'confirmed')!;
      const firstWaiting = list.rows.find((r) => r.position === 1)!;
      const leaver = residents[names.indexOf(leaving.displayName)]!;
      const promoted = residents[names.indexOf(firstWaiting.displayName)]!;
      const told = next(promoted, 'notification:created');
      const gone = await must(leaver, 'activity:withdraw', { activityId: event.id });
      expect(gone.status).toBe('cancelled');
      const note = await told;
      expect(note).toMatchObject({ kind: 'activity', subjectId: event.id });
      const mine = await must(promoted, 'activity:get', { activityId: event.id });
      expect(mine.signup).toMatchObject({ status: 'confirmed', position: null });
      const after = await must(moderator, 'activity:attendance', { activityId: event.id });
      expect(after.rows.filter((r) => r.status === 'confirmed')).toHaveLength(3);
      expect(after.rows.filter((r) => r.status === 'waiting').map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6]);
      // The old second is now first.
      expect(after.rows.find((r) => r.position === 1)!.displayName).toBe(list.rows.find((r) => r.position === 2)!.displayName);
      // A waiting resident withdrawing promotes nobody.
      const waiter = residents[names.indexOf(after.rows.find((r) => r.position === 6)!.displayName)]!;
      await must(waiter, 'activity:withdraw', { activityId: event.id });
      expect(await c.models.EventSignup.countDocuments({ activityId: event.id, status: 'confirmed' })).toBe(3);
      expect(await c.models.EventSignup.countDocuments({ activityId: event.id, status: 'waiting' })).toBe(5);
    });

    it('staff change the event: more places move the list up, everyone signed up is told, a stale edit changes nothing', async () => {
      const current = (await must(moderator, 'activity:get', { activityId: event.id })).activity;
      const row = async () => JSON.stringify(await c.models.Activity.findOne({ _id: event.id }).lean());
      const before = await row();
      const shrink = await call(moderator, 'activity:updateEvent', { activityId: event.id, version: current.version, capacity: 2 });
      expect(!shrink.ok && shrink.error.code).toBe('VALIDATION_FAILED');
      const stale = await call(moderator, 'activity:updateEvent', { activityId: event.id, version: current.version + 1, place: '别处' });
      expect(!stale.ok && stale.error.code).toBe('CONFLICT');
      const byResident = await call(residents[0]!, 'activity:updateEvent', { activityId: event.id, version: current.version, capacity: 10 });
      expect(!byResident.ok && byResident.error.code).toBe('FORBIDDEN');
      expect(await row()).toBe(before);
      const first = (await must(moderator, 'activity:attendance', { activityId: event.id })).rows.find((r) => r.position === 1)!;
      const changed = await must(moderator, 'activity:updateEvent', { activityId: event.id, version: current.version, capacity: 4, place: '社区食堂' });
      expect(changed).toMatchObject({ kind: 'event', capacity: 4, confirmed: 4, waiting: 4, place: '社区食堂' });
      const after = await must(moderator, 'activity:attendance', { activityId: event.id });
      expect(after.rows.find((r) => r.signupId === first.signupId)!.status).toBe('confirmed');
      // Eight signed up (4 + 4), each told of the change once.
      const notes = await c.models.Notification.find({ kind: 'activity', subjectId: event.id }).lean();
      expect(notes.filter((n) => n.excerpt.includes('有变更'))).toHaveLength(8);
    });

    it('a cancelled event tells everyone signed up and takes no more sign-ups', async () => {
      const small = await must(moderator, 'activity:createEvent', { communityId, title: '社区义诊', place: '服务中心', startsAt: at(now + DAY), endsAt: at(now + DAY + HOUR), capacity: 1 });
      await must(residents[8]!, 'activity:signUp', { activityId: small.id });
      expect((await must(residents[9]!, 'activity:signUp', { activityId: small.id })).status).toBe('waiting');
      const told = next(residents[9]!, 'notification:created');
      const cancelled = await must(moderator, 'activity:cancel', { activityId: small.id, reason: '医生临时有事' });
      expect(cancelled.phase).toBe('cancelled');
      expect((await told).excerpt).toContain('已取消');
      const again = await call(moderator, 'activity:cancel', { activityId: small.id, reason: '再取消' });
      expect(!again.ok && again.error.code).toBe('CONFLICT');
      // The confirmed one withdrawing promotes nobody in a cancelled event.
      await must(residents[8]!, 'activity:withdraw', { activityId: small.id });
      expect(await c.models.EventSignup.countDocuments({ activityId: small.id, status: 'confirmed' })).toBe(0);
      const late = await call(residents[7]!, 'activity:signUp', { activityId: small.id });
      expect(!late.ok && late.error.code).toBe('CONFLICT');
    });

    it('check-in: a wrong code is refused, a waiting one too, the right one counts once, residents may not', async () => {
      const early = await call(moderator, 'activity:checkIn', { activityId: event.id, code: '000000' });
      expect(!early.ok && early.error.code).toBe('CONFLICT');
      now += 3 * DAY - HOUR;
      const confirmed = (await c.models.EventSignup.find({ activityId: event.id, status: 'confirmed' }).lean())!;
      const waiting = (await c.models.EventSignup.findOne({ activityId: event.id, status: 'waiting' }).lean())!;
      const guest = confirmed[0]!;
      const mine = await must(residents[names.indexOf(guest.displayName)]!, 'activity:get', { activityId: event.id });
      expect(mine.signup!.code).toBe(guest.code);
      const used = new Set((await c.models.EventSignup.find({ activityId: event.id }).lean()).map((r) => r.code));
      let wrong = '123456';
      while (used.has(wrong)) wrong = String(Number(wrong) + 1).padStart(6, '0');
      const before = await signupRows();
      const bad = await call(moderator, 'activity:checkIn', { activityId: event.id, code: wrong });
      expect(!bad.ok && bad.error.code).toBe('VALIDATION_FAILED');
      const notYet = await call(moderator, 'activity:checkIn', { activityId: event.id, code: waiting.code });
      expect(!notYet.ok && notYet.error.code).toBe('CONFLICT');
      const byResident = await call(residents[0]!, 'activity:checkIn', { activityId: event.id, code: guest.code });
      expect(!byResident.ok && byResident.error.code).toBe('FORBIDDEN');
      expect(await signupRows()).toBe(before);
      const row = await must(moderator, 'activity:checkIn', { activityId: event.id, code: guest.code });
      expect(row).toMatchObject({ displayName: guest.displayName, status: 'confirmed', checkedInByName: '李社工' });
      const twice = await call(moderator, 'activity:checkIn', { activityId: event.id, code: guest.code });
      expect(!twice.ok && twice.error.code).toBe('CONFLICT');
      expect((await c.models.EventSignup.find({ activityId: event.id }).lean()).filter((r) => r.checkedInAt)).toHaveLength(1);
      const seen = await must(moderator, 'activity:get', { activityId: event.id });
      expect(seen.activity).toMatchObject({ kind: 'event', confirmed: 4, waiting: 4, checkedIn: 1 });
      // Started: no more sign-ups.
      now += 2 * HOUR;
      const late = await call(outsider, 'activity:signUp', { activityId: event.id });
      expect(!late.ok && late.error.code).toBe('NOT_FOUND');
      const withdrawn = (await c.models.EventSignup.findOne({ activityId: event.id, status: 'cancelled' }).lean())!;
      const tooLate = await call(residents[names.indexOf(withdrawn.displayName)]!, 'activity:signUp', { activityId: event.id });
      expect(!tooLate.ok && tooLate.error.code).toBe('CONFLICT');
    });
  });

  // ------------------------------------------------------------------ calls for ideas

  describe('call for ideas', () => {
    let callForIdeas: Activity;
    const ideaIds: string[] = [];

    it('residents propose and support (one per person), staff shortlist (the author is told) and make a real poll', async () => {
      now += DAY;
      callForIdeas = await must(moderator, 'activity:createCall', { communityId, title: '下月社区活动点子', closesAt: at(now + 7 * DAY) });
      for (const [i, title] of ['周末跳蚤市场', '亲子读书会', '广场舞比赛'].entries()) {
        now += SECOND;
        ideaIds.push((await must(residents[i]!, 'activity:propose', { activityId: callForIdeas.id, title })).id);
      }
      const both = await Promise.all([
        must(residents[3]!, 'activity:support', { ideaId: ideaIds[0]! }),
        must(residents[3]!, 'activity:support', { ideaId: ideaIds[0]! }),
      ]);
      expect(both.map((idea) => idea.supported)).toEqual([true, true]);
      await must(residents[4]!, 'activity:support', { ideaId: ideaIds[0]! });
      await must(residents[4]!, 'activity:support', { ideaId: ideaIds[1]! });
      const own = await call(residents[0]!, 'activity:support', { ideaId: ideaIds[0]! });
      expect(!own.ok && own.error.code).toBe('CONFLICT');
      expect(await c.models.IdeaSupport.countDocuments({ activityId: callForIdeas.id })).toBe(3);
      const view = await must(residents[5]!, 'activity:get', { activityId: callForIdeas.id });
      expect(view.ideas.map((idea) => [idea.title, idea.supports])).toEqual([
        ['周末跳蚤市场', 2],
        ['亲子读书会', 1],
        ['广场舞比赛', 0],
      ]);

      const told = next(residents[0]!, 'notification:created');
      await must(moderator, 'activity:shortlist', { ideaId: ideaIds[0]!, shortlisted: true });
      expect(await told).toMatchObject({ kind: 'activity', subjectId: callForIdeas.id });
      await must(moderator, 'activity:shortlist', { ideaId: ideaIds[1]!, shortlisted: true });

      const polls = await c.models.Poll.countDocuments({});
      const before = JSON.stringify(await c.models.Activity.findOne({ _id: callForIdeas.id }).lean());
      const notShortlisted = await call(moderator, 'activity:toPoll', { activityId: callForIdeas.id, ideaIds: [ideaIds[0]!, ideaIds[2]!], closesAt: at(now + 14 * DAY) });
      expect(!notShortlisted.ok && notShortlisted.error.code).toBe('VALIDATION_FAILED');
      const byResident = await call(residents[0]!, 'activity:toPoll', { activityId: callForIdeas.id, ideaIds: [ideaIds[0]!, ideaIds[1]!], closesAt: at(now + 14 * DAY) });
      expect(!byResident.ok && byResident.error.code).toBe('FORBIDDEN');
      expect(await c.models.Poll.countDocuments({})).toBe(polls);
      expect(JSON.stringify(await c.models.Activity.findOne({ _id: callForIdeas.id }).lean())).toBe(before);

      const made = await must(moderator, 'activity:toPoll', { activityId: callForIdeas.id, ideaIds: [ideaIds[0]!, ideaIds[1]!], title: '选出下月活动', closesAt: at(now + 14 * DAY) });
      expect(made.poll).toMatchObject({ kind: 'single', title: '选出下月活动', communityId });
      expect(made.poll.options.map((o) => o.label)).toEqual(['周末跳蚤市场', '亲子读书会']);
      expect(made.activity).toMatchObject({ kind: 'call', pollId: made.poll.id, phase: 'closed' });
      const seen = await must(residents[6]!, 'poll:get', { pollId: made.poll.id });
      expect(seen.poll.id).toBe(made.poll.id);
      expect(await c.models.Poll.countDocuments({})).toBe(polls + 1);
      const again = await call(moderator, 'activity:toPoll', { activityId: callForIdeas.id, ideaIds: [ideaIds[0]!, ideaIds[1]!], closesAt: at(now + 14 * DAY) });
      expect(!again.ok && again.error.code).toBe('CONFLICT');
      const late = await call(residents[7]!, 'activity:propose', { activityId: callForIdeas.id, title: '太晚的点子' });
      expect(!late.ok && late.error.code).toBe('CONFLICT');
      expect(await c.models.ActivityIdea.countDocuments({ activityId: callForIdeas.id })).toBe(3);
    });
  });

  // ------------------------------------------------------------------ participation

  it('participantIds: checked in, finished a quiz, proposed or supported — exactly those, by time', async () => {
    const activities = c.nodes[0]!.app.services.activities;
    const checkedIn = (await c.models.EventSignup.find({}).lean()).find((r) => r.checkedInAt)!.userId.toString();
    const all = await activities.participantIds(communityId, new Date('2026-11-01T00:00:00Z'), new Date(now + 1));
    // Quiz finishers r0-r4 (r5 never finished); one check-in; proposers r0-r2; supporters r3, r4.
    expect(all).toEqual([...new Set([idOf(0), idOf(1), idOf(2), idOf(3), idOf(4), checkedIn])].sort());
    expect(all).not.toContain(idOf(5));
    // The call's day only: its proposers and supporters.
    const ideasOnly = await activities.participantIds(communityId, new Date(now - HOUR), new Date(now + 1));
    expect(ideasOnly).toEqual([idOf(0), idOf(1), idOf(2), idOf(3), idOf(4)].sort());
    expect(await activities.participantIds(communityId, new Date('2026-10-01T00:00:00Z'), new Date('2026-11-01T00:00:00Z'))).toEqual([]);
  });

  it('the demo seed: a call with supported ideas, a quiz with two finished attempts, a full event with a waiting list; once', async () => {
    now = Date.now();
    const app = c.nodes[0]!.app;
    expect(await seedDemo(c.models, createLogger('silent'))).toBe(true);
    const seeded = (await seedDemoActivities(c.models, app))!;
    expect(seeded).not.toBeNull();
    expect(await c.models.ActivityIdea.countDocuments({ activityId: seeded.callId })).toBe(3);
    expect(await c.models.IdeaSupport.countDocuments({ activityId: seeded.callId })).toBe(4);
    const attempts = await c.models.QuizAttempt.find({ activityId: seeded.quizId }).lean();
    expect(attempts.map((a) => [a.displayName, a.score])).toEqual([
      ['刘师傅', 70],
      ['物业小赵', 50],
    ]);
    const signups = await c.models.EventSignup.find({ activityId: seeded.eventId }).sort({ queueNo: 1 }).lean();
    expect(signups.map((s) => [s.displayName, s.status])).toEqual([
      ['刘师傅', 'confirmed'],
      ['物业小赵', 'confirmed'],
      ['王书记', 'waiting'],
      ['张主任', 'waiting'],
    ]);
    expect(await seedDemoActivities(c.models, app)).toBeNull();
  });
});
