import type { LinliApp } from '../app.js';
import type { Models } from '../models.js';
import { DEMO_COMMUNITY, demoCallers } from './demo.js';

const DAY = 24 * 3_600_000;

/**
 * A decision in progress on the decisions board (决议公示): recorded by the community
 * worker from the lift problem report (and its deliberation topic, when seeded), with
 * two action items — the property company's, with a progress entry at 40 %, and the
 * residents' committee's, planned with milestones. Made through the same services
 * moderators and owners use. Call after seedDemoIssues (and seedDemoDeliberation).
 * Returns the decision's id, or null when the demo community is missing or already has this one.
 */
export async function seedDemoDecisions(models: Models, app: LinliApp, deliberationId: string | null): Promise<{ decisionId: string } | null> {
  const community = await models.Community.findOne({ inviteCode: DEMO_COMMUNITY.inviteCode }).lean();
  if (!community) return null;
  const communityId = community._id.toString();
  if (await models.Decision.findOne({ communityId, title: '3栋电梯先做安全评估并全面大修' }).lean()) return null;
  const { decisions } = app.services;

  const [, worker, , , , propertyStaff] = await demoCallers(models);
  const lift = await models.Issue.findOne({ communityId, title: '3栋电梯经常停运' }).lean();
  const property = await models.Organisation.findOne({ communityId, kind: 'property_management' }).lean();
  const committee = await models.Organisation.findOne({ communityId, kind: 'residents_committee' }).lean();
  if (!property || !committee) return null;

  const decision = await decisions.record(worker, {
    communityId,
    title: '3栋电梯先做安全评估并全面大修',
    rationale: '议事中多数意见认为安全最要紧，也有住户担心分摊费用。先由第三方做安全评估，物业组织全面大修；评估认为不宜继续使用时，再提请整体更换的投票。',
    issueIds: lift ? [lift._id.toString()] : [],
    ...(deliberationId ? { deliberationId } : {}),
    clientId: 'demo-decision-lift',
  });

  const now = Date.now();
  const repair = await decisions.saveItem(worker, {
    decisionId: decision.id,
    title: '电梯全面大修（更换曳引绳和控制柜）',
    owner: { type: 'organisation', organisationId: property._id.toString() },
    dueAt: new Date(now + 30 * DAY).toISOString(),
    milestones: [],
  });
  await decisions.progress(propertyStaff, {
    itemId: repair.id,
    text: '维保公司已完成检测，曳引绳已到货，本周六上午停梯更换，届时请高层住户提前安排出行。',
    percent: 40,
    photoIds: [],
  });

  await decisions.saveItem(worker, {
    decisionId: decision.id,
    title: '第三方安全评估',
    owner: { type: 'organisation', organisationId: committee._id.toString() },
    dueAt: new Date(now + 45 * DAY).toISOString(),
    milestones: [
      { title: '选定评估机构', dueAt: new Date(now + 10 * DAY).toISOString() },
      { title: '现场评估', dueAt: new Date(now + 25 * DAY).toISOString() },
      { title: '评估报告公示', dueAt: new Date(now + 40 * DAY).toISOString() },
    ],
  });
  return { decisionId: decision.id };
}
