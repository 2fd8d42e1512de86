/**
 * Wire types of online activities (社区活动): calls for ideas (征集), quizzes
 * (有奖知识问答) and offline events (线下活动).
 */

export const activityKinds = ['call', 'quiz', 'event'] as const;
export type ActivityKind = (typeof activityKinds)[number];

/**
 * Where an activity stands, from its times and the clock:
 * upcoming (not open yet), open (taking ideas / attempts / sign-ups), closed (past its
 * deadline, turned into a poll, or the event started), cancelled (by staff).
 */
export const activityPhases = ['upcoming', 'open', 'closed', 'cancelled'] as const;
export type ActivityPhase = (typeof activityPhases)[number];

export const quizTimings = ['question', 'quiz'] as const;
/** question: each question has its own limit; quiz: one limit for the whole attempt. */
export type QuizTiming = (typeof quizTimings)[number];

export const questionKinds = ['single', 'multiple'] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** A prize for the ranks fromRank..toRank (1-based, inclusive). */
export interface PrizeBand {
  fromRank: number;
  toRank: number;
  name: string;
}

interface ActivityBase {
  id: string;
  communityId: string;
  kind: ActivityKind;
  title: string;
  description: string;
  phase: ActivityPhase;
  cancelReason: string | null;
  createdByName: string;
  createdAt: string;
  version: number;
}

export interface CallActivity extends ActivityBase {
  kind: 'call';
  /** Ideas are taken until this deadline (or until a poll is made from them). */
  closesAt: string;
  ideaCount: number;
  /** The poll made from the shortlisted ideas, once made. */
  pollId: string | null;
}

export interface QuizActivity extends ActivityBase {
  kind: 'quiz';
  opensAt: string;
  closesAt: string;
  timing: QuizTiming;
  /** quiz timing: the whole attempt's limit; question timing: the default per question. */
  seconds: number;
  questionCount: number;
  totalPoints: number;
  prizes: PrizeBand[];
  finishedCount: number;
  /** Staff published the results (the quiz is closed; finishers were told their rank). */
  resultsPublishedAt: string | null;
}

export interface EventActivity extends ActivityBase {
  kind: 'event';
  place: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  confirmed: number;
  waiting: number;
  checkedIn: number;
}

export type Activity = CallActivity | QuizActivity | EventActivity;

/** An idea proposed in a call. */
export interface ActivityIdea {
  id: string;
  activityId: string;
  title: string;
  description: string;
  authorName: string;
  supports: number;
  shortlisted: boolean;
  createdAt: string;
  /** The caller proposed it / supports it. */
  mine: boolean;
  supported: boolean;
}

/** A question as a resident taking the quiz sees it: never the correct answers. */
export interface QuizQuestionView {
  index: number;
  text: string;
  kind: QuestionKind;
  options: string[];
  points: number;
  seconds: number;
}

/** A question as staff write and read it (and residents once they finished or the quiz closed). */
export interface QuizQuestion extends QuizQuestionView {
  /** Indexes of the correct options. */
  correct: number[];
}

export interface QuizAnswerView {
  index: number;
  choice: number[];
  late: boolean;
  points: number;
  ms: number;
}

/**
 * The caller's attempt. While running: the current question (without its answer) and
 * its deadline as the server set it. Finished: score, time, rank and every question
 * with its correct answers.
 */
export interface QuizTurn {
  activityId: string;
  state: 'none' | 'running' | 'finished';
  startedAt: string | null;
  /** Running: the question to answer now. */
  question: QuizQuestionView | null;
  /** Running: answers after this instant score 0. */
  deadline: string | null;
  /** The server's time when it answered (the countdown corrects the phone's clock by it). */
  serverTime: string;
  questionCount: number;
  answered: number;
  score: number | null;
  totalMs: number | null;
  rank: number | null;
  /** Finished (or the quiz closed): the questions with their correct answers, and the caller's answers. */
  review: { questions: QuizQuestion[]; answers: QuizAnswerView[] } | null;
}

export interface LeaderboardRow {
  rank: number;
  displayName: string;
  score: number;
  totalMs: number;
  /** Staff only (to record a prize): the attempt. */
  attemptId: string | null;
  prize: string | null;
  prizeGivenAt: string | null;
  prizeGivenByName: string | null;
}

export interface Leaderboard {
  activityId: string;
  rows: LeaderboardRow[];
  finished: number;
  mine: { rank: number; score: number; totalMs: number } | null;
}

export const signupStatuses = ['confirmed', 'waiting', 'cancelled'] as const;
export type SignupStatus = (typeof signupStatuses)[number];

/** The caller's own sign-up: the check-in code is shown on their phone (never to anyone else). */
export interface MySignup {
  activityId: string;
  status: SignupStatus;
  /** Waiting: 1 = next to be promoted. */
  position: number | null;
  code: string | null;
  checkedInAt: string | null;
}

/** A row of the staff attendance list. */
export interface AttendanceRow {
  signupId: string;
  displayName: string;
  status: SignupStatus;
  position: number | null;
  signedUpAt: string;
  checkedInAt: string | null;
  checkedInByName: string | null;
}

/** What an activity page loads: the activity and the caller's part in it. */
export interface ActivityView {
  activity: Activity;
  /** Calls: the ideas, most supported first. */
  ideas: ActivityIdea[];
  /** Quizzes: the caller's attempt. */
  quiz: QuizTurn | null;
  /** Quizzes, staff only: the questions with their answers (for the editor). */
  questions: QuizQuestion[] | null;
  /** Events: the caller's sign-up. */
  signup: MySignup | null;
}
