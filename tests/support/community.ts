/**
 * The cast most integration tests start from: a community created by the platform
 * admin, members who join by its invite code (optionally with a household, verified or
 * not), roles set by the admin and organisation staff. Sessions land in `users` by key.
 */
import type { EventInput, MyCommunity, Organisation } from '@linli/shared';
import { PLATFORM_ADMIN_PHONE, must, type ClientSocket, type Cluster, type Session } from './cluster.js';

export interface Household {
  building: string;
  unit: string;
  room: string;
  verify: boolean;
}

export type Role = EventInput<'member:setRole'>['role'];

export interface TestCommunity {
  /** The platform admin's socket on node 0 (users.admin is its session). */
  admin: ClientSocket;
  mine: MyCommunity;
  communityId: string;
  /** Logs `phone` in on `node`, connects there and joins; with a household, sets it (and verifies it if asked). */
  join(key: string, phone: string, name: string, node: number, household?: Household): Promise<ClientSocket>;
  /** The admin gives the member `key` a role. */
  setRole(key: string, role: Role): Promise<void>;
  /** The admin creates an organisation of the community. */
  organisation(name: string, kind: EventInput<'organisation:create'>['kind']): Promise<Organisation>;
  /** The admin adds the member `key` to an organisation's staff. */
  addStaff(organisation: Organisation, key: string, title: string): Promise<Organisation>;
}

export async function createTestCommunity(c: Cluster, name: string, users: Record<string, Session>): Promise<TestCommunity> {
  users.admin = await c.login(PLATFORM_ADMIN_PHONE, '平台管理员');
  const admin = await c.connect(users.admin, 0);
  const mine = await must(admin, 'community:create', { name, street: '测试街道', district: '测试区' });
  const communityId = mine.community.id;
  return {
    admin,
    mine,
    communityId,
    async join(key, phone, memberName, node, household) {
      users[key] = await c.login(phone, memberName, node);
      const socket = await c.connect(users[key]!, node);
      await must(socket, 'community:joinByCode', { inviteCode: mine.inviteCode! });
      if (household) {
        await must(socket, 'household:set', { communityId, building: household.building, unit: household.unit, room: household.room });
        if (household.verify) await must(admin, 'household:verify', { communityId, userId: users[key]!.user.id, approve: true });
      }
      return socket;
    },
    async setRole(key, role) {
      await must(admin, 'member:setRole', { communityId, userId: users[key]!.user.id, role });
    },
    organisation: (orgName, kind) => must(admin, 'organisation:create', { communityId, name: orgName, kind }),
    addStaff: (organisation, key, title) => must(admin, 'organisation:addStaff', { organisationId: organisation.id, userId: users[key]!.user.id, title }),
  };
}
