import type { LinliApp } from '../app.js';
import type { Models } from '../models.js';
import { DEMO_COMMUNITY, demoCallers } from './demo.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Online activities in the demo community, made through the same services staff and
 * residents use: a call for activity ideas with three ideas, supports and one
 * shortlisted; a five-question quiz on community rules (垃圾分类 and more) with two
 * finished attempts; an upcoming offline event with two places, both taken, and a
 * waiting list. 陈阿姨 is left free to take the quiz and join the list.
 * Returns the activity ids, or null when the community is missing or already has activities.
 */
export async function seedDemoActivities(models: Models, app: LinliApp): Promise<{ callId: string; quizId: string; eventId: string } | null> {
  const community = await models.Community.findOne({ inviteCode: DEMO_COMMUNITY.inviteCode }).lean();
  if (!community) return null;
  const communityId = community._id.toString();
  if (await models.Activity.findOne({ communityId }).lean()) return null;
  const { activities } = app.services;
  const [director, worker, secretary, chen, liu, propertyStaff] = await demoCallers(models);
  const now = Date.now();
  const at = (ms: number) => new Date(ms).toISOString();

  // A call for ideas.
  const call = await activities.createCall(worker, {
    communityId,
    title: '下个月办什么活动？点子征集',
    description: '社区活动经费已落实，欢迎大家提点子。入围的点子将进入投票，由大家选出下个月的活动。',
    closesAt: at(now + 7 * DAY),
    clientId: 'demo-activity-call',
  });
  const dumplings = await activities.propose(chen, { activityId: call.id, title: '重阳节一起包饺子', description: '请社区老人和孩子一起包饺子，年轻人帮忙送给行动不便的老人。', clientId: 'demo-idea-dumplings' });
  const market = await activities.propose(liu, { activityId: call.id, title: '周末跳蚤市场', description: '在中心广场摆摊，交换闲置物品。', clientId: 'demo-idea-market' });
  await activities.propose(propertyStaff, { activityId: call.id, title: '垃圾分类积分兑换', description: '分类投放攒积分，月底换洗衣液、抽纸。', clientId: 'demo-idea-points' });
  for (const supporter of [secretary, liu, propertyStaff]) await activities.support(supporter, { ideaId: dumplings.id, support: true });
  await activities.support(chen, { ideaId: market.id, support: true });
  await activities.shortlist(worker, { ideaId: dumplings.id, shortlisted: true });

  // A quiz on community rules.
  const quiz = await activities.createQuiz(worker, {
    communityId,
    title: '垃圾分类与社区公约知识问答',
    description: '每题限时 30 秒，答对得分。前三名可到居委会领取小奖品。',
    closesAt: at(now + 14 * DAY),
    timing: 'question',
    seconds: 30,
    questions: [
      { text: '用完的废电池应投放到哪一类垃圾桶？', kind: 'single', options: ['可回收物', '有害垃圾', '厨余垃圾', '其他垃圾'], correct: [1], points: 10, seconds: null },
      { text: '以下哪些属于可回收物？', kind: 'multiple', options: ['旧报纸', '塑料饮料瓶', '用过的纸巾', '易拉罐'], correct: [0, 1, 3], points: 20, seconds: 45 },
      { text: '吃剩的西瓜皮属于？', kind: 'single', options: ['厨余垃圾', '其他垃圾', '可回收物'], correct: [0], points: 10, seconds: null },
      { text: '楼道里可以停放电动自行车充电吗？', kind: 'single', options: ['可以，晚上没人', '不可以，有火灾隐患'], correct: [1], points: 10, seconds: null },
      { text: '装修噪音施工时间，以下说法正确的是？', kind: 'multiple', options: ['工作日 8:00-12:00 可以施工', '中午 12:00-14:00 应当停工', '周日全天可以施工'], correct: [0, 1], points: 20, seconds: 45 },
    ],
    prizes: [
      { fromRank: 1, toRank: 1, name: '环保购物袋一套' },
      { fromRank: 2, toRank: 3, name: '分类垃圾桶一个' },
    ],
    clientId: 'demo-activity-quiz',
  });
  const attempts: [typeof liu, number[][]][] = [
    [liu, [[1], [0, 1, 3], [0], [1], [0, 1]]],
    [propertyStaff, [[1], [0, 1], [0], [1], [0, 1]]],
  ];
  for (const [who, answers] of attempts) {
    await activities.quizStart(who, { activityId: quiz.id });
    for (const [index, choice] of answers.entries()) await activities.quizAnswer(who, { activityId: quiz.id, index, choice });
  }

  // An upcoming offline event with a small capacity: both places taken, two on the waiting list.
  const startsAt = new Date(now + 5 * DAY);
  startsAt.setUTCHours(1, 0, 0, 0); // 09:00 in China
  const event = await activities.createEvent(worker, {
    communityId,
    title: '重阳节敬老包饺子',
    description: '社区活动室一起包饺子，包好的饺子由志愿者送到独居老人家里。面粉和馅料由居委会准备。',
    place: '社区服务中心二楼活动室',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
    capacity: 2,
    clientId: 'demo-activity-event',
  });
  for (const who of [liu, propertyStaff, secretary, director]) await activities.signUp(who, { activityId: event.id });
  return { callId: call.id, quizId: quiz.id, eventId: event.id };
}
