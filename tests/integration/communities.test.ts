import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyCommunity } from '@linli/shared';
import {
  PLATFORM_ADMIN_PHONE,
  call,
  disconnected,
  must,
  next,
  snapshotCounts,
  startCluster,
  type Cluster,
  type ClientSocket,
  type Session,
} from '../support/cluster.js';

let c: Cluster;
let admin: Session;
let adminSock: ClientSocket;
let a: MyCommunity;
let b: MyCommunity;

beforeAll(async () => {
  c = await startCluster({ nodes: 2 });
  admin = await c.login(PLATFORM_ADMIN_PHONE, '平台管理员');
  adminSock = await c.connect(admin, 0);
  a = await must(adminSock, 'community:create', { name: '东湖社区', street: '东湖街道', district: '罗湖区' });
  b = await must(adminSock, 'community:create', { name: '西岭社区', street: '西岭街道', district: '宝安区' });
});
afterAll(async () => {
  await c?.stop();
});

describe('communities', () => {
  it('a new community has its creator as admin, an invite code and the default channels with topic plans', async () => {
    expect(a.membership.role).toBe('admin');
    expect(a.inviteCode).toMatch(/^[A-Z0-9]{8}$/);
    const channels = await must(adminSock, 'channel:list', { communityId: a.community.id });
    expect(channels.map((ch) => ch.kind)).toEqual(['announcements', 'chat', 'issues', 'deliberation', 'voting', 'decisions']);
    for (const ch of channels) {
      expect(ch.topicPlan.length).toBeGreaterThan(10);
      expect(ch.ownerName).toBe('平台管理员');
    }
  });

  it('only platform admins create communities', async () => {
    const s = await c.login('13900004001');
    const sock = await c.connect(s, 1);
    const before = await c.models.Community.countDocuments({});
    const res = await call(sock, 'community:create', { name: '私建社区', street: 'x', district: 'y' });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.models.Community.countDocuments({})).toBe(before);
  });

  it('joins by invite code (case-insensitive) and is told live on every node', async () => {
    const s = await c.login('13900004002', '小周');
    const other = await c.connect(s, 1);
    const sock = await c.connect(s, 0);
    const joinedLive = next(adminSock, 'member:joined');
    const changedOnOtherNode = next(other, 'membership:changed');
    const mine = await must(sock, 'community:joinByCode', { inviteCode: a.inviteCode!.toLowerCase() });
    expect(mine.membership.role).toBe('resident');
    expect(mine.inviteCode).toBeNull();
    expect((await joinedLive).displayName).toBe('小周');
    expect((await changedOnOtherNode).community.id).toBe(a.community.id);
    expect(await call(sock, 'community:joinByCode', { inviteCode: a.inviteCode! })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await call(sock, 'community:joinByCode', { inviteCode: 'ZZZZZZZZ' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('joins by request that a moderator on another node approves', async () => {
    const s = await c.login('13900004003', '申请人');
    const sock = await c.connect(s, 1);
    const cards = await must(sock, 'community:discover', { query: '东湖' });
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ name: '东湖社区', isMember: false, myRequestStatus: null });

    const seenByStaff = next(adminSock, 'joinRequest:created');
    const req = await must(sock, 'community:requestJoin', { communityId: a.community.id, message: '3栋住户' });
    expect((await seenByStaff).id).toBe(req.id);
    expect(await call(sock, 'community:requestJoin', { communityId: a.community.id, message: '' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // not a member yet: cannot read the community (answered as if it held nothing)
    expect(await call(sock, 'channel:list', { communityId: a.community.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const pending = await must(adminSock, 'community:listJoinRequests', { communityId: a.community.id });
    expect(pending.map((r) => r.id)).toContain(req.id);
    const decidedForApplicant = next(sock, 'joinRequest:decided');
    const welcomed = next(sock, 'membership:changed');
    await must(adminSock, 'community:decideJoinRequest', { requestId: req.id, approve: true });
    expect((await decidedForApplicant).status).toBe('approved');
    expect((await welcomed).membership.role).toBe('resident');
    // the socket was moved into the community's rooms: it can read now
    expect((await must(sock, 'channel:list', { communityId: a.community.id })).length).toBe(6);
    expect(await call(adminSock, 'community:decideJoinRequest', { requestId: req.id, approve: false })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const audit = await must(adminSock, 'audit:list', { communityId: a.community.id });
    expect(audit.map((e) => e.action)).toContain('joinRequest.approve');
  });

  it('a rejected applicant is told and stays outside', async () => {
    const s = await c.login('13900004004', '被拒');
    const sock = await c.connect(s, 0);
    const req = await must(sock, 'community:requestJoin', { communityId: b.community.id, message: '' });
    const told = next(sock, 'joinRequest:decided');
    await must(adminSock, 'community:decideJoinRequest', { requestId: req.id, approve: false });
    expect((await told).status).toBe('rejected');
    expect(await call(sock, 'member:list', { communityId: b.community.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('households', () => {
  it('a member records a household and a moderator verifies it', async () => {
    const s = await c.login('13900005001', '住户甲');
    const sock = await c.connect(s, 1);
    await must(sock, 'community:joinByCode', { inviteCode: a.inviteCode! });
    const mine = await must(sock, 'household:set', { communityId: a.community.id, building: ' 3栋 ', unit: '2单元', room: '1201' });
    expect(mine.household).toMatchObject({ building: '3栋', status: 'unverified' });
    const pending = await must(adminSock, 'member:list', { communityId: a.community.id, householdPending: true });
    expect(pending.map((m) => m.userId)).toEqual([s.user.id]);
    expect(pending[0]!.phoneMasked).toBe('139****5001');
    const told = next(sock, 'membership:changed');
    await must(adminSock, 'household:verify', { communityId: a.community.id, userId: s.user.id, approve: true });
    expect((await told).membership.household?.status).toBe('verified');
    // residents cannot verify, and see no phone numbers
    expect(await call(sock, 'household:verify', { communityId: a.community.id, userId: s.user.id, approve: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // others' addresses and phones stay with staff; the verified flag is public
    const other = await c.login('13900005002', '住户乙');
    const otherSock = await c.connect(other, 0);
    await must(otherSock, 'community:joinByCode', { inviteCode: a.inviteCode! });
    const seenByResident = await must(otherSock, 'member:list', { communityId: a.community.id });
    expect(seenByResident.every((m) => m.phoneMasked === null)).toBe(true);
    const verified = seenByResident.find((m) => m.userId === s.user.id)!;
    expect(verified).toMatchObject({ household: null, householdVerified: true });
    const self = (await must(sock, 'member:list', { communityId: a.community.id })).find((m) => m.userId === s.user.id)!;
    expect(self.household).toMatchObject({ building: '3栋', room: '1201', status: 'verified' });
  });
});

describe('roles, bans', () => {
  it('an admin appoints a moderator, who then sees join requests', async () => {
    const s = await c.login('13900006001', '新社工');
    const sock = await c.connect(s, 0);
    await must(sock, 'community:joinByCode', { inviteCode: a.inviteCode! });
    expect(await call(sock, 'community:listJoinRequests', { communityId: a.community.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const told = next(sock, 'membership:changed');
    await must(adminSock, 'member:setRole', { communityId: a.community.id, userId: s.user.id, role: 'moderator' });
    expect((await told).membership.role).toBe('moderator');
    expect((await must(sock, 'community:list', {}))[0]!.inviteCode).toBe(a.inviteCode);
    expect((await call(sock, 'community:listJoinRequests', { communityId: a.community.id })).ok).toBe(true);
    // the moderator's socket joined the staff room: it hears new requests live
    const x = await c.login('13900006002', '又一个');
    const xs = await c.connect(x, 1);
    const heard = next(sock, 'joinRequest:created');
    await must(xs, 'community:requestJoin', { communityId: a.community.id, message: '' });
    expect((await heard).displayName).toBe('又一个');
    // a moderator may not promote anyone
    expect(await call(sock, 'member:setRole', { communityId: a.community.id, userId: x.user.id, role: 'admin' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('a ban removes the member and disconnects their sockets on every node within 5 s', async () => {
    const s = await c.login('13900006003', '捣乱者');
    const s0 = await c.connect(s, 0);
    const s1 = await c.connect(s, 1);
    await must(s0, 'community:joinByCode', { inviteCode: a.inviteCode! });
    const revoked = next(s1, 'membership:revoked');
    const gone = Promise.all([disconnected(s0), disconnected(s1)]);
    await must(adminSock, 'member:ban', { communityId: a.community.id, userId: s.user.id, reason: '广告' });
    expect(await revoked).toEqual({ communityId: a.community.id, reason: 'banned' });
    await gone;
    const again = await c.connect(s, 1);
    expect(await call(again, 'channel:list', { communityId: a.community.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(again, 'community:joinByCode', { inviteCode: a.inviteCode! })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const audit = await must(adminSock, 'audit:list', { communityId: a.community.id });
    expect(audit[0]).toMatchObject({ action: 'member.ban', targetId: s.user.id });
  });

  it('the last admin cannot step down', async () => {
    const mods = await must(adminSock, 'member:list', { communityId: b.community.id });
    expect(mods.filter((m) => m.role === 'admin')).toHaveLength(1);
    const s = await c.login('13900006004');
    const sock = await c.connect(s, 0);
    await must(sock, 'community:joinByCode', { inviteCode: b.inviteCode! });
    expect(await call(sock, 'community:leave', { communityId: b.community.id })).toMatchObject({ ok: true });
    expect(await call(adminSock, 'community:leave', { communityId: b.community.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('organisations and channels', () => {
  it('moderators manage organisations and their staff; staff see organisation-only channels', async () => {
    const org = await must(adminSock, 'organisation:create', { communityId: a.community.id, name: '东湖物业', kind: 'property_management', description: '物业公司' });
    expect(await call(adminSock, 'organisation:create', { communityId: a.community.id, name: '东湖物业', kind: 'other' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const staff = await c.login('13900007001', '物业员工');
    const staffSock = await c.connect(staff, 1);
    await must(staffSock, 'community:joinByCode', { inviteCode: a.inviteCode! });
    const resident = await c.login('13900007002', '普通居民');
    const residentSock = await c.connect(resident, 0);
    await must(residentSock, 'community:joinByCode', { inviteCode: a.inviteCode! });

    const withStaff = await must(adminSock, 'organisation:addStaff', { organisationId: org.id, userId: staff.user.id, title: '客服' });
    expect(withStaff.staff).toEqual([{ userId: staff.user.id, displayName: '物业员工', title: '客服' }]);

    const staffHears = next(staffSock, 'channel:saved');
    const ch = await must(adminSock, 'channel:create', {
      communityId: a.community.id,
      name: '物业工单',
      kind: 'issues',
      topicPlan: '分派给物业的工单与处理进度',
      ownerId: staff.user.id,
      visibility: { type: 'organisation', organisationId: org.id },
    });
    expect(ch.ownerName).toBe('物业员工');
    expect((await staffHears).id).toBe(ch.id);
    const staffList = await must(staffSock, 'channel:list', { communityId: a.community.id });
    const residentList = await must(residentSock, 'channel:list', { communityId: a.community.id });
    expect(staffList.map((x) => x.id)).toContain(ch.id);
    expect(residentList.map((x) => x.id)).not.toContain(ch.id);
    expect(await call(residentSock, 'channel:create', { communityId: a.community.id, name: '我的频道', kind: 'chat', topicPlan: '随便' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // widening the channel announces it to everyone
    const residentHears = next(residentSock, 'channel:saved');
    await must(adminSock, 'channel:update', { channelId: ch.id, visibility: { type: 'all' }, topicPlan: '物业工单公开跟踪' });
    expect((await residentHears).topicPlan).toBe('物业工单公开跟踪');
    // archiving withdraws it from residents, live
    const withdrawn = next(residentSock, 'channel:withdrawn');
    await must(adminSock, 'channel:archive', { channelId: ch.id, archived: true });
    expect(await withdrawn).toEqual({ communityId: a.community.id, channelId: ch.id });
    expect((await must(residentSock, 'channel:list', { communityId: a.community.id, includeArchived: true })).map((x) => x.id)).not.toContain(ch.id);
    expect((await must(adminSock, 'channel:list', { communityId: a.community.id, includeArchived: true })).map((x) => x.id)).toContain(ch.id);
  });

  it('a channel owner must be a member of that community', async () => {
    const outsider = await c.login('13900007003');
    const res = await call(adminSock, 'channel:create', { communityId: a.community.id, name: '外人频道', kind: 'chat', topicPlan: '测试', ownerId: outsider.user.id });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('isolation between communities', () => {
  it('a member of A gets NOT_FOUND (as for an id that does not exist) for everything of B and nothing is stored', async () => {
    const s = await c.login('13900008001', 'A居民');
    const sock = await c.connect(s, 0);
    await must(sock, 'community:joinByCode', { inviteCode: a.inviteCode! });
    const bChannel = (await must(adminSock, 'channel:list', { communityId: b.community.id }))[0]!;
    const bOrg = await must(adminSock, 'organisation:create', { communityId: b.community.id, name: '西岭居委会', kind: 'residents_committee' });
    const bMember = (await must(adminSock, 'member:list', { communityId: b.community.id }))[0]!;
    const bRequest = await must(await c.connect(await c.login('13900008002'), 1), 'community:requestJoin', { communityId: b.community.id, message: '' });
    const cid = b.community.id;
    const before = await snapshotCounts(c.models);
    const attempts = await Promise.all([
      call(sock, 'community:update', { communityId: cid, name: '改名' }),
      call(sock, 'community:listJoinRequests', { communityId: cid }),
      call(sock, 'community:decideJoinRequest', { requestId: bRequest.id, approve: true }),
      call(sock, 'community:rotateInviteCode', { communityId: cid }),
      call(sock, 'community:leave', { communityId: cid }),
      call(sock, 'member:list', { communityId: cid }),
      call(sock, 'member:setRole', { communityId: cid, userId: bMember.userId, role: 'resident' }),
      call(sock, 'member:ban', { communityId: cid, userId: bMember.userId }),
      call(sock, 'household:set', { communityId: cid, building: '1', unit: '1', room: '1' }),
      call(sock, 'household:verify', { communityId: cid, userId: bMember.userId, approve: true }),
      call(sock, 'organisation:list', { communityId: cid }),
      call(sock, 'organisation:create', { communityId: cid, name: '入侵者', kind: 'other' }),
      call(sock, 'organisation:update', { organisationId: bOrg.id, name: '入侵者' }),
      call(sock, 'organisation:remove', { organisationId: bOrg.id }),
      call(sock, 'organisation:addStaff', { organisationId: bOrg.id, userId: s.user.id }),
      call(sock, 'organisation:removeStaff', { organisationId: bOrg.id, userId: bMember.userId }),
      call(sock, 'channel:list', { communityId: cid }),
      call(sock, 'channel:create', { communityId: cid, name: '入侵', kind: 'chat', topicPlan: 'x' }),
      call(sock, 'channel:update', { channelId: bChannel.id, name: '入侵' }),
      call(sock, 'channel:archive', { channelId: bChannel.id, archived: true }),
      call(sock, 'audit:list', { communityId: cid }),
    ]);
    for (const res of attempts) expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await snapshotCounts(c.models)).toEqual(before);
    const untouched = await must(adminSock, 'channel:list', { communityId: cid });
    expect(untouched.find((x) => x.id === bChannel.id)).toMatchObject({ name: bChannel.name, archived: false });
  });
});
