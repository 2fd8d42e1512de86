import type { MemberRole, OrganisationKind } from '@linli/shared';
import type { Models } from '../models.js';
import { defaultChannels } from '../channels/defaults.js';
import type { Logger } from '../lib/logger.js';
import type { UserDoc } from '../auth/auth.model.js';
import type { Caller } from '../context/caller.js';

export interface DemoUser {
  phone: string;
  name: string;
  role: MemberRole;
  household?: [string, string, string, 'verified' | 'unverified'];
  platformAdmin?: boolean;
}

/** The demo community's people; log in with any of these numbers. */
export const demoUsers: DemoUser[] = [
  { phone: '+8613800000000', name: '张主任', role: 'admin', platformAdmin: true },
  { phone: '+8613800000001', name: '李社工', role: 'moderator' },
  { phone: '+8613800000002', name: '王书记', role: 'supervisor' },
  { phone: '+8613800000003', name: '陈阿姨', role: 'resident', household: ['3栋', '2单元', '1201', 'verified'] },
  { phone: '+8613800000004', name: '刘师傅', role: 'resident', household: ['5栋', '1单元', '602', 'unverified'] },
  { phone: '+8613800000005', name: '物业小赵', role: 'resident' },
];

export const DEMO_COMMUNITY = { name: '桃源社区', street: '桃源街道', district: '南山区', inviteCode: 'TAOYUAN8' };

/** The demo users as service callers, in demoUsers' order: director, worker, secretary, chen, liu, property staff. */
export type DemoCallers = [Caller, Caller, Caller, Caller, Caller, Caller];

/** Callers for the demo users (seeded already by seedDemo), for the seeds that act through the real services. */
export async function demoCallers(models: Models): Promise<DemoCallers> {
  const callers: Caller[] = [];
  for (const demoUser of demoUsers) {
    const user = (await models.User.findOne({ phone: demoUser.phone }).lean())!;
    callers.push({ userId: user._id.toString(), sessionId: 'seed', displayName: demoUser.name, isPlatformAdmin: demoUser.platformAdmin ?? false });
  }
  return callers as DemoCallers;
}

const demoOrganisations: { name: string; kind: OrganisationKind; description: string; staff: [number, string][] }[] = [
  { name: '桃源社区党委', kind: 'party_committee', description: '社区党组织，统筹协调社区治理。', staff: [[2, '书记']] },
  { name: '桃源社区居民委员会', kind: 'residents_committee', description: '居民自治组织，负责日常服务与议事组织。', staff: [[0, '主任'], [1, '社工']] },
  { name: '桃源物业服务中心', kind: 'property_management', description: '小区物业，负责设施维修、保洁与安保。', staff: [[5, '客服']] },
  { name: '桃源股份合作公司', kind: 'shareholding_company', description: '原村集体股份公司，管理集体物业。', staff: [] },
  { name: '邻里志愿服务队', kind: 'volunteer_team', description: '居民志愿者，组织助老、环保等活动。', staff: [[3, '队长']] },
];

/** A community to seed: its record, its people (the first is its admin, the second its worker) and organisations. */
export interface DemoCommunitySpec {
  community: { name: string; street: string; district: string; inviteCode: string; description: string };
  /** Open311 jurisdiction id. */
  jurisdictionId: string;
  users: DemoUser[];
  /** Staff entries are [index into users, title]. */
  organisations: typeof demoOrganisations;
}

/** Seeds the demo community once; does nothing when it already exists. */
export async function seedDemo(models: Models, log: Logger): Promise<boolean> {
  const spec: DemoCommunitySpec = {
    community: { ...DEMO_COMMUNITY, description: '南山区桃源街道下辖社区，约 3,200 户。在这里反映问题、参与议事、投票表决、跟进落实。' },
    jurisdictionId: 'taoyuan',
    users: demoUsers,
    organisations: demoOrganisations,
  };
  return seedCommunity(models, log, spec);
}

/** Seeds one community (users, members, organisations, default channels and a staff channel); false when it exists. */
export async function seedCommunity(models: Models, log: Logger, spec: DemoCommunitySpec): Promise<boolean> {
  const { community: record, users: people } = spec;
  const existing = await models.Community.findOne({ name: record.name, street: record.street, district: record.district }).lean();
  if (existing) return false;

  const users: { _id: UserDoc['_id'] }[] = [];
  for (const demoUser of people) {
    await models.User.updateOne(
      { phone: demoUser.phone },
      { $setOnInsert: { phone: demoUser.phone, displayName: demoUser.name, isPlatformAdmin: demoUser.platformAdmin ?? false, bannedAt: null } },
      { upsert: true },
    );
    users.push((await models.User.findOne({ phone: demoUser.phone }).lean())!);
  }
  const admin = users[0]!;
  const community = await models.Community.create({ ...record, memberCount: users.length, createdBy: admin._id });
  await models.Open311Jurisdiction.create({ _id: community._id, jurisdictionId: spec.jurisdictionId });
  const now = new Date();
  await models.Membership.insertMany(
    people.map((demoUser, i) => ({
      communityId: community._id,
      userId: users[i]!._id,
      role: demoUser.role,
      status: 'active',
      displayName: demoUser.name,
      joinedAt: now,
      household: demoUser.household
        ? { building: demoUser.household[0], unit: demoUser.household[1], room: demoUser.household[2], status: demoUser.household[3], verifiedAt: demoUser.household[3] === 'verified' ? now : null, verifiedBy: demoUser.household[3] === 'verified' ? admin._id : null }
        : null,
    })),
  );
  await models.Organisation.insertMany(
    spec.organisations.map((organisation) => ({
      communityId: community._id,
      name: organisation.name,
      kind: organisation.kind,
      description: organisation.description,
      staff: organisation.staff.map(([userIndex, title]) => ({ userId: users[userIndex]!._id, displayName: people[userIndex]!.name, title })),
    })),
  );
  const moderator = users[1]!;
  await models.Channel.insertMany([
    ...defaultChannels.map((channel, i) => ({
      ...channel,
      communityId: community._id,
      ownerId: i === 0 ? admin._id : moderator._id,
      ownerName: i === 0 ? people[0]!.name : people[1]!.name,
      visibility: { type: 'all' },
      position: i * 10,
    })),
    {
      name: '工作人员协调',
      kind: 'chat',
      topicPlan: '社区工作者、物业与居委会内部协调分派事项，不对居民公开。',
      communityId: community._id,
      ownerId: moderator._id,
      ownerName: people[1]!.name,
      visibility: { type: 'roles', roles: ['moderator', 'supervisor', 'admin'] },
      position: 100,
    },
  ]);
  log.info({ community: record.name }, 'demo community seeded');
  return true;
}
