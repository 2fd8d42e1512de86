import type { ArgumentStance, Message } from '@linli/shared';
import type { LinliApp } from '../app.js';
import type { Caller } from '../context/caller.js';
import type { Models } from '../models.js';
import { DEMO_COMMUNITY, demoCallers } from './demo.js';

/**
 * An open deliberation topic started from a demo problem report (the lift), with
 * arguments on both sides, endorsements and a reply, and a resident's proposal
 * gathering supporters: made through the same services members use. Call after
 * seedDemoIssues. Returns the open topic's id (the poll seed links a poll to it),
 * or null when the demo community is missing or already has this topic.
 */
export async function seedDemoDeliberation(models: Models, app: LinliApp): Promise<{ openDeliberationId: string } | null> {
  const community = await models.Community.findOne({ inviteCode: DEMO_COMMUNITY.inviteCode }).lean();
  if (!community) return null;
  const communityId = community._id.toString();
  if (await models.Deliberation.findOne({ communityId, title: '3栋电梯是否整体更换' }).lean()) return null;
  const { deliberations, messages, reactions } = app.services;

  const [director, worker, secretary, chen, liu, propertyStaff] = await demoCallers(models);
  const lift = await models.Issue.findOne({ communityId, title: '3栋电梯经常停运' }).lean();

  const topic = await deliberations.open(worker, {
    communityId,
    title: '3栋电梯是否整体更换',
    description: '3栋电梯本月已停运三次。是继续维修，还是申请维修资金整体更换？请大家摆事实、讲道理，讨论一周后进入投票。',
    issueIds: lift ? [lift._id.toString()] : [],
    clientId: 'demo-deliberation-lift',
  });
  const channelId = topic.channelId!;
  let n = 0;
  const argue = (by: Caller, body: string, stance: ArgumentStance | undefined, parentId?: string): Promise<Message> =>
    messages.send(by, { channelId, clientId: `demo-argument-${++n}`, body, ...(stance ? { stance } : {}), ...(parentId ? { parentId } : {}) });

  const safety = await argue(chen, '楼上住着好几位八十多岁的老人，电梯一停就下不了楼，修了又坏，不如一次换新，安全最要紧。', 'for');
  const cost = await argue(liu, '整体更换要动用维修资金，每户分摊不少，而且工期两三个月，这段时间怎么办？先大修试试。', 'against');
  const parts = await argue(propertyStaff, '维保公司说这台电梯已经用了十八年，配件越来越难买，大修之后也难保证。', 'for');
  await argue(secretary, '建议先请第三方做一次安全评估，再决定修还是换，评估费用由居委会协调。', 'neutral');
  await argue(liu, '一楼二楼的住户基本不坐电梯，分摊比例要分层计算才公平。', 'against');

  for (const by of [secretary, propertyStaff, director]) await reactions.react(by, { messageId: safety.id, emoji: '👍' });
  await reactions.react(chen, { messageId: cost.id, emoji: '👍' });
  await reactions.react(chen, { messageId: parts.id, emoji: '👍' });
  await reactions.react(liu, { messageId: parts.id, emoji: '👍' });
  await argue(worker, '工期期间可以安排志愿者帮助高层老人上下楼，居委会来组织。', undefined, cost.id);

  // A resident's proposal with supporters, not yet at the threshold.
  const proposal = await deliberations.propose(liu, {
    communityId,
    title: '小区增设电动自行车充电桩',
    description: '楼道里充电太危险，建议在北门车棚加装集中充电桩，按次扫码付费。',
    issueIds: [],
    clientId: 'demo-proposal-charging',
  });
  await deliberations.support(chen, { deliberationId: proposal.id, on: true });
  await deliberations.support(propertyStaff, { deliberationId: proposal.id, on: true });

  return { openDeliberationId: topic.id };
}
