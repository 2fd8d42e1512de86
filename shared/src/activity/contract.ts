/**
 * Online activities (`activity:*`, 社区活动): calls for ideas that staff turn into a
 * poll, timed quizzes with a leaderboard and prizes recorded as given out, offline
 * events with a capacity, a FIFO waiting list and check-in by a per-sign-up code.
 */
import { z } from 'zod';
import { clientId, id, line, requiredText, text } from '../fields.js';
import { defineContract, type Rule } from '../contract.js';
import { isMember, isStaff } from '../actor.js';
import { POLL_LIMITS } from '../polls/contract.js';
import type { Poll } from '../polls/types.js';
import {
  activityKinds,
  activityPhases,
  questionKinds,
  quizTimings,
  type Activity,
  type ActivityIdea,
  type ActivityView,
  type AttendanceRow,
  type Leaderboard,
  type LeaderboardRow,
  type MySignup,
  type QuizTurn,
} from './types.js';

export const ACTIVITY_LIMITS = {
  title: { min: 2, max: 60 },
  description: { max: 2000 },
  /** An idea's title becomes a poll option label. */
  ideaTitle: { min: 2, max: POLL_LIMITS.optionLabel.max },
  ideaDescription: { max: 1000 },
  /** Ideas one poll may be made of. */
  pollOptions: { min: POLL_LIMITS.options.min, max: POLL_LIMITS.options.max },
  questions: { min: 1, max: 30 },
  questionText: { min: 2, max: 300 },
  options: { min: 2, max: 6 },
  optionLabel: { min: 1, max: 80 },
  points: { min: 1, max: 100 },
  seconds: { min: 5, max: 3600 },
  prizes: 10,
  prizeName: { min: 1, max: 60 },
  place: { min: 2, max: 100 },
  capacity: { min: 1, max: 1000 },
  reason: { max: 500 },
  leaderboard: { default: 10, max: 100 },
  page: 100,
  /** A check-in code: six digits. */
  codeLength: 6,
} as const;

const title = line(ACTIVITY_LIMITS.title.min, ACTIVITY_LIMITS.title.max);
const description = text(ACTIVITY_LIMITS.description.max);
const when = z.iso.datetime({ offset: true });

const question = z.strictObject({
  text: line(ACTIVITY_LIMITS.questionText.min, ACTIVITY_LIMITS.questionText.max),
  kind: z.enum(questionKinds),
  options: z.array(line(ACTIVITY_LIMITS.optionLabel.min, ACTIVITY_LIMITS.optionLabel.max)).min(ACTIVITY_LIMITS.options.min).max(ACTIVITY_LIMITS.options.max),
  /** Indexes of the correct options (single: exactly one). */
  correct: z.array(z.int().min(0).max(ACTIVITY_LIMITS.options.max - 1)).min(1).max(ACTIVITY_LIMITS.options.max),
  points: z.int().min(ACTIVITY_LIMITS.points.min).max(ACTIVITY_LIMITS.points.max),
  /** Question timing: this question's limit (default: the quiz's seconds). Ignored with quiz timing. */
  seconds: z.int().min(ACTIVITY_LIMITS.seconds.min).max(ACTIVITY_LIMITS.seconds.max).nullable().default(null),
});

const prize = z.strictObject({
  fromRank: z.int().min(1).max(1000),
  toRank: z.int().min(1).max(1000),
  name: line(ACTIVITY_LIMITS.prizeName.min, ACTIVITY_LIMITS.prizeName.max),
});

export const activity = {
  list: z.strictObject({
    communityId: id,
    kind: z.union([z.literal('all'), z.enum(activityKinds)]).default('all'),
    phase: z.union([z.literal('all'), z.enum(activityPhases)]).default('all'),
    /** The next page: activities after this one in the list's order (newest first; ties by id). */
    before: z.strictObject({ createdAt: z.iso.datetime(), id }).optional(),
    limit: z.int().min(1).max(200).default(ACTIVITY_LIMITS.page),
  }),
  get: z.strictObject({ activityId: id }),
  /** Staff open a call for activity ideas, taking ideas until closesAt. */
  createCall: z.strictObject({
    communityId: id,
    title,
    description: description.default(''),
    closesAt: when,
    /** Makes a retried create return the activity already stored. */
    clientId: clientId.optional(),
  }),
  /** Staff write a quiz: its questions with their correct answers, its window, timing and prizes. */
  createQuiz: z.strictObject({
    communityId: id,
    title,
    description: description.default(''),
    /** Default: now. */
    opensAt: when.optional(),
    closesAt: when,
    timing: z.enum(quizTimings),
    seconds: z.int().min(ACTIVITY_LIMITS.seconds.min).max(ACTIVITY_LIMITS.seconds.max),
    questions: z.array(question).min(ACTIVITY_LIMITS.questions.min).max(ACTIVITY_LIMITS.questions.max),
    prizes: z.array(prize).max(ACTIVITY_LIMITS.prizes).default([]),
    clientId: clientId.optional(),
  }),
  /** Staff announce an offline event. */
  createEvent: z.strictObject({
    communityId: id,
    title,
    description: description.default(''),
    place: line(ACTIVITY_LIMITS.place.min, ACTIVITY_LIMITS.place.max),
    startsAt: when,
    endsAt: when,
    capacity: z.int().min(ACTIVITY_LIMITS.capacity.min).max(ACTIVITY_LIMITS.capacity.max),
    clientId: clientId.optional(),
  }),
  /**
   * Staff change an event (everyone signed up is told). Capacity may only grow (the
   * waiting list moves up); `version` must be the current one (CONFLICT otherwise).
   */
  updateEvent: z.strictObject({
    activityId: id,
    version: z.int().min(0),
    title: title.optional(),
    description: description.optional(),
    place: line(ACTIVITY_LIMITS.place.min, ACTIVITY_LIMITS.place.max).optional(),
    startsAt: when.optional(),
    endsAt: when.optional(),
    capacity: z.int().min(ACTIVITY_LIMITS.capacity.min).max(ACTIVITY_LIMITS.capacity.max).optional(),
  }),
  /** Staff cancel an activity (an event's sign-ups are told). */
  cancel: z.strictObject({ activityId: id, reason: requiredText(ACTIVITY_LIMITS.reason.max) }),

  // Calls for ideas
  propose: z.strictObject({
    activityId: id,
    title: line(ACTIVITY_LIMITS.ideaTitle.min, ACTIVITY_LIMITS.ideaTitle.max),
    description: text(ACTIVITY_LIMITS.ideaDescription.max).default(''),
    clientId: clientId.optional(),
  }),
  /** One support per person and idea; support: false withdraws it. */
  support: z.strictObject({ ideaId: id, support: z.boolean().default(true) }),
  /** Staff shortlist an idea (its author is told) or take it off the list. */
  shortlist: z.strictObject({ ideaId: id, shortlisted: z.boolean() }),
  /** Staff turn shortlisted ideas into a single-choice poll (one option per idea); the call closes. */
  toPoll: z.strictObject({
    activityId: id,
    ideaIds: z.array(id).min(ACTIVITY_LIMITS.pollOptions.min).max(ACTIVITY_LIMITS.pollOptions.max),
    /** Default: the call's title. */
    title: line(POLL_LIMITS.title.min, POLL_LIMITS.title.max).optional(),
    opensAt: when.optional(),
    closesAt: when,
  }),

  // Quizzes
  /** Starts the caller's one attempt (or answers where it stands). */
  quizStart: z.strictObject({ activityId: id }),
  /** Answers the current question (index: the one handed out); an empty choice gives up on it. */
  quizAnswer: z.strictObject({
    activityId: id,
    index: z.int().min(0).max(ACTIVITY_LIMITS.questions.max - 1),
    choice: z.array(z.int().min(0).max(ACTIVITY_LIMITS.options.max - 1)).max(ACTIVITY_LIMITS.options.max),
  }),
  leaderboard: z.strictObject({
    activityId: id,
    limit: z.int().min(1).max(ACTIVITY_LIMITS.leaderboard.max).default(ACTIVITY_LIMITS.leaderboard.default),
  }),
  /** Staff close the quiz (if still open) and tell every finisher their rank and score, once. */
  publishResults: z.strictObject({ activityId: id }),
  /** Staff record that an attempt's prize (from its rank band) was handed out; audited; once. */
  givePrize: z.strictObject({ attemptId: id }),

  // Offline events
  signUp: z.strictObject({ activityId: id }),
  /** The caller withdraws; a freed seat goes to the first on the waiting list. */
  withdraw: z.strictObject({ activityId: id }),
  /** Staff at the door enter the code shown on the resident's phone. */
  checkIn: z.strictObject({ activityId: id, code: z.string().trim().regex(/^\d{6}$/, 'must be the 6-digit code') }),
  attendance: z.strictObject({ activityId: id }),
};

export interface ActivityResults {
  'activity:list': { items: Activity[] };
  'activity:get': ActivityView;
  'activity:createCall': Activity;
  'activity:createQuiz': Activity;
  'activity:createEvent': Activity;
  'activity:updateEvent': Activity;
  'activity:cancel': Activity;
  'activity:propose': ActivityIdea;
  'activity:support': ActivityIdea;
  'activity:shortlist': ActivityIdea;
  'activity:toPoll': { activity: Activity; poll: Poll };
  'activity:quizStart': QuizTurn;
  'activity:quizAnswer': QuizTurn;
  'activity:leaderboard': Leaderboard;
  'activity:publishResults': Activity;
  'activity:givePrize': LeaderboardRow;
  'activity:signUp': MySignup;
  'activity:withdraw': MySignup;
  'activity:checkIn': AttendanceRow;
  'activity:attendance': { rows: AttendanceRow[] };
}

export interface ActivityNotifications {
  /** Created, changed, cancelled, counts moved: to the community. */
  'activity:saved': (p: Activity) => void;
  /** An idea proposed, supported or shortlisted: to the community. */
  'activity:ideaSaved': (p: Omit<ActivityIdea, 'mine' | 'supported'>) => void;
}

export const activityRules = {
  'activity.view': (a) => isMember(a),
  /** Create, edit, cancel; shortlist and make the poll; publish results and record prizes; check people in. */
  'activity.manage': (a) => isStaff(a.role),
  /** Proposing an idea (text others read): members who are not muted. */
  'activity.propose': (a) => isMember(a) && !a.muted,
  /** Supporting, taking a quiz, signing up. */
  'activity.join': (a) => isMember(a),
} satisfies {
  'activity.view': Rule;
  'activity.manage': Rule;
  'activity.propose': Rule;
  'activity.join': Rule;
};

export const activityContract = defineContract<ActivityResults, ActivityNotifications>()({
  commands: {
    'activity:list': activity.list,
    'activity:get': activity.get,
    'activity:createCall': activity.createCall,
    'activity:createQuiz': activity.createQuiz,
    'activity:createEvent': activity.createEvent,
    'activity:updateEvent': activity.updateEvent,
    'activity:cancel': activity.cancel,
    'activity:propose': activity.propose,
    'activity:support': activity.support,
    'activity:shortlist': activity.shortlist,
    'activity:toPoll': activity.toPoll,
    'activity:quizStart': activity.quizStart,
    'activity:quizAnswer': activity.quizAnswer,
    'activity:leaderboard': activity.leaderboard,
    'activity:publishResults': activity.publishResults,
    'activity:givePrize': activity.givePrize,
    'activity:signUp': activity.signUp,
    'activity:withdraw': activity.withdraw,
    'activity:checkIn': activity.checkIn,
    'activity:attendance': activity.attendance,
  },
  rules: activityRules,
});
