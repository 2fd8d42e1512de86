import { capability } from '../capability.js';
import type { ActivityService } from './activity.service.js';

export const activityCapability = (activities: ActivityService) =>
  capability('activity', {
    'activity:list': (caller, input) => activities.list(caller, input),
    'activity:get': (caller, input) => activities.get(caller, input),
    'activity:createCall': (caller, input) => activities.createCall(caller, input),
    'activity:createQuiz': (caller, input) => activities.createQuiz(caller, input),
    'activity:createEvent': (caller, input) => activities.createEvent(caller, input),
    'activity:updateEvent': (caller, input) => activities.updateEvent(caller, input),
    'activity:cancel': (caller, input) => activities.cancel(caller, input),
    'activity:propose': (caller, input) => activities.propose(caller, input),
    'activity:support': (caller, input) => activities.support(caller, input),
    'activity:shortlist': (caller, input) => activities.shortlist(caller, input),
    'activity:toPoll': (caller, input) => activities.toPoll(caller, input),
    'activity:quizStart': (caller, input) => activities.quizStart(caller, input),
    'activity:quizAnswer': (caller, input) => activities.quizAnswer(caller, input),
    'activity:leaderboard': (caller, input) => activities.leaderboard(caller, input),
    'activity:publishResults': (caller, input) => activities.publishResults(caller, input),
    'activity:givePrize': (caller, input) => activities.givePrize(caller, input),
    'activity:signUp': (caller, input) => activities.signUp(caller, input),
    'activity:withdraw': (caller, input) => activities.withdraw(caller, input),
    'activity:checkIn': (caller, input) => activities.checkIn(caller, input),
    'activity:attendance': (caller, input) => activities.attendance(caller, input),
  });
