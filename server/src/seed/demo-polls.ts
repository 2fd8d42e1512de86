import { randomBytes } from 'node:crypto';
import type { LinliApp } from '../app.js';
import type { Models } from '../models.js';
import { DEMO_COMMUNITY, demoCallers } from './demo.js';

const DAY = 24 * 3_600_000;

/**
 * Two open polls in the demo community, through the same services members use:
 * a ranked-choice poll following the open lift deliberation (public, live tally)
 * and a sealed secret yes/no poll, each with ballots from demo users. Call after
 * seedDemoDeliberation. Returns the polls' ids, or null when the community is
 * missing or already has these polls.
 */
export async function seedDemoPolls(models: Models, app: LinliApp, deliberationId: string | null): Promise<{ rankedPollId: string; yesNoPollId: string } | null> {
  const community = await models.Community.findOne({ inviteCode: DEMO_COMMUNITY.inviteCode }).lean();
  if (!community) return null;
  const communityId = community._id.toString();
  if (await models.Poll.findOne({ communityId, title: '3栋电梯怎么办：请排出您的优先顺序' }).lean()) return null;
  const { polls } = app.services;

  const [director, worker, secretary, chen, liu, propertyStaff] = await demoCallers(models);
  const lift = await models.Issue.findOne({ communityId, title: '3栋电梯经常停运' }).lean();
  const now = Date.now();

  const ranked = await polls.create(worker, {
    communityId,
    kind: 'ranked',
    title: '3栋电梯怎么办：请排出您的优先顺序',
    description: '议事中提出了三种做法。请按您的偏好排序（可以只排前几项），按即时决选（IRV）计票，每一轮的结果都会公示。',
    options: [{ label: '整体更换新电梯' }, { label: '先做第三方评估再决定' }, { label: '大修继续使用' }],
    min: null,
    max: null,
    budget: null,
    threshold: null,
    quorum: 0.3,
    eligibility: 'members',
    visibility: 'live',
    ballot: 'public',
    allowChange: true,
    closesAt: new Date(now + 7 * DAY).toISOString(),
    deliberationId,
    minDeliberationHours: 0,
    issueIds: lift ? [lift._id.toString()] : [],
    clientId: 'demo-poll-lift-ranked',
  });
  const [replace, assess, repair] = ranked.options.map((o) => o.id) as [string, string, string];
  await polls.cast(chen, { pollId: ranked.id, choice: [replace, assess] });
  await polls.cast(liu, { pollId: ranked.id, choice: [repair, assess] });
  await polls.cast(secretary, { pollId: ranked.id, choice: [assess, replace] });
  await polls.cast(propertyStaff, { pollId: ranked.id, choice: [replace] });

  const yesNo = await polls.create(director, {
    communityId,
    kind: 'yesno',
    title: '是否同意北门夜间 23:00 后关闭',
    description: '为减少夜间噪音和外来车辆，拟在 23:00—6:00 关闭北门，只开南门。无记名投票，结果在投票结束时公布。',
    options: [],
    min: null,
    max: null,
    budget: null,
    threshold: 'majority',
    quorum: null,
    eligibility: 'members',
    visibility: 'sealed',
    ballot: 'secret',
    allowChange: true,
    closesAt: new Date(now + 5 * DAY).toISOString(),
    deliberationId: null,
    minDeliberationHours: 0,
    issueIds: [],
    clientId: 'demo-poll-north-gate',
  });
  // Secret ballots carry a ballot secret made on the voter's device; the seed makes them here (and forgets them).
  await polls.cast(secretary, { pollId: yesNo.id, choice: 'yes', ballotSecret: randomBytes(16).toString('base64url') });
  await polls.cast(propertyStaff, { pollId: yesNo.id, choice: 'no', ballotSecret: randomBytes(16).toString('base64url') });

  return { rankedPollId: ranked.id, yesNoPollId: yesNo.id };
}
