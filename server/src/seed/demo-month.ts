import type { EventPayload, Issue, IssueCategory, IssueRating } from '@linli/shared';
import type { LinliApp } from '../app.js';
import type { Caller } from '../context/caller.js';
import type { Logger } from '../lib/logger.js';
import { objectId } from '../lib/db.js';
import type { Models } from '../models.js';
import { DEMO_COMMUNITY, demoUsers, seedCommunity, type DemoCommunitySpec, type DemoUser } from './demo.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** China has one time zone and no daylight saving: months and days are counted in UTC+8. */
const CHINA_OFFSET = 8 * HOUR;

/** The second demo community, in the same street, so a street supervisor has two to compare. */
export const XINGLIN: DemoCommunitySpec = {
  community: {
    name: '杏林社区',
    street: DEMO_COMMUNITY.street,
    district: DEMO_COMMUNITY.district,
    inviteCode: 'XINGLIN6',
    description: '南山区桃源街道下辖老旧小区，约 1,800 户，老年居民较多。',
  },
  jurisdictionId: 'xinglin',
  users: [
    { phone: '+8613800000010', name: '周主任', role: 'admin' },
    { phone: '+8613800000011', name: '吴社工', role: 'moderator' },
    { phone: '+8613800000012', name: '郑书记', role: 'supervisor' },
    { phone: '+8613800000013', name: '孙大爷', role: 'resident', household: ['2栋', '1单元', '301', 'verified'] },
    { phone: '+8613800000014', name: '何老师', role: 'resident', household: ['6栋', '3单元', '502', 'verified'] },
    { phone: '+8613800000015', name: '杏林物业小冯', role: 'resident' },
    { phone: '+8613800000016', name: '钱阿姨', role: 'resident', household: ['1栋', '2单元', '101', 'verified'] },
    { phone: '+8613800000017', name: '冯先生', role: 'resident' },
  ],
  organisations: [
    { name: '杏林社区党委', kind: 'party_committee', description: '社区党组织。', staff: [[2, '书记']] },
    { name: '杏林社区居民委员会', kind: 'residents_committee', description: '居民自治组织，负责日常服务与议事组织。', staff: [[0, '主任'], [1, '社工']] },
    { name: '杏林物业服务中心', kind: 'property_management', description: '小区物业。', staff: [[5, '客服']] },
    { name: '杏林志愿服务队', kind: 'volunteer_team', description: '居民志愿者，组织助老、环保等活动。', staff: [[3, '队长']] },
  ],
};

/** How a report goes: answered and fixed in time, late, fixed twice (重办), left unrated, rejected, still open. */
type Plan = 'fast' | 'late' | 'redo' | 'unrated' | 'reject' | 'open';

interface ReportScript {
  day: number;
  /** Index into the community's people. */
  by: number;
  title: string;
  description: string;
  category: string;
  building: string;
  plan: Plan;
  rating?: IssueRating;
}

interface MonthScript {
  reports: ReportScript[];
  topic: { title: string; description: string; for: [number, string][]; against: [number, string][]; closeAfterDays: number };
  poll: { title: string; yes: number[]; no: number[] };
  decision: { title: string; viaTopic: boolean; items: { title: string; dueDay: number; doneDay: number | null }[] };
}

/** The first instant of the month `back` months before the one `now` is in (China time). */
export function chinaMonthStart(now: Date, back: number): Date {
  const local = new Date(now.getTime() + CHINA_OFFSET);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - back, 1) - CHINA_OFFSET);
}

/**
 * Two past months of activity in both demo communities, made through the real
 * services with the clock set back (a second, never-listening app whose clock the
 * seed moves; mongoose's timestamps follow it while this runs), so every stored
 * time is what it would have been: reports answered and fixed in time or late,
 * confirmed and rated, a deliberation with arguments, a poll, a decision with
 * action items done on time or not. The community deliberation index and the
 * ranking read these. Also seeds the second community (杏林社区). Runs before the
 * serving app is created; null when the history exists already.
 */
export async function seedDemoMonth(models: Models, log: Logger, makeApp: (clock: () => Date) => LinliApp): Promise<{ months: string[] } | null> {
  await seedCommunity(models, log, XINGLIN);
  const taoyuan = await models.Community.findOne({ inviteCode: DEMO_COMMUNITY.inviteCode }).lean();
  const xinglin = await models.Community.findOne({ inviteCode: XINGLIN.community.inviteCode }).lean();
  if (!taoyuan || !xinglin) return null;
  if (await models.Issue.findOne({ communityId: xinglin._id }).lean()) return null;

  const realNow = Date.now();
  /** Nothing in the history happens later than this. */
  const limit = realNow - HOUR;
  let time = realNow;
  const clock = () => new Date(time);
  const base = models.Issue.base as unknown as { now: () => Date };
  const wallNow = base.now;
  base.now = clock;
  const app = makeApp(clock);
  try {
    await app.warm();
    const months = [2, 1].map((back) => chinaMonthStart(new Date(realNow), back));
    const scripts: [string, DemoUser[], MonthScript[]][] = [
      [taoyuan._id.toString(), demoUsers, [taoyuanMonth(0), taoyuanMonth(1)]],
      [xinglin._id.toString(), XINGLIN.users, [xinglinMonth(0), xinglinMonth(1)]],
    ];
    for (const [communityId, people, monthScripts] of scripts) {
      const callers = await callersOf(models, people);
      for (const [i, script] of monthScripts.entries()) {
        await playMonth(models, app, communityId, callers, months[i]!, script, limit, (at) => {
          time = at.getTime();
        });
      }
    }
    return { months: months.map((month) => new Date(month.getTime() + CHINA_OFFSET).toISOString().slice(0, 7)) };
  } finally {
    await app.close();
    base.now = wallNow;
  }
}

/**
 * The message writer stamps the wall clock; the history wants the seed's time, in
 * the message and in its wire copy (what channels and the needs analysis read).
 * Through the driver: mongoose keeps createdAt immutable.
 */
async function backdateMessage(models: Models, messageId: string, channelId: string, seq: number, when: Date): Promise<void> {
  await models.Message.collection.updateOne({ _id: objectId(messageId) }, { $set: { createdAt: when, updatedAt: when } });
  const copy = await models.MessageCopy.collection.findOne({ channelId: objectId(channelId), seq });
  if (copy && typeof copy.j === 'string') {
    await models.MessageCopy.collection.updateOne({ _id: copy._id }, { $set: { j: JSON.stringify({ ...(JSON.parse(copy.j) as object), createdAt: when.toISOString() }) } });
  }
}

async function callersOf(models: Models, people: DemoUser[]): Promise<Caller[]> {
  const callers: Caller[] = [];
  for (const person of people) {
    const user = (await models.User.findOne({ phone: person.phone }).lean())!;
    callers.push({ userId: user._id.toString(), sessionId: 'seed', displayName: person.name, isPlatformAdmin: person.platformAdmin ?? false });
  }
  return callers;
}

type ActBody = EventPayload<'issue:act'> extends infer Payload ? (Payload extends unknown ? Omit<Payload, 'issueId' | 'version'> : never) : never;

/**
 * One month of one community: each step at its own time; a step that would fall
 * after `limit` (the real present, when the month is the current one's neighbour)
 * and everything after it in the same story are left undone.
 */
async function playMonth(models: Models, app: LinliApp, communityId: string, people: Caller[], month: Date, script: MonthScript, limit: number, setTime: (at: Date) => void): Promise<void> {
  const { issues, issueLifecycle: lifecycle, deliberations, messages, polls, decisions } = app.services;
  const [, worker, , , , propertyStaff] = people as [Caller, Caller, Caller, Caller, Caller, Caller];
  const at = (day: number, hours = 0) => new Date(month.getTime() + day * DAY + (9 + hours) * HOUR);
  /** Moves the clock to `when`; false when that is past the limit (the step is not taken). */
  const moveTo = (when: Date) => {
    if (when.getTime() > limit) return false;
    setTime(when);
    return true;
  };

  if (!(await models.IssueCategory.findOne({ communityId }).lean())) await issues.createDefaultCategories(communityId);
  const categories = await issues.categories(worker, { communityId, includeArchived: false });
  const categoryOf = (name: string) => categories.find((category: IssueCategory) => category.name === name) ?? categories[0]!;
  const organisationOf = async (kind: string) => (await models.Organisation.findOne({ communityId, kind }).lean())!._id.toString();
  const property = await organisationOf('property_management');
  const committee = await organisationOf('residents_committee');

  const filed: Issue[] = [];
  for (const [n, report] of script.reports.entries()) {
    const start = at(report.day, n % 3);
    if (!moveTo(start)) continue;
    const category = categoryOf(report.category);
    const reporter = people[report.by]!;
    let issue = await issues.file(reporter, {
      communityId,
      title: report.title,
      description: report.description,
      categoryId: category.id,
      location: { building: report.building, unit: '', text: '', lat: null, lng: null },
      photoIds: [],
      showName: true,
    });
    filed.push(issue);
    // The category's own organisation when it has one that is the committee's; the property company otherwise.
    const toCommittee = category.defaultOrganisationId === committee || category.defaultOrganisationId === null;
    const organisationId = toCommittee ? committee : property;
    const assignee = toCommittee ? worker : propertyStaff;
    const act = async (hoursAfter: number, by: Caller, action: ActBody): Promise<boolean> => {
      if (!moveTo(new Date(start.getTime() + hoursAfter * HOUR))) return false;
      issue = await lifecycle.act(by, { ...action, issueId: issue.id, version: issue.version } as EventPayload<'issue:act'>);
      return true;
    };
    const late = report.plan === 'late';
    if (report.plan === 'reject') {
      await act(2, worker, { action: 'reject', reason: '属于市政管理范围，已告知居民拨打 12345 反映。' });
      continue;
    }
    // Answered within the category's response time, or days after it.
    if (!(await act(late ? category.responseHours + 30 : 1, worker, { action: 'acknowledge' }))) continue;
    if (!(await act(late ? category.responseHours + 31 : 2, worker, { action: 'assign', organisationIds: [organisationId], leadOrganisationId: organisationId, reason: '' }))) continue;
    if (!(await act(late ? category.responseHours + 48 : 20, assignee, { action: 'start', reason: '' }))) continue;
    if (report.plan === 'open') continue;
    // Fixed within the resolution days, or well after them.
    const resolvedAfter = late ? category.responseHours + 31 + (category.resolutionDays + 3) * 24 : 40;
    if (!(await act(resolvedAfter, assignee, { action: 'resolve', reason: '已处理完毕，请您确认。', photoIds: [] }))) continue;
    if (report.plan === 'unrated') continue;
    if (report.plan === 'redo') {
      if (!(await act(resolvedAfter + 20, reporter, { action: 'confirm', rating: 'dissatisfied', comment: '没有彻底解决，过两天又出现了。' }))) continue;
      if (!(await act(resolvedAfter + 60, assignee, { action: 'resolve', reason: '重新处理，更换了损坏部件。', photoIds: [] }))) continue;
      await act(resolvedAfter + 80, reporter, { action: 'confirm', rating: report.rating ?? 'satisfied', comment: '这次好了，谢谢。' });
      continue;
    }
    await act(resolvedAfter + 20, reporter, { action: 'confirm', rating: report.rating ?? 'satisfied', comment: '' });
  }

  // Deliberation -> poll -> decision, with action items done on time or not.
  const { topic, poll, decision } = script;
  let deliberationId: string | null = null;
  let pollId: string | null = null;
  if (decision.viaTopic && moveTo(at(2))) {
    const opened = await deliberations.open(worker, {
      communityId,
      title: topic.title,
      description: topic.description,
      issueIds: filed[0] ? [filed[0].id] : [],
      clientId: `history-topic-${month.getTime()}`,
    });
    deliberationId = opened.id;
    const argue = [...topic.for.map(([by, body]) => [by, body, 'for'] as const), ...topic.against.map(([by, body]) => [by, body, 'against'] as const)];
    for (const [i, [by, body, stance]] of argue.entries()) {
      const when = at(3 + i, 2);
      if (!moveTo(when)) break;
      const message = await messages.send(people[by]!, { channelId: opened.channelId!, clientId: `history-argument-${month.getTime()}-${i}`, body, stance });
      await backdateMessage(models, message.id, opened.channelId!, message.seq, when);
    }
    if (moveTo(at(2 + topic.closeAfterDays))) {
      await deliberations.close(worker, {
        deliberationId,
        summaryFor: '赞成方认为问题影响日常生活，应尽快解决。',
        summaryAgainst: '反对方担心费用分摊和施工影响。',
        conclusion: '形成方案后提请投票表决。',
      });
      const closesAt = at(2 + topic.closeAfterDays + 3);
      const created = await polls.create(worker, {
        communityId,
        kind: 'yesno',
        title: poll.title,
        description: '议事结束后的表决，公开计票。',
        options: [],
        min: null,
        max: null,
        budget: null,
        threshold: 'majority',
        quorum: null,
        eligibility: 'members',
        visibility: 'live',
        ballot: 'public',
        allowChange: false,
        closesAt: closesAt.toISOString(),
        deliberationId,
        minDeliberationHours: 0,
        issueIds: [],
        clientId: `history-poll-${month.getTime()}`,
      });
      for (const [i, voter] of [...poll.yes.map((v) => [v, 'yes'] as const), ...poll.no.map((v) => [v, 'no'] as const)].entries()) {
        if (!moveTo(at(2 + topic.closeAfterDays, 1 + i))) break;
        await polls.cast(people[voter[0]]!, { pollId: created.id, choice: voter[1] });
      }
      if (moveTo(new Date(closesAt.getTime() + HOUR))) {
        await polls.sweep();
        pollId = created.id;
      }
    }
  }
  const recordDay = decision.viaTopic ? 2 + topic.closeAfterDays + 4 : 6;
  if (decision.viaTopic && !pollId) return;
  if (!moveTo(at(recordDay))) return;
  const recorded = await decisions.record(worker, {
    communityId,
    title: decision.title,
    rationale: decision.viaTopic ? '' : '居委会会议研究决定，未经议事。',
    ...(pollId ? { pollId } : {}),
    ...(deliberationId ? { deliberationId } : {}),
    issueIds: filed[1] ? [filed[1].id] : [],
    clientId: `history-decision-${month.getTime()}`,
  });
  const owners = [property, committee];
  const doers = [propertyStaff, worker];
  const items = [];
  for (const [i, item] of decision.items.entries()) {
    items.push(
      await decisions.saveItem(worker, {
        decisionId: recorded.id,
        title: item.title,
        owner: { type: 'organisation', organisationId: owners[i % 2]! },
        dueAt: at(item.dueDay, 8).toISOString(),
        milestones: [],
      }),
    );
  }
  for (const [i, item] of decision.items.entries()) {
    if (item.doneDay === null || !moveTo(at(item.doneDay, 3))) continue;
    await decisions.progress(doers[i % 2]!, { itemId: items[i]!.id, text: '已全部完成，欢迎居民监督。', percent: 100, photoIds: [] });
  }
}

/** 桃源社区: reports mostly answered and fixed in time; deliberation with both sides; items done on time. */
function taoyuanMonth(i: number): MonthScript {
  const reports: ReportScript[] = [
    { day: 1, by: 3, title: '3栋楼道灯不亮', description: '三楼到五楼的感应灯都不亮，晚上上下楼看不见。', category: '维修报修', building: '3栋', plan: 'fast', rating: 'very_satisfied' },
    { day: 3, by: 4, title: '5栋门口垃圾桶满溢', description: '周末垃圾没有及时清运，味道很大。', category: '环境卫生', building: '5栋', plan: 'fast' },
    { day: 5, by: 3, title: '小广场地砖松动', description: '靠近健身器材的几块地砖翘起来了，老人容易绊倒。', category: '安全隐患', building: '', plan: i === 0 ? 'late' : 'fast' },
    { day: 7, by: 4, title: '地下车库积水', description: '下雨后车库入口积水，车辆进出困难。', category: '维修报修', building: '', plan: 'redo' },
    { day: 9, by: 3, title: '3栋楼道灯又坏了', description: '上个月修过的感应灯又不亮了。', category: '维修报修', building: '3栋', plan: 'fast', rating: 'basically_satisfied' },
    { day: 12, by: 5, title: '电动车楼道充电', description: '2栋有住户把电动车推进楼道充电，存在火灾隐患。', category: '安全隐患', building: '2栋', plan: 'fast' },
    { day: 15, by: 4, title: '噪音扰民', description: '楼下商铺晚上十点后还在装修。', category: '邻里纠纷', building: '5栋', plan: i === 0 ? 'unrated' : 'fast' },
    { day: 18, by: 3, title: '绿化带杂草丛生', description: '北门绿化带很久没有修剪。', category: '环境卫生', building: '', plan: 'fast', rating: 'very_satisfied' },
  ];
  return {
    reports,
    topic: {
      title: i === 0 ? '北门车棚是否改造为充电车棚' : '小区是否增设快递柜',
      description: '请大家摆事实、讲道理，讨论后投票表决。',
      for: [
        [3, '楼道充电太危险，集中充电更安全，费用可以按次收取。'],
        [5, '物业可以负责日常维护，安装后管理更规范。'],
      ],
      against: [[4, '车棚改造会占用自行车位，骑自行车的老人怎么办？']],
      closeAfterDays: 8,
    },
    poll: { title: i === 0 ? '是否同意改造北门车棚为充电车棚' : '是否同意在南门增设快递柜', yes: [2, 3, 5], no: [4] },
    decision: {
      title: i === 0 ? '北门车棚改造为充电车棚' : '南门增设快递柜',
      viaTopic: true,
      items: [
        { title: '安装充电设备与消防设施', dueDay: 24, doneDay: 22 },
        { title: '公示收费标准', dueDay: 26, doneDay: 25 },
      ],
    },
  };
}

/** 杏林社区: weaker the first month (late answers, a decision without deliberation, an item late), better the next. */
function xinglinMonth(i: number): MonthScript {
  const reports: ReportScript[] = [
    { day: 2, by: 3, title: '2栋外墙瓷砖脱落', description: '2栋北面外墙有瓷砖掉下来，差点砸到人。', category: '安全隐患', building: '2栋', plan: i === 0 ? 'late' : 'fast' },
    { day: 4, by: 6, title: '1栋水管漏水', description: '一楼水管接口漏水，墙面发霉。', category: '维修报修', building: '1栋', plan: i === 0 ? 'late' : 'fast', rating: 'basically_satisfied' },
    { day: 6, by: 4, title: '6栋门禁坏了', description: '门禁刷卡没反应，外来人员随便进出。', category: '物业服务', building: '6栋', plan: 'redo' },
    { day: 10, by: 7, title: '小区道路坑洼', description: '主干道有几个大坑，下雨天积水。', category: '维修报修', building: '', plan: i === 0 ? 'open' : 'fast' },
    { day: 13, by: 3, title: '2栋外墙又掉瓷砖', description: '同一位置又掉了两块。', category: '安全隐患', building: '2栋', plan: i === 0 ? 'unrated' : 'fast', rating: 'very_satisfied' },
    { day: 16, by: 6, title: '流浪猫太多', description: '1栋附近流浪猫很多，晚上叫声很吵。', category: '其他', building: '1栋', plan: 'reject' },
  ];
  return {
    reports,
    topic: {
      title: i === 0 ? '老旧小区加装电梯' : '2栋外墙整体维修',
      description: '请大家充分讨论后再投票。',
      for: [
        [3, '楼上老人多，安全第一，早修早安心。'],
        [6, '维修资金账户里有余额，可以先用起来。'],
      ],
      against: i === 0 ? [] : [[4, '整体维修费用高，先局部修补看看效果。']],
      closeAfterDays: i === 0 ? 3 : 8,
    },
    poll: { title: i === 0 ? '是否同意申请加装电梯' : '是否同意2栋外墙整体维修', yes: [3, 6, 7], no: [4] },
    decision: {
      title: i === 0 ? '更换小区监控设备' : '2栋外墙整体维修',
      viaTopic: i === 1,
      items: [
        { title: i === 0 ? '采购并安装监控设备' : '搭设脚手架并维修外墙', dueDay: 20, doneDay: i === 0 ? 25 : 19 },
        { title: i === 0 ? '监控室值班安排公示' : '维修完成后验收公示', dueDay: 26, doneDay: i === 0 ? null : 24 },
      ],
    },
  };
}
