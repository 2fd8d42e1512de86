import type { EventPayload, Issue, IssueCategory } from '@linli/shared';
import type { LinliApp } from '../app.js';
import type { Caller } from '../context/caller.js';
import type { Models } from '../models.js';
import { DEMO_COMMUNITY, demoCallers } from './demo.js';

/** An issue:act payload without the issue and version it applies to. */
type ActBody = EventPayload<'issue:act'> extends infer Payload ? (Payload extends unknown ? Omit<Payload, 'issueId' | 'version'> : never) : never;

/**
 * A few problem reports in different states, made through the same services
 * residents and staff use (so their timelines are real), for a newcomer to
 * see the boards filled.
 */
export async function seedDemoIssues(models: Models, app: LinliApp): Promise<void> {
  const community = await models.Community.findOne({ inviteCode: DEMO_COMMUNITY.inviteCode }).lean();
  if (!community) return;
  const communityId = community._id.toString();
  // The month of history (demo-month.ts) may have made the categories and other reports already.
  if (await models.Issue.findOne({ communityId, title: '小区南门路灯不亮' }).lean()) return;
  const { issues, issueLifecycle: lifecycle } = app.services;
  if (!(await models.IssueCategory.findOne({ communityId }).lean())) await issues.createDefaultCategories(communityId);

  const [, worker, , chen, liu, propertyStaff] = await demoCallers(models);
  const categories = await issues.categories(chen, { communityId, includeArchived: false });
  const categoryId = (name: string) => (categories.find((category: IssueCategory) => category.name === name) ?? categories[0]!).id;
  const property = (await models.Organisation.findOne({ communityId, kind: 'property_management' }).lean())!._id.toString();
  const committee = (await models.Organisation.findOne({ communityId, kind: 'residents_committee' }).lean())!._id.toString();

  const file = (by: Caller, title: string, description: string, category: string, building = '') =>
    issues.file(by, { communityId, title, description, categoryId: categoryId(category), location: { building, unit: '', text: '', lat: null, lng: null }, photoIds: [], showName: true });
  const act = (by: Caller, issue: Issue, action: ActBody) => lifecycle.act(by, { ...action, issueId: issue.id, version: issue.version } as EventPayload<'issue:act'>);
  const assign = (issue: Issue, organisationId: string) => act(worker, issue, { action: 'assign', organisationIds: [organisationId], leadOrganisationId: organisationId, reason: '' });

  // Fresh, with a neighbour's support: top of the triage queue.
  const lamp = await file(liu, '小区南门路灯不亮', '南门进来第三盏路灯坏了一周，晚上老人孩子出门不安全。', '安全隐患');
  await issues.support(chen, { issueId: lamp.id, on: true });

  // Being worked on by the property company.
  let lift = await file(chen, '3栋电梯经常停运', '这个月已经停了三次，每次要等半天，楼上老人下不了楼。', '维修报修', '3栋');
  lift = await act(worker, lift, { action: 'acknowledge' });
  lift = await assign(lift, property);
  lift = await act(propertyStaff, lift, { action: 'start', reason: '' });
  await issues.comment(propertyStaff, { issueId: lift.id, body: '已联系电梯维保公司，明天上午全面检修。', internal: false });
  await issues.comment(propertyStaff, { issueId: lift.id, body: '维保合同下月到期，续签前请居委会一起评估。', internal: true });

  // Resolved, waiting for the reporter to confirm and rate.
  let smell = await file(chen, '垃圾分类点异味严重', '5栋旁边的分类点夏天味道很大，没有按时清运。', '环境卫生', '5栋');
  smell = await assign(smell, property);
  await act(propertyStaff, smell, { action: 'resolve', reason: '已改为每天两次清运，并加装除味设备。', photoIds: [] });

  // Overdue: its resolution deadline passed two hours ago, so the supervisor's board has it (escalated to level 1).
  let fitness = await file(chen, '健身器材螺丝松动', '小广场的漫步机踏板松了，老人锻炼时晃得厉害。', '维修报修');
  fitness = await assign(fitness, property);
  const late = new Date(Date.now() - 2 * 3_600_000);
  await models.Issue.updateOne({ _id: fitness.id }, { $set: { resolveBy: late } });
  await models.IssueEvent.updateMany({ issueId: fitness.id, action: 'assign' }, { $set: { resolveBy: late } });
  await app.services.issueSweeper.sweep();

  // Closed: confirmed and rated by the resident.
  let bikes = await file(liu, '楼下共享单车乱停放', '单车堵住了消防通道。', '停车交通');
  bikes = await assign(bikes, committee);
  bikes = await act(worker, bikes, { action: 'resolve', reason: '已联系运营企业清理并划定停放区。', photoIds: [] });
  await act(liu, bikes, { action: 'confirm', rating: 'satisfied', comment: '现在通道畅通了' });
}
