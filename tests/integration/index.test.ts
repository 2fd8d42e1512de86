/**
 * The community deliberation index over real sockets, two nodes and the embedded
 * database: fixtures of problem reports (with their timelines), deliberation topics
 * and arguments, a poll ballot, decisions and action items stored with known times in
 * October 2026 (Asia/Shanghai) give every component and the total exactly; the month
 * published by two nodes at once is one snapshot; later edits leave it as published
 * while the recompute shows the difference; a recompute with unchanged data gives the
 * published figures exactly; regions, grants and the ranking refuse whoever may not,
 * leaving stored state unchanged.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexComponentKey, IndexFigures, Street, District } from '@linli/shared';
import { monthRange } from '@linli/shared';
import { call, must, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { createTestCommunity } from '../support/community.js';
import { createLogger } from '../../server/src/lib/logger.js';
import { createIndexService } from '../../server/src/index/index.service.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONTH = '2026-10';
/** 2026-10-01 00:00 in Shanghai. */
const T0 = Date.parse('2026-09-30T16:00:00Z');

const valueOf = (figures: IndexFigures, key: IndexComponentKey) => figures.components.find((c) => c.key === key)!;
const strip = (figures: IndexFigures & { publishedAt?: string; publishedByName?: string | null }) => {
  const { publishedAt: _at, publishedByName: _by, ...rest } = figures;
  return rest;
};

describe('community deliberation index', () => {
  let c: Cluster;
  let now = Date.parse('2026-11-05T02:00:00Z');
  const clock = () => new Date(now);
  const users: Record<string, Session> = {};
  let admin: ClientSocket;
  let adminOnNode1: ClientSocket;
  let supervisor: ClientSocket;
  let resident: ClientSocket;
  let overseer: ClientSocket;
  let outsider: ClientSocket;
  let a: string;
  let b: string;
  let cc: string;
  let district: District;
  let street: Street;
  let issueCount = 0;

  const oid = () => new Types.ObjectId();
  const at = (days: number) => new Date(T0 + days * DAY);

  /** A problem report filed at `filed` (days into October) with its timeline (hours after filing). */
  async function report(communityId: string, reporterId: string, filed: number, timeline: { action: string; kind?: string; after: number; resolveByDays?: number }[]) {
    const createdAt = at(filed);
    const issue = await c.models.Issue.create({
      communityId,
      number: ++issueCount,
      title: `测试问题${issueCount}`,
      categoryId: oid(),
      categoryName: '维修报修',
      location: {},
      reporterId,
      reporterName: '居民',
      state: 'submitted',
      respondBy: new Date(createdAt.getTime() + DAY),
    });
    await c.models.Issue.collection.updateOne({ _id: issue._id }, { $set: { createdAt } });
    for (const line of timeline) {
      const when = new Date(createdAt.getTime() + line.after * HOUR);
      await c.models.IssueEvent.create({
        issueId: issue._id,
        communityId,
        kind: line.kind ?? 'transition',
        action: line.action,
        actorName: '社工',
        resolveBy: line.resolveByDays !== undefined ? new Date(when.getTime() + line.resolveByDays * DAY) : null,
        at: when,
      });
    }
    return issue._id.toString();
  }

  async function topic(communityId: string, number: number, openedDays: number, closedDays: number, args: { by: string; stance: 'for' | 'against' | 'neutral'; day: number; state?: 'visible' | 'deleted' }[]) {
    const channelId = oid();
    const doc = await c.models.Deliberation.create({
      communityId,
      number,
      title: `议题${number}`,
      state: 'closed',
      proposerId: oid(),
      proposerName: '居民',
      supportThreshold: 3,
      channelId,
      openedAt: at(openedDays),
      closedAt: at(closedDays),
    });
    for (const [i, arg] of args.entries()) {
      const message = await c.models.Message.create({ communityId, channelId, seq: i + 1, clientId: `arg-${number}-${i}`, authorId: arg.by, authorName: '居民', body: '观点', stance: arg.stance, state: arg.state ?? 'visible' });
      await c.models.Message.collection.updateOne({ _id: message._id }, { $set: { createdAt: at(arg.day) } });
    }
    return doc;
  }

  async function decision(communityId: string, number: number, day: number, linked: { _id: Types.ObjectId; number: number; title: string } | null) {
    const doc = await c.models.Decision.create({
      communityId,
      number,
      title: `决议${number}`,
      origin: 'direct',
      recordedById: oid(),
      recordedByName: '社工',
      deliberation: linked ? { deliberationId: linked._id, number: linked.number, title: linked.title } : null,
    });
    await c.models.Decision.collection.updateOne({ _id: doc._id }, { $set: { createdAt: at(day) } });
    return doc;
  }

  async function item(communityId: string, decisionId: Types.ObjectId, dueDay: number, progress: { percent: number; day: number }[]) {
    const doc = await c.models.ActionItem.create({ decisionId, communityId, title: '事项', owner: { type: 'organisation', id: oid(), name: '物业' }, dueAt: at(dueDay), state: 'planned' });
    await c.models.ActionItem.collection.updateOne({ _id: doc._id }, { $set: { createdAt: at(Math.min(dueDay, 1)) } });
    for (const entry of progress) {
      await c.models.ProgressEntry.create({ itemId: doc._id, decisionId, communityId, authorId: oid(), authorName: '物业', text: '进度', percent: entry.percent, at: at(entry.day) });
    }
  }

  const id = (key: string) => users[key]!.user.id;

  beforeAll(async () => {
    c = await startCluster({ nodes: 2, clock });
    const community = await createTestCommunity(c, '指数测试社区', users);
    ({ admin, communityId: a } = community);
    supervisor = await community.join('supervisor', '13900910001', '孙书记', 1);
    resident = await community.join('r1', '13900910002', '王阿姨', 0);
    await community.join('r2', '13900910003', '赵大爷', 1);
    await community.join('r3', '13900910004', '刘大姐', 0);
    await community.join('r4', '13900910005', '钱阿婆', 1);
    await community.setRole('supervisor', 'supervisor');
    users.overseer = await c.login('13900910009', '王书记');
    overseer = await c.connect(users.overseer, 1);
    users.outsider = await c.login('13900910010', '外人');
    outsider = await c.connect(users.outsider, 0);
    adminOnNode1 = await c.connect(users.admin!, 1);

    // A second community in the same street with its own members, and a third with too little activity.
    const second = await must(admin, 'community:create', { name: '指数对照社区', street: '测试街道', district: '测试区' });
    b = second.community.id;
    for (const [i, key] of ['b1', 'b2', 'b3'].entries()) {
      users[key] = await c.login(`1390091002${i}`, `对照居民${i}`);
      const socket = await c.connect(users[key]!, 0);
      await must(socket, 'community:joinByCode', { inviteCode: second.inviteCode! });
    }
    cc = (await must(admin, 'community:create', { name: '指数冷清社区', street: '测试街道', district: '测试区' })).community.id;
    // A community of another street: never in this street's ranking.
    await must(admin, 'community:create', { name: '别的街道社区', street: '别的街道', district: '测试区' });

    // --- Community A, October 2026 ---
    // Response: I1 (2 h) and I3 (1 h) answered by the deadline (24 h), I2 after 48 h, I4 never: 2/4.
    // On time: I1 and I3 resolved by their deadline, I2 after it: 2/3. Confirmed by the reporter: I1, I3 of 3 resolved (I2 auto): 2/3.
    // Satisfaction: I1 satisfied, I3 basically satisfied: 1/2. September's report is left out.
    await report(a, id('r1'), 1, [
      { action: 'acknowledge', after: 2 },
      { action: 'assign', after: 3, resolveByDays: 3 },
      { action: 'resolve', after: 48 },
      { action: 'confirm', after: 60 },
      { kind: 'rate', action: 'satisfied', after: 60 },
    ]);
    await report(a, id('r2'), 2, [
      { action: 'acknowledge', after: 48 },
      { action: 'assign', after: 48, resolveByDays: 5 },
      { action: 'resolve', after: 9 * 24 },
      { action: 'autoConfirm', after: 12 * 24 },
    ]);
    await report(a, id('r1'), 3, [
      { action: 'assign', after: 1, resolveByDays: 4 },
      { action: 'resolve', after: 24 },
      { action: 'confirm', after: 48 },
      { kind: 'rate', action: 'basically_satisfied', after: 48 },
    ]);
    await report(a, id('r3'), 29, []);
    await report(a, id('r4'), -2, [{ action: 'acknowledge', after: 1 }]);

    // Deliberation before decision (7 days, both sides): D1 yes; D2 open 2 days; D3 no topic; D4 only 'for' (the 'against' was deleted): 1/4.
    const t1 = await topic(a, 1, 1, 10, [
      { by: id('r4'), stance: 'for', day: 2 },
      { by: id('r1'), stance: 'against', day: 3 },
    ]);
    const t2 = await topic(a, 2, 12, 14, [
      { by: id('r4'), stance: 'for', day: 12 },
      { by: id('r2'), stance: 'against', day: 13 },
    ]);
    const t3 = await topic(a, 3, 2, 12, [
      { by: id('r3'), stance: 'for', day: 4 },
      { by: id('supervisor'), stance: 'against', day: 5, state: 'deleted' },
      // September: not October's participation.
      { by: id('supervisor'), stance: 'neutral', day: -3 },
    ]);
    const d1 = await decision(a, 1, 15, t1);
    await decision(a, 2, 16, t2);
    await decision(a, 3, 20, null);
    await decision(a, 4, 21, t3);

    // Follow-through: items due in October done by their due date: day 20 (done 18), day 5 (done on the day) of 4 due: 2/4.
    await item(a, d1._id, 20, [{ percent: 100, day: 18 }]);
    await item(a, d1._id, 25, [{ percent: 100, day: 27 }]);
    await item(a, d1._id, 28, [{ percent: 50, day: 20 }]);
    await item(a, d1._id, 5, [{ percent: 100, day: 5 }]);
    await item(a, d1._id, 35, []);

    // A public ballot by the admin: voted. Participation: r1, r2, r3 filed, r4 argued, admin voted; not the supervisor: 5/6.
    const poll = await c.models.Poll.create({
      communityId: a,
      number: 1,
      title: '投票',
      kind: 'yesno',
      eligibility: 'members',
      visibility: 'live',
      ballot: 'public',
      allowChange: false,
      opensAt: at(12),
      closesAt: at(14),
      state: 'closed',
      createdById: id('admin'),
      createdByName: '平台管理员',
    });
    await c.models.PollBallot.create({ _id: oid(), pollId: poll._id, voterKey: `u:${id('admin')}`, voterId: id('admin'), voterName: '平台管理员', choice: 'yes', receipt: 'r', token: 't', castAt: at(13) });

    // --- Community B: five reports answered in time by one of four members: response 5/5, participation 1/4. ---
    for (let day = 1; day <= 5; day++) await report(b, id('b1'), day, [{ action: 'acknowledge', after: 1 }]);
    // --- Community C: one report: not enough data. ---
    await report(cc, id('admin'), 4, [{ action: 'acknowledge', after: 1 }]);
  });

  afterAll(async () => {
    await c?.stop();
  });

  it('the month is a calendar month in Shanghai time', () => {
    const { from, to } = monthRange(MONTH);
    expect(from.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(to.toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });

  it('platform admins group communities into districts and streets; everyone else is refused and nothing changes', async () => {
    const before = { districts: await c.models.District.countDocuments(), audit: await c.models.RegionAudit.countDocuments() };
    for (const socket of [resident, supervisor, outsider]) {
      const refused = await call(socket, 'region:saveDistrict', { name: '测试区' });
      expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    }
    expect(await c.models.District.countDocuments()).toBe(before.districts);
    expect(await c.models.RegionAudit.countDocuments()).toBe(before.audit);

    district = await must(admin, 'region:saveDistrict', { name: '测试区' });
    expect(district.deliberationDays).toBe(7);
    street = await must(admin, 'region:saveStreet', { districtId: district.id, name: '测试街道' });
    const other = await must(admin, 'region:saveStreet', { districtId: district.id, name: '别的街道' });
    const overview = await must(admin, 'region:overview', {});
    // Matched by name: the three communities of 测试街道.
    expect(overview.communities.filter((row) => row.streetId === street.id).map((row) => row.name).sort()).toEqual(['指数冷清社区', '指数对照社区', '指数测试社区']);
    expect(overview.communities.find((row) => row.name === '别的街道社区')!.streetId).toBe(other.id);

    // Explicit grouping overrides the name, and back.
    const moved = await must(admin, 'region:assign', { communityId: cc, streetId: other.id });
    expect(moved).toMatchObject({ streetId: other.id, assigned: true });
    const refused = await call(supervisor, 'region:assign', { communityId: cc, streetId: street.id });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    expect((await c.models.CommunityRegion.findOne({ _id: cc }).lean())!.streetId.toString()).toBe(other.id);
    expect(await must(admin, 'region:assign', { communityId: cc, streetId: null })).toMatchObject({ streetId: street.id, assigned: false });

    // The grant to 王书记; refused to others.
    const grantsBefore = await c.models.OversightGrant.countDocuments();
    const denied = await call(supervisor, 'region:grant', { phone: '13900910009', regionType: 'street', regionId: street.id });
    expect(denied.ok ? null : denied.error.code).toBe('FORBIDDEN');
    expect(await c.models.OversightGrant.countDocuments()).toBe(grantsBefore);
    const grant = await must(admin, 'region:grant', { phone: '13900910009', regionType: 'street', regionId: street.id });
    expect(grant).toMatchObject({ userId: id('overseer'), region: { type: 'street', id: street.id, name: '测试街道' } });
    expect(await must(overseer, 'region:mine', {})).toEqual({ regions: [{ type: 'street', id: street.id, name: '测试街道' }], manage: false });
    // Audited: each change above, in the regions log (and the grouping in the community's own log).
    const actions = (await c.models.RegionAudit.find({}).sort({ at: 1, _id: 1 }).lean()).map((row) => row.action);
    expect(actions).toEqual(['region.saveDistrict', 'region.saveStreet', 'region.saveStreet', 'region.assign', 'region.assign', 'region.grant']);
    expect(await c.models.Audit.countDocuments({ communityId: cc, action: 'region.assign' })).toBe(2);
  });

  it('each component and the total come out exactly from the fixtures', async () => {
    const result = await must(resident, 'index:community', { communityId: a, month: MONTH });
    const live = result.live;
    const parts = Object.fromEntries(live.components.map((part) => [part.key, [part.numerator, part.denominator, part.value]]));
    expect(parts).toEqual({
      response: [2, 4, 50],
      onTimeResolution: [2, 3, 66.7],
      residentConfirmed: [2, 3, 66.7],
      satisfaction: [1, 2, 50],
      participation: [5, 6, 83.3],
      deliberation: [1, 4, 25],
      followThrough: [2, 4, 50],
      survey: [0, 0, null],
    });
    // (50 + 66.7 + 66.7 + 50 + 83.3 + 25 + 50) / 7 = 55.957...
    expect(live.total).toBe(56);
    expect(live).toMatchObject({ enoughData: true, weakest: 'deliberation', members: 6, events: 4 + 4 + 4 + 5, deliberationDays: 7 });
    expect(result.published).toBeNull();
    expect(result.ended).toBe(true);
    // Rank in the street: B (62.5) first, A second, C not ranked.
    expect(result).toMatchObject({ rank: 2, ranked: 2, street: { type: 'street', id: street.id } });
  });

  it('district weights change the total (a weighted mean over the components with data)', async () => {
    await must(admin, 'region:saveDistrict', { districtId: district.id, name: '测试区', weights: { response: 1, onTimeResolution: 1, residentConfirmed: 1, satisfaction: 1, participation: 3, deliberation: 1, followThrough: 1, survey: 1 }, deliberationDays: 7 });
    const weighted = await must(resident, 'index:community', { communityId: a, month: MONTH });
    // (391.7 + 3 * 83.3 - 83.3) / 9 = 62.03...
    expect(weighted.live.total).toBe(62);
    // Shorter deliberation days count D2 (open 2 days) too.
    await must(admin, 'region:saveDistrict', { districtId: district.id, name: '测试区', deliberationDays: 2 });
    expect(valueOf((await must(resident, 'index:community', { communityId: a, month: MONTH })).live, 'deliberation')).toMatchObject({ numerator: 2, denominator: 4, value: 50 });
    await must(admin, 'region:saveDistrict', { districtId: district.id, name: '测试区', deliberationDays: 7, weights: { response: 1, onTimeResolution: 1, residentConfirmed: 1, satisfaction: 1, participation: 1, deliberation: 1, followThrough: 1, survey: 1 } });
    expect((await must(resident, 'index:community', { communityId: a, month: MONTH })).live.total).toBe(56);
  });

  it('supervisors of the street see the ranking; residents, outsiders and other regions are refused', async () => {
    const ranking = await must(overseer, 'index:ranking', { regionId: street.id, month: MONTH });
    expect(ranking.rows.map((row) => [row.figures.communityName, row.rank, row.figures.total, row.published])).toEqual([
      ['指数对照社区', 1, 62.5, false],
      ['指数测试社区', 2, 56, false],
      ['指数冷清社区', null, null, false],
    ]);
    expect(ranking.rows[0]!.figures).toMatchObject({ weakest: 'participation', enoughData: true });
    expect(ranking.rows[2]!.figures).toMatchObject({ enoughData: false, events: 2 });
    // The community's own supervisor sees its street's ranking, not the district's.
    expect((await must(supervisor, 'index:ranking', { regionId: street.id, month: MONTH })).rows).toHaveLength(3);
    for (const [socket, regionId] of [
      [resident, street.id],
      [outsider, street.id],
      [supervisor, district.id],
      [overseer, district.id],
    ] as const) {
      const refused = await call(socket, 'index:ranking', { regionId, month: MONTH });
      expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    }
    const outside = await call(outsider, 'index:community', { communityId: a, month: MONTH });
    expect(outside.ok ? null : outside.error.code).toBe('NOT_FOUND');

    const trend = await must(overseer, 'index:trend', { regionId: street.id, month: MONTH, months: 3 });
    expect(trend.months).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(trend.series.find((row) => row.communityId === a)!.totals).toEqual([null, null, 56]);

    // CSV export for the overseer; refused to a resident.
    const csv = await fetch(`${c.nodes[1]!.url}/api/index/${street.id}/${MONTH}.csv`, { headers: { cookie: users.overseer!.cookie } });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text.split('\r\n')[1]).toMatch(/^1,指数对照社区,测试街道,2026-10,62.5,/);
    expect(text).toContain('2,指数测试社区,测试街道,2026-10,56,,deliberation,17,6,50,2,4,66.7,2,3,66.7,2,3,50,1,2,83.3,5,6,25,1,4,50,2,4,,0,0');
    const denied = await fetch(`${c.nodes[0]!.url}/api/index/${street.id}/${MONTH}.csv`, { headers: { cookie: users.r1!.cookie } });
    expect(denied.status).toBe(403);
  });

  it('two nodes publishing the same month store one snapshot; a resident may not publish; a running month cannot be', async () => {
    const refused = await call(resident, 'index:publish', { communityId: a, month: MONTH });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    expect(await c.models.IndexSnapshot.countDocuments()).toBe(0);
    const running = await call(admin, 'index:publish', { communityId: a, month: '2026-11' });
    expect(running.ok ? null : running.error.code).toBe('VALIDATION_FAILED');

    const [one, two] = await Promise.all([
      must(admin, 'index:publish', { communityId: a, month: MONTH }),
      must(adminOnNode1, 'index:publish', { communityId: a, month: MONTH }),
    ]);
    expect(one).toEqual(two);
    expect(one.total).toBe(56);
    // Both nodes' sweepers publish the ended month of every community, once each.
    const swept = await Promise.all(c.nodes.map((node) => node.app.services.index.sweep()));
    expect(swept[0]! + swept[1]!).toBe(3);
    expect(await c.models.IndexSnapshot.countDocuments({ month: MONTH })).toBe(4);
    expect(await c.models.IndexSnapshot.countDocuments({ communityId: a })).toBe(1);
    expect(await c.models.Audit.countDocuments({ communityId: a, action: 'index.publish' })).toBe(1);
  });

  it('a recompute with unchanged data gives the published figures exactly', async () => {
    const result = await must(supervisor, 'index:community', { communityId: a, month: MONTH });
    expect(result.published).not.toBeNull();
    expect(strip(result.published!)).toEqual(result.live);
    expect(result.differences).toEqual([]);
    const ranking = await must(overseer, 'index:ranking', { regionId: street.id, month: MONTH });
    expect(ranking.rows.every((row) => row.published)).toBe(true);
  });

  it('later edits do not move the published month; the recompute shows the difference', async () => {
    const published = JSON.stringify(await c.models.IndexSnapshot.findOne({ communityId: a, month: MONTH }).lean());
    // A late rating of I2 dated inside October, and a new member.
    const i2 = await c.models.Issue.findOne({ communityId: a, reporterId: id('r2') }).lean();
    await c.models.IssueEvent.create({ issueId: i2!._id, communityId: a, kind: 'rate', action: 'very_satisfied', actorName: '赵大爷', at: at(14) });
    now += DAY;
    await Promise.all(c.nodes.map((node) => node.app.services.index.sweep()));
    expect(JSON.stringify(await c.models.IndexSnapshot.findOne({ communityId: a, month: MONTH }).lean())).toBe(published);
    const again = await must(admin, 'index:publish', { communityId: a, month: MONTH });
    expect(again.total).toBe(56);

    const result = await must(resident, 'index:community', { communityId: a, month: MONTH });
    expect(valueOf(result.published!, 'satisfaction').value).toBe(50);
    expect(valueOf(result.live, 'satisfaction')).toMatchObject({ numerator: 2, denominator: 3, value: 66.7 });
    // (391.7 + 16.7) / 7 = 58.34...
    expect(result.live.total).toBe(58.3);
    expect(result.differences).toEqual([
      { key: 'satisfaction', published: 50, live: 66.7 },
      { key: 'total', published: 56, live: 58.3 },
    ]);
    // The ranking keeps showing the published month.
    const ranking = await must(overseer, 'index:ranking', { regionId: street.id, month: MONTH });
    expect(ranking.rows.find((row) => row.figures.communityId === a)!.figures.total).toBe(56);
  });

  it('revoking the grant ends the overseer\'s access', async () => {
    const grantsBefore = await c.models.OversightGrant.countDocuments();
    const refused = await call(supervisor, 'region:revoke', { userId: id('overseer'), regionType: 'street', regionId: street.id });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    expect(await c.models.OversightGrant.countDocuments()).toBe(grantsBefore);
    expect(await must(admin, 'region:revoke', { userId: id('overseer'), regionType: 'street', regionId: street.id })).toEqual({ revoked: true });
    const after = await call(overseer, 'index:ranking', { regionId: street.id, month: MONTH });
    expect(after.ok ? null : after.error.code).toBe('FORBIDDEN');
    expect(await must(overseer, 'region:mine', {})).toEqual({ regions: [], manage: false });
  });

  it('participation also counts survey respondents and activity participants; a survey wave adds its overall score', async () => {
    const node = c.nodes[0]!.app.services;
    // The survey and activity services as the index reads them, answering fixed ids (their own tests cover how they find them).
    const index = createIndexService({
      models: c.models,
      memberships: null as never,
      actors: null as never,
      audit: null as never,
      log: createLogger('silent'),
      clock,
      regions: node.regions,
      participation: node.participation,
      surveys: {
        respondentIds: async (communityId, from, to) => (communityId === a && from.getTime() === monthRange(MONTH).from.getTime() && to.getTime() === monthRange(MONTH).to.getTime() ? [id('supervisor'), id('outsider')] : []),
        latestWave: async () => ({ surveyId: 's', title: '社区问卷', closedAt: at(20), respondents: 30, overall: 81 }),
      },
      activities: { participantIds: async () => [id('r4')] },
    });
    const figures = await index.compute(a, MONTH);
    // The supervisor now took part (the outsider is no member, r4 was counted already): 6/6.
    expect(valueOf(figures, 'participation')).toMatchObject({ numerator: 6, denominator: 6, value: 100 });
    expect(valueOf(figures, 'survey')).toMatchObject({ value: 81 });
    // (50 + 66.7 + 66.7 + 66.7 + 100 + 25 + 50 + 81) / 8 = 63.26...
    expect(figures.total).toBe(63.3);
  });

  it('a secret poll\'s voters count over its voting window (their rows carry no time)', async () => {
    const poll = await c.models.Poll.create({
      communityId: a,
      number: 2,
      title: '无记名投票',
      kind: 'yesno',
      eligibility: 'members',
      visibility: 'sealed',
      ballot: 'secret',
      allowChange: false,
      opensAt: at(33),
      closesAt: at(35),
      state: 'closed',
      createdById: id('admin'),
      createdByName: '平台管理员',
    });
    await c.models.PollVoter.create({ _id: oid(), pollId: poll._id, voterKey: `u:${id('overseer')}`, userId: id('overseer'), commit: 'c', state: 'cast' });
    const participation = c.nodes[1]!.app.services.participation;
    expect(await participation.activeIds(a, at(31), at(34))).toContain(id('overseer'));
    expect(await participation.activeIds(a, at(35), at(40))).not.toContain(id('overseer'));
    expect(await participation.activeIds(a, at(0), at(31))).not.toContain(id('overseer'));
    expect(await participation.tookPart(a, id('overseer'), at(34))).toBe(true);
    expect(await participation.tookPart(a, id('overseer'), at(32))).toBe(false);
    // Filing counts from its time on: r2 filed on day 2, r4 on day -2 (September).
    expect(await participation.tookPart(a, id('r2'), at(2))).toBe(false);
    expect(await participation.tookPart(a, id('r2'), at(3))).toBe(true);
    expect(await participation.tookPart(a, id('r4'), at(-3))).toBe(false);
    expect(await participation.tookPart(a, id('r4'), at(-1))).toBe(true);
    // Arguing: the supervisor's neutral argument on day -3 (the deleted one on day 5 does not count).
    expect(await participation.tookPart(a, id('supervisor'), at(-4))).toBe(false);
    expect(await participation.tookPart(a, id('supervisor'), at(-2))).toBe(true);
    expect(await participation.tookPart(a, id('outsider'), at(40))).toBe(false);
  });
});
