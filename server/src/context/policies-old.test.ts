import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChannelKind, ChannelVisibility, MemberRole } from '@linli/shared';
import { can, type Action, type Actor, type Resource } from './index.js';

// ---------------------------------------------------------------------------
// Actors
// ---------------------------------------------------------------------------

const SELF = 'user-self';
const OTHER = 'user-other';
const ORG = 'org-1';

const actorKinds = [
  'nonMember',
  'resident',
  'moderator',
  'supervisor',
  'admin',
  'platformAdmin',
  'platformAdminResident',
  'orgStaffResident',
] as const;
type ActorKind = (typeof actorKinds)[number];

const actors: Record<ActorKind, Actor> = {
  nonMember: { userId: SELF, isPlatformAdmin: false, role: null, organisationIds: [] },
  resident: { userId: SELF, isPlatformAdmin: false, role: 'resident', organisationIds: [] },
  moderator: { userId: SELF, isPlatformAdmin: false, role: 'moderator', organisationIds: [] },
  supervisor: { userId: SELF, isPlatformAdmin: false, role: 'supervisor', organisationIds: [] },
  admin: { userId: SELF, isPlatformAdmin: false, role: 'admin', organisationIds: [] },
  platformAdmin: { userId: SELF, isPlatformAdmin: true, role: null, organisationIds: [] },
  platformAdminResident: { userId: SELF, isPlatformAdmin: true, role: 'resident', organisationIds: [] },
  orgStaffResident: { userId: SELF, isPlatformAdmin: false, role: 'resident', organisationIds: [ORG] },
};

const withRole = (role: MemberRole | null, extra: Partial<Actor> = {}): Actor => ({
  userId: SELF,
  isPlatformAdmin: false,
  role,
  organisationIds: [],
  ...extra,
});

// ---------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------

type ChannelResource = Extract<Resource, { type: 'channel' }>;

const channel = (over: Partial<Omit<ChannelResource, 'type'>> = {}): ChannelResource => ({
  type: 'channel',
  kind: 'chat',
  visibility: { type: 'all' },
  archived: false,
  ownerId: OTHER,
  ...over,
});

/** Every action this test knows. Compared below with the `Action` union in the policy source. */
const allActions = [
  'community.create',
  'community.view',
  'community.update',
  'community.manageInvites',
  'joinRequest.decide',
  'member.list',
  'member.viewPhone',
  'member.setRole',
  'member.ban',
  'member.unban',
  'household.record',
  'household.verify',
  'organisation.view',
  'organisation.manage',
  'channel.view',
  'channel.create',
  'channel.manage',
  'channel.post',
  'message.moderate',
  'member.mute',
  'audit.read',
] as const satisfies readonly Action[];

// Compile-time guard: fails type checking if the union gains an action this list lacks.
type MissingActions = Exclude<Action, (typeof allActions)[number]>;
const noMissingActions: [MissingActions] extends [never] ? true : MissingActions = true;
void noMissingActions;

/**
 * The resource each action is checked against in the matrix: what the services pass.
 * Role changes and bans target another member who is a resident; channel actions
 * target an open, unarchived chat channel.
 */
const matrixResource: Record<Action, Resource> = {
  'community.create': { type: 'platform' },
  'community.view': { type: 'community' },
  'community.update': { type: 'community' },
  'community.manageInvites': { type: 'community' },
  'joinRequest.decide': { type: 'community' },
  'member.list': { type: 'community' },
  'member.viewPhone': { type: 'community' },
  'member.setRole': { type: 'roleChange', userId: OTHER, from: 'resident', to: 'moderator' },
  'member.ban': { type: 'member', userId: OTHER, role: 'resident' },
  'member.unban': { type: 'member', userId: OTHER, role: 'resident' },
  'household.record': { type: 'community' },
  'household.verify': { type: 'community' },
  'organisation.view': { type: 'community' },
  'organisation.manage': { type: 'community' },
  'channel.view': channel(),
  'channel.create': { type: 'community' },
  'channel.manage': channel(),
  'channel.post': channel(),
  'message.moderate': { type: 'community' },
  'member.mute': { type: 'member', userId: OTHER, role: 'resident' },
  'audit.read': { type: 'community' },
};

// ---------------------------------------------------------------------------
// The whole matrix
// ---------------------------------------------------------------------------

type Row = Record<ActorKind, boolean>;

//                      nonMember resident moderator supervisor admin  platformAdmin platformAdminResident orgStaffResident
const membersOnly: Row = { nonMember: false, resident: true, moderator: true, supervisor: true, admin: true, platformAdmin: false, platformAdminResident: true, orgStaffResident: true };
const staffOnly: Row = { nonMember: false, resident: false, moderator: true, supervisor: true, admin: true, platformAdmin: false, platformAdminResident: false, orgStaffResident: false };
const adminsAndPlatformAdmins: Row = { nonMember: false, resident: false, moderator: false, supervisor: false, admin: true, platformAdmin: true, platformAdminResident: true, orgStaffResident: false };
const platformAdminsOnly: Row = { nonMember: false, resident: false, moderator: false, supervisor: false, admin: false, platformAdmin: true, platformAdminResident: true, orgStaffResident: false };

/**
 * Expected answer of `can(actor, action, matrixResource[action])`, cell by cell.
 * Rows are spelled out per action (the shared rows above are only named groups).
 */
const expected: Record<Action, Row> = {
  'community.create': platformAdminsOnly,
  // Platform admins read a community's private data only as its members.
  'community.view': membersOnly,
  'community.update': adminsAndPlatformAdmins,
  'community.manageInvites': staffOnly,
  'joinRequest.decide': staffOnly,
  'member.list': membersOnly,
  'member.viewPhone': staffOnly,
  // Admins, and platform admins so they can appoint a community's first admin.
  'member.setRole': adminsAndPlatformAdmins,
  // Target is a resident: every staff rank is above it; a resident is not.
  'member.ban': staffOnly,
  // Lifting a resident's ban: the same staff who could impose it.
  'member.unban': staffOnly,
  'household.record': membersOnly,
  'household.verify': staffOnly,
  'organisation.view': membersOnly,
  'organisation.manage': staffOnly,
  'channel.view': membersOnly,
  'channel.create': staffOnly,
  'channel.manage': staffOnly,
  'channel.post': membersOnly,
  // Hide or delete others' messages, review reports.
  'message.moderate': staffOnly,
  // Same rank rule as a ban.
  'member.mute': staffOnly,
  'audit.read': staffOnly,
};

/** The literals of `export type Action = ...;` as written in the policy source. */
function actionsDeclaredInSource(): string[] {
  const src = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
  const decl = /export type Action =([^;]*);/.exec(src);
  if (!decl?.[1]) throw new Error('Action union not found in policies/index.ts');
  return [...decl[1].matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '');
}

describe('can: permission matrix', () => {
  it('the expectation table covers exactly the actions of the Action union', () => {
    const declared = actionsDeclaredInSource().sort();
    expect(declared.length).toBeGreaterThan(0);
    expect([...allActions].sort()).toEqual(declared);
    expect(Object.keys(expected).sort()).toEqual(declared);
    expect(Object.keys(matrixResource).sort()).toEqual(declared);
  });

  it('every row states every actor kind', () => {
    for (const action of allActions) {
      expect(Object.keys(expected[action]).sort(), action).toEqual([...actorKinds].sort());
    }
  });

  for (const action of allActions) {
    describe(action, () => {
      it.each(actorKinds)(`%s`, (kind) => {
        expect(can(actors[kind], action, matrixResource[action])).toBe(expected[action][kind]);
      });
    });
  }

  it('answers a boolean for every action and actor (no fall-through to undefined)', () => {
    for (const action of allActions) {
      for (const kind of actorKinds) {
        expect(typeof can(actors[kind], action, matrixResource[action]), `${action} / ${kind}`).toBe('boolean');
      }
    }
  });
});

// ---------------------------------------------------------------------------
// Channels: visibility, archived state, kinds
// ---------------------------------------------------------------------------

describe('can: channel.view and channel.post', () => {
  interface Case {
    name: string;
    visibility: ChannelVisibility;
    archived: boolean;
    actor: Actor;
    view: boolean;
    post: boolean;
  }

  const cases: Case[] = [
    // visibility: all
    { name: 'resident sees and posts in an open channel', visibility: { type: 'all' }, archived: false, actor: withRole('resident'), view: true, post: true },
    { name: 'non-member neither sees nor posts in an open channel', visibility: { type: 'all' }, archived: false, actor: withRole(null), view: false, post: false },
    { name: 'platform admin who is not a member neither sees nor posts', visibility: { type: 'all' }, archived: false, actor: withRole(null, { isPlatformAdmin: true }), view: false, post: false },
    // visibility: roles
    { name: 'resident sees a roles channel that lists residents', visibility: { type: 'roles', roles: ['resident', 'moderator'] }, archived: false, actor: withRole('resident'), view: true, post: true },
    { name: 'resident does not see a roles channel that omits residents', visibility: { type: 'roles', roles: ['moderator', 'admin'] }, archived: false, actor: withRole('resident'), view: false, post: false },
    { name: 'organisation staff resident does not see a roles channel that omits residents', visibility: { type: 'roles', roles: ['supervisor'] }, archived: false, actor: withRole('resident', { organisationIds: [ORG] }), view: false, post: false },
    { name: 'moderator listed in a roles channel sees and posts', visibility: { type: 'roles', roles: ['moderator'] }, archived: false, actor: withRole('moderator'), view: true, post: true },
    { name: 'staff see a roles channel even when their role is not listed', visibility: { type: 'roles', roles: ['admin'] }, archived: false, actor: withRole('moderator'), view: true, post: true },
    { name: 'supervisor sees a residents-only roles channel', visibility: { type: 'roles', roles: ['resident'] }, archived: false, actor: withRole('supervisor'), view: true, post: true },
    { name: 'platform admin who is only a resident does not see a staff roles channel', visibility: { type: 'roles', roles: ['admin'] }, archived: false, actor: withRole('resident', { isPlatformAdmin: true }), view: false, post: false },
    // visibility: organisation
    { name: 'staff of the organisation sees and posts in its channel', visibility: { type: 'organisation', organisationId: ORG }, archived: false, actor: withRole('resident', { organisationIds: [ORG] }), view: true, post: true },
    { name: 'staff of another organisation does not see the channel', visibility: { type: 'organisation', organisationId: ORG }, archived: false, actor: withRole('resident', { organisationIds: ['org-2'] }), view: false, post: false },
    { name: 'resident outside any organisation does not see an organisation channel', visibility: { type: 'organisation', organisationId: ORG }, archived: false, actor: withRole('resident'), view: false, post: false },
    { name: 'community staff see an organisation channel without belonging to it', visibility: { type: 'organisation', organisationId: ORG }, archived: false, actor: withRole('moderator'), view: true, post: true },
    { name: 'organisation staff who left the community do not see its channel', visibility: { type: 'organisation', organisationId: ORG }, archived: false, actor: withRole(null, { organisationIds: [ORG] }), view: false, post: false },
    // archived
    { name: 'resident does not see an archived open channel', visibility: { type: 'all' }, archived: true, actor: withRole('resident'), view: false, post: false },
    { name: 'organisation staff resident does not see their archived organisation channel', visibility: { type: 'organisation', organisationId: ORG }, archived: true, actor: withRole('resident', { organisationIds: [ORG] }), view: false, post: false },
    { name: 'resident listed in an archived roles channel does not see it', visibility: { type: 'roles', roles: ['resident'] }, archived: true, actor: withRole('resident'), view: false, post: false },
    { name: 'moderator sees an archived channel but cannot post in it', visibility: { type: 'all' }, archived: true, actor: withRole('moderator'), view: true, post: false },
    { name: 'admin sees an archived organisation channel but cannot post in it', visibility: { type: 'organisation', organisationId: ORG }, archived: true, actor: withRole('admin'), view: true, post: false },
    { name: 'platform admin who is not a member does not see an archived channel', visibility: { type: 'all' }, archived: true, actor: withRole(null, { isPlatformAdmin: true }), view: false, post: false },
  ];

  it.each(cases)('$name', ({ visibility, archived, actor, view, post }) => {
    const r = channel({ visibility, archived });
    expect(can(actor, 'channel.view', r)).toBe(view);
    expect(can(actor, 'channel.post', r)).toBe(post);
  });

  describe('by channel kind (open, unarchived channel)', () => {
    // kind -> whether a resident may post; staff may post in every kind.
    const residentMayPost: Record<ChannelKind, boolean> = {
      chat: true,
      issues: true,
      deliberation: true,
      voting: true,
      decisions: false,
      announcements: false,
    };

    it.each(Object.entries(residentMayPost))('%s: resident posts = %s, and still sees it', (kind, mayPost) => {
      const r = channel({ kind });
      expect(can(withRole('resident'), 'channel.view', r)).toBe(true);
      expect(can(withRole('resident'), 'channel.post', r)).toBe(mayPost);
      expect(can(withRole('resident', { organisationIds: [ORG] }), 'channel.post', r)).toBe(mayPost);
      expect(can(withRole('resident', { isPlatformAdmin: true }), 'channel.post', r)).toBe(mayPost);
    });

    it.each(['moderator', 'supervisor', 'admin'] as const)('%s posts in announcements and decisions', (role) => {
      expect(can(withRole(role), 'channel.post', channel({ kind: 'announcements' }))).toBe(true);
      expect(can(withRole(role), 'channel.post', channel({ kind: 'decisions' }))).toBe(true);
    });

    it('organisation staff resident may not post in their organisation announcements channel', () => {
      const r = channel({ kind: 'announcements', visibility: { type: 'organisation', organisationId: ORG } });
      const orgStaff = withRole('resident', { organisationIds: [ORG] });
      expect(can(orgStaff, 'channel.view', r)).toBe(true);
      expect(can(orgStaff, 'channel.post', r)).toBe(false);
    });

    it('staff cannot post in an archived announcements channel', () => {
      expect(can(withRole('admin'), 'channel.post', channel({ kind: 'announcements', archived: true }))).toBe(false);
    });
  });

  it('channel actions refuse a resource that is not a channel, even for an admin', () => {
    const admin = withRole('admin', { isPlatformAdmin: true });
    for (const action of ['channel.view', 'channel.post', 'channel.manage'] as const) {
      expect(can(admin, action, { type: 'community' }), action).toBe(false);
      expect(can(admin, action, channel()), action).toBe(true);
    }
  });

  it('channel.manage is staff only, also for archived and restricted channels', () => {
    const restricted = channel({ archived: true, visibility: { type: 'organisation', organisationId: ORG } });
    expect(can(withRole('moderator'), 'channel.manage', restricted)).toBe(true);
    expect(can(withRole('resident', { organisationIds: [ORG] }), 'channel.manage', restricted)).toBe(false);
    // Owning a channel does not make a resident its manager.
    expect(can(withRole('resident'), 'channel.manage', channel({ ownerId: SELF }))).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// Bans: rank rules
// ---------------------------------------------------------------------------

describe('can: member.ban', () => {
  const ban = (actor: Actor, targetRole: MemberRole, targetId = OTHER): boolean =>
    can(actor, 'member.ban', { type: 'member', userId: targetId, role: targetRole });

  // actor role -> target role -> may ban. Only strictly lower ranks, and residents ban no one.
  const mayBan: Record<MemberRole, Record<MemberRole, boolean>> = {
    resident: { resident: false, moderator: false, supervisor: false, admin: false },
    moderator: { resident: true, moderator: false, supervisor: false, admin: false },
    supervisor: { resident: true, moderator: true, supervisor: false, admin: false },
    admin: { resident: true, moderator: true, supervisor: true, admin: false },
  };

  for (const [actorRole, row] of Object.entries(mayBan) as [MemberRole, Record<MemberRole, boolean>][]) {
    for (const [targetRole, allowed] of Object.entries(row) as [MemberRole, boolean][]) {
      it(`${actorRole} ${allowed ? 'may' : 'may not'} ban a ${targetRole}`, () => {
        expect(ban(withRole(actorRole), targetRole)).toBe(allowed);
      });
    }
  }

  it('nobody bans themselves, even an admin whose record says a lower role', () => {
    expect(ban(withRole('admin'), 'admin', SELF)).toBe(false);
    expect(ban(withRole('admin'), 'resident', SELF)).toBe(false);
    expect(ban(withRole('admin', { isPlatformAdmin: true }), 'resident', SELF)).toBe(false);
  });

  it('a platform admin bans only through their community rank', () => {
    expect(ban(withRole(null, { isPlatformAdmin: true }), 'resident')).toBe(false);
    expect(ban(withRole('resident', { isPlatformAdmin: true }), 'resident')).toBe(false);
    expect(ban(withRole('supervisor', { isPlatformAdmin: true }), 'moderator')).toBe(true);
    expect(ban(withRole('supervisor', { isPlatformAdmin: true }), 'admin')).toBe(false);
  });

  it('organisation staff rank as residents', () => {
    expect(ban(withRole('resident', { organisationIds: [ORG] }), 'resident')).toBe(false);
  });

  it('refuses a resource that is not a member', () => {
    expect(can(withRole('admin'), 'member.ban', { type: 'community' })).toBe(false);
    expect(can(withRole('admin'), 'member.ban', { type: 'roleChange', userId: OTHER, from: 'resident', to: 'moderator' })).toBe(false);
  });
});

describe('can: member.unban', () => {
  const unban = (actor: Actor, targetRole: MemberRole, targetId = OTHER): boolean =>
    can(actor, 'member.unban', { type: 'member', userId: targetId, role: targetRole });

  it('takes exactly the rank that may ban: strictly above the role the member held', () => {
    for (const actorRole of [null, 'resident', 'moderator', 'supervisor', 'admin'] as const) {
      for (const targetRole of ['resident', 'moderator', 'supervisor', 'admin'] as const) {
        const expected = can(withRole(actorRole), 'member.ban', { type: 'member', userId: OTHER, role: targetRole });
        expect(unban(withRole(actorRole), targetRole), `${actorRole} lifts the ban of a ${targetRole}`).toBe(expected);
      }
    }
    expect(unban(withRole('moderator'), 'resident')).toBe(true);
    expect(unban(withRole('moderator'), 'moderator')).toBe(false);
    expect(unban(withRole('admin'), 'supervisor')).toBe(true);
  });

  it('nobody lifts their own ban, and a platform admin only through their community rank', () => {
    expect(unban(withRole('admin'), 'resident', SELF)).toBe(false);
    expect(unban(withRole(null, { isPlatformAdmin: true }), 'resident')).toBe(false);
  });

  it('refuses a resource that is not a member', () => {
    expect(can(withRole('admin'), 'member.unban', { type: 'community' })).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// Role changes
// ---------------------------------------------------------------------------

describe('can: member.setRole', () => {
  const setRole = (actor: Actor, from: MemberRole, to: MemberRole, targetId = OTHER): boolean =>
    can(actor, 'member.setRole', { type: 'roleChange', userId: targetId, from, to });

  it('an admin may promote and demote others, including to and from admin', () => {
    expect(setRole(withRole('admin'), 'resident', 'admin')).toBe(true);
    expect(setRole(withRole('admin'), 'admin', 'resident')).toBe(true);
    expect(setRole(withRole('admin'), 'supervisor', 'moderator')).toBe(true);
  });

  it.each(['resident', 'moderator', 'supervisor'] as const)('a %s may not change anyone’s role', (role) => {
    expect(setRole(withRole(role), 'resident', 'moderator')).toBe(false);
    expect(setRole(withRole(role, { organisationIds: [ORG] }), 'resident', 'moderator')).toBe(false);
  });

  it('a platform admin who is not a member may appoint a community’s first admin', () => {
    expect(setRole(withRole(null, { isPlatformAdmin: true }), 'resident', 'admin')).toBe(true);
  });

  it('nobody changes their own role, not even an admin or a platform admin', () => {
    expect(setRole(withRole('admin'), 'admin', 'resident', SELF)).toBe(false);
    expect(setRole(withRole(null, { isPlatformAdmin: true }), 'resident', 'admin', SELF)).toBe(false);
    expect(setRole(withRole('resident', { isPlatformAdmin: true }), 'resident', 'admin', SELF)).toBe(false);
  });

  it('a non-member who is not a platform admin may not change roles', () => {
    expect(setRole(withRole(null), 'resident', 'moderator')).toBe(false);
  });

  it('refuses a resource that is not a role change', () => {
    expect(can(withRole('admin'), 'member.setRole', { type: 'community' })).toBe(false);
    expect(can(withRole('admin'), 'member.setRole', { type: 'member', userId: OTHER, role: 'resident' })).toBe(false);
  });
});

describe('can: community-level actions ignore organisation staff status', () => {
  it('organisation staff get no community staff powers', () => {
    const orgStaff = withRole('resident', { organisationIds: [ORG] });
    for (const action of ['organisation.manage', 'household.verify', 'member.viewPhone', 'audit.read'] as const) {
      expect(can(orgStaff, action, { type: 'community' }), action).toBe(false);
    }
  });
});
