/**
 * The permission matrix: every rule of every capability, for every kind of
 * actor. The tables are typed by the rules themselves (`{ [A in Action]: ... }`),
 * so a rule added without its row and resource does not compile.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { applyRule, type AnyRule } from './contract.js';
import type { MemberRole } from './members/types.js';
import type { ChannelKind, ChannelVisibility } from './channels/types.js';
import type { ChannelRef } from './channels/policy.js';
import { actions, can, rules, type Action, type ResourceOf } from './policy.js';

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

const withRole = (role: MemberRole | null, extra: Partial<Actor> = {}): Actor => ({
  userId: SELF,
  isPlatformAdmin: false,
  role,
  organisationIds: [],
  muted: false,
  householdVerified: false,
  ...extra,
});

const actors: Record<ActorKind, Actor> = {
  nonMember: withRole(null),
  resident: withRole('resident'),
  moderator: withRole('moderator'),
  supervisor: withRole('supervisor'),
  admin: withRole('admin'),
  platformAdmin: withRole(null, { isPlatformAdmin: true }),
  platformAdminResident: withRole('resident', { isPlatformAdmin: true }),
  orgStaffResident: withRole('resident', { organisationIds: [ORG] }),
};

// ---------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------

const channel = (over: Partial<ChannelRef> = {}): ChannelRef => ({
  kind: 'chat',
  visibility: { type: 'all' },
  archived: false,
  ...over,
});

/**
 * The resource each action is checked against in the matrix: what the services pass.
 * Role changes, bans and mutes target another member who is a resident; channel and
 * message actions an open, unarchived chat channel; messages are someone else's.
 */
const matrixResource: { [A in Action]: ResourceOf<A> } = {
  'community.create': undefined,
  'community.view': undefined,
  'community.update': undefined,
  'community.manageInvites': undefined,
  'joinRequest.decide': undefined,
  'member.list': undefined,
  'member.viewPhone': undefined,
  'member.viewHousehold': { userId: OTHER },
  'member.manageRoles': undefined,
  'member.setRole': { userId: OTHER, from: 'resident', to: 'moderator' },
  'member.ban': { userId: OTHER, role: 'resident' },
  'member.unban': { userId: OTHER, role: 'resident' },
  'household.record': undefined,
  'household.verify': undefined,
  'organisation.view': undefined,
  'organisation.manage': undefined,
  'channel.view': channel(),
  'channel.create': undefined,
  'channel.manage': undefined,
  'channel.post': channel(),
  'message.send': channel(),
  'message.edit': { authorId: OTHER, channel: channel() },
  'message.delete': { authorId: OTHER, channel: channel() },
  'message.moderate': undefined,
  'member.mute': { userId: OTHER, role: 'resident' },
  'audit.read': undefined,
  'issue.view': undefined,
  'issue.file': undefined,
  'issue.fileFor': undefined,
  'issue.support': undefined,
  'issue.manageCategories': undefined,
  'issue.readInternal': { assignedOrganisationIds: [ORG] },
  'issue.seeReporter': { reporterId: OTHER },
  'issue.figures': undefined,
  'issue.export': undefined,
  'open311.manage': undefined,
  'hook.manage': undefined,
  'deliberation.view': undefined,
  'deliberation.propose': undefined,
  'deliberation.support': undefined,
  'deliberation.open': undefined,
  'deliberation.reject': undefined,
  'deliberation.close': undefined,
  'deliberation.configure': undefined,
  'deliberation.argue': { state: 'open' },
  'deliberation.endorse': { state: 'open' },
  'decision.view': undefined,
  'decision.record': undefined,
  'decision.manageItems': undefined,
  'decision.postProgress': { type: 'organisation', id: ORG },
  'decision.rate': { participant: true, state: 'done' },
  'region.manage': undefined,
  // Someone who oversees none of the region's communities (overseers: below).
  'index.oversee': { overseer: false },
  'index.view': undefined,
  'index.publish': undefined,
  'insights.view': undefined,
  'agenda.view': undefined,
  'sms.own': undefined,
  'sms.manage': undefined,
  'poll.view': undefined,
  'poll.manage': undefined,
  'poll.vote': { eligibility: 'members' },
  'poll.castFor': undefined,
  'poll.seeVoters': { ballot: 'public' },
  'survey.view': undefined,
  'survey.manage': undefined,
  'survey.answer': { audience: 'members' },
  'survey.results': undefined,
  'activity.view': undefined,
  'activity.manage': undefined,
  'activity.propose': undefined,
  'activity.join': undefined,
};

/** can() for an action picked at run time, against its matrix resource. */
const check = (actor: Actor, action: Action): boolean => applyRule(rules[action] as AnyRule, actor, matrixResource[action]);

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
const expected: { [A in Action]: Row } = {
  'community.create': platformAdminsOnly,
  // Platform admins read a community's private data only as its members.
  'community.view': membersOnly,
  'community.update': adminsAndPlatformAdmins,
  'community.manageInvites': staffOnly,
  'joinRequest.decide': staffOnly,
  'member.list': membersOnly,
  'member.viewPhone': staffOnly,
  // Someone else's address: staff only (a member always sees their own, below).
  'member.viewHousehold': staffOnly,
  // Admins, and platform admins so they can appoint a community's first admin.
  'member.manageRoles': adminsAndPlatformAdmins,
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
  'message.send': membersOnly,
  // Someone else's message: nobody edits it.
  'message.edit': { nonMember: false, resident: false, moderator: false, supervisor: false, admin: false, platformAdmin: false, platformAdminResident: false, orgStaffResident: false },
  // Someone else's message: staff remove it.
  'message.delete': staffOnly,
  // Hide or delete others' messages, review reports.
  'message.moderate': staffOnly,
  // Same rank rule as a ban.
  'member.mute': staffOnly,
  'audit.read': staffOnly,
  'issue.view': membersOnly,
  'issue.file': membersOnly,
  // Filing for a resident who is not online, or from someone else's chat message.
  'issue.fileFor': staffOnly,
  'issue.support': membersOnly,
  'issue.manageCategories': staffOnly,
  // Internal notes of an issue assigned to ORG: staff, and ORG's staff (orgStaffResident).
  'issue.readInternal': { ...staffOnly, orgStaffResident: true },
  // Someone else's hidden name: staff only.
  'issue.seeReporter': staffOnly,
  'issue.figures': staffOnly,
  'issue.export': staffOnly,
  // The community's jurisdiction id and Open311 API keys: like community.update.
  'open311.manage': adminsAndPlatformAdmins,
  // Group robots (their webhook addresses and secrets): like community.update.
  'hook.manage': adminsAndPlatformAdmins,
  'deliberation.view': membersOnly,
  'deliberation.propose': membersOnly,
  'deliberation.support': membersOnly,
  'deliberation.open': staffOnly,
  'deliberation.reject': staffOnly,
  'deliberation.close': staffOnly,
  'deliberation.configure': staffOnly,
  // An open topic's channel: every member argues (a closed one: see below).
  'deliberation.argue': membersOnly,
  // An open topic's channel: every member endorses (a closed one: see below).
  'deliberation.endorse': membersOnly,
  'decision.view': membersOnly,
  'decision.record': staffOnly,
  'decision.manageItems': staffOnly,
  // An item owned by ORG: its staff (orgStaffResident) and community staff.
  'decision.postProgress': { ...staffOnly, orgStaffResident: true },
  // A participant of a done decision: every member who took part.
  'decision.rate': membersOnly,
  // Districts, streets, grouping, weights and oversight grants.
  'region.manage': platformAdminsOnly,
  // Not an overseer of the region: only platform admins see its ranking.
  'index.oversee': platformAdminsOnly,
  // A community's own figures and rank.
  'index.view': membersOnly,
  // Freezing an ended month by hand: community staff and platform admins.
  'index.publish': { ...staffOnly, platformAdmin: true, platformAdminResident: true },
  // Needs analysis: staff only (organisation staff who are residents and platform admins outside the community too are refused).
  'insights.view': staffOnly,
  // One's own agenda: every member; outsiders (platform admins too) are not.
  'agenda.view': membersOnly,
  // One's own SMS notices: every member; seeing who gets SMS and registering residents without a smartphone: staff.
  'sms.own': membersOnly,
  'sms.manage': staffOnly,
  'poll.view': membersOnly,
  // Create, edit, close early.
  'poll.manage': staffOnly,
  // A 'members' poll: every member has one ballot (staff too, no more).
  'poll.vote': membersOnly,
  // Assisted voting for a verified member who cannot come online.
  'poll.castFor': staffOnly,
  // Who voted what in a public poll: every member.
  'poll.seeVoters': membersOnly,
  'survey.view': membersOnly,
  // Build, publish, close, import, enter for a resident.
  'survey.manage': staffOnly,
  // A survey for all members: every member answers once (staff too).
  'survey.answer': membersOnly,
  // Scores and breakdowns: staff only.
  'survey.results': staffOnly,
  'activity.view': membersOnly,
  // Create, edit, cancel, shortlist, make the poll, publish results, record prizes, check in.
  'activity.manage': staffOnly,
  // Members who are not muted (see below).
  'activity.propose': membersOnly,
  // Support an idea, take a quiz, sign up for an event.
  'activity.join': membersOnly,
};

describe('can: permission matrix', () => {
  it('the tables cover exactly the rules the capabilities declare', () => {
    const declared = [...actions].sort();
    expect(declared.length).toBeGreaterThan(20);
    expect(Object.keys(expected).sort()).toEqual(declared);
    expect(Object.keys(matrixResource).sort()).toEqual(declared);
  });

  it('every row states every actor kind', () => {
    for (const action of actions) {
      expect(Object.keys(expected[action]).sort(), action).toEqual([...actorKinds].sort());
    }
  });

  for (const action of actions) {
    describe(action, () => {
      it.each(actorKinds)(`%s`, (kind) => {
        expect(check(actors[kind], action)).toBe(expected[action][kind]);
      });
    });
  }

  it('answers a boolean for every action and actor (no fall-through to undefined)', () => {
    for (const action of actions) {
      for (const kind of actorKinds) {
        expect(typeof check(actors[kind], action), `${action} / ${kind}`).toBe('boolean');
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
      const r = channel({ kind: kind as ChannelKind });
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

  it('channel.manage is staff only, also for archived and restricted channels', () => {
    const restricted = channel({ archived: true, visibility: { type: 'organisation', organisationId: ORG } });
    expect(can(withRole('moderator'), 'channel.manage')).toBe(true);
    expect(can(withRole('moderator'), 'channel.view', restricted)).toBe(true);
    expect(can(withRole('resident', { organisationIds: [ORG] }), 'channel.manage')).toBe(false);
    // Owning a channel does not make a resident its manager (the rule does not read the owner).
    expect(can(withRole('resident'), 'channel.manage')).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// Bans: rank rules
// ---------------------------------------------------------------------------

describe('can: member.ban', () => {
  const ban = (actor: Actor, targetRole: MemberRole, targetId = OTHER): boolean =>
    can(actor, 'member.ban', { userId: targetId, role: targetRole });

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

});

describe('can: member.unban', () => {
  const unban = (actor: Actor, targetRole: MemberRole, targetId = OTHER): boolean =>
    can(actor, 'member.unban', { userId: targetId, role: targetRole });

  it('takes exactly the rank that may ban: strictly above the role the member held', () => {
    for (const actorRole of [null, 'resident', 'moderator', 'supervisor', 'admin'] as const) {
      for (const targetRole of ['resident', 'moderator', 'supervisor', 'admin'] as const) {
        const expected = can(withRole(actorRole), 'member.ban', { userId: OTHER, role: targetRole });
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

});

// ---------------------------------------------------------------------------
// Role changes
// ---------------------------------------------------------------------------

describe('can: member.setRole', () => {
  const setRole = (actor: Actor, from: MemberRole, to: MemberRole, targetId = OTHER): boolean =>
    can(actor, 'member.setRole', { userId: targetId, from, to });

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

});

describe('can: community-level actions ignore organisation staff status', () => {
  it('organisation staff get no community staff powers', () => {
    const orgStaff = withRole('resident', { organisationIds: [ORG] });
    for (const action of ['organisation.manage', 'household.verify', 'member.viewPhone', 'audit.read'] as const) {
      expect(can(orgStaff, action), action).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------
// Messages: mutes, authors, moderators
// ---------------------------------------------------------------------------

describe('can: message.send, message.edit, message.delete', () => {
  const own = { authorId: SELF, channel: channel() };
  const others = { authorId: OTHER, channel: channel() };

  it('a muted member may not send or edit, and may still take back their own message', () => {
    const muted = withRole('resident', { muted: true });
    expect(can(muted, 'channel.post', channel())).toBe(true);
    expect(can(muted, 'message.send', channel())).toBe(false);
    expect(can(muted, 'message.edit', own)).toBe(false);
    expect(can(muted, 'message.delete', own)).toBe(true);
  });

  it('a muted member may not propose an activity idea, and may still support, take quizzes and sign up', () => {
    const muted = withRole('resident', { muted: true });
    expect(can(muted, 'activity.propose')).toBe(false);
    expect(can(muted, 'activity.join')).toBe(true);
  });

  it('a muted moderator is muted too', () => {
    expect(can(withRole('moderator', { muted: true }), 'message.send', channel())).toBe(false);
  });

  it('only the author edits, where they may still post', () => {
    expect(can(withRole('resident'), 'message.edit', own)).toBe(true);
    expect(can(withRole('admin'), 'message.edit', others)).toBe(false);
    expect(can(withRole('resident'), 'message.edit', { authorId: SELF, channel: channel({ archived: true }) })).toBe(false);
    expect(can(withRole('resident'), 'message.edit', { authorId: SELF, channel: channel({ kind: 'announcements' }) })).toBe(false);
  });

  it('the author or staff delete; residents and organisation staff do not delete others’ messages', () => {
    expect(can(withRole('resident'), 'message.delete', own)).toBe(true);
    expect(can(withRole('resident'), 'message.delete', others)).toBe(false);
    expect(can(withRole('resident', { organisationIds: [ORG] }), 'message.delete', others)).toBe(false);
    for (const role of ['moderator', 'supervisor', 'admin'] as const) expect(can(withRole(role), 'message.delete', others), role).toBe(true);
  });

  it.each(Object.entries({ chat: true, issues: true, deliberation: true, voting: true, decisions: false, announcements: false }))(
    '%s: a resident sends = %s',
    (kind, allowed) => {
      expect(can(withRole('resident'), 'message.send', channel({ kind: kind as ChannelKind }))).toBe(allowed);
    },
  );
});

describe('can: member.viewHousehold', () => {
  it('a member sees their own household, staff everyone’s, others nobody’s', () => {
    expect(can(withRole('resident'), 'member.viewHousehold', { userId: SELF })).toBe(true);
    expect(can(withRole('resident'), 'member.viewHousehold', { userId: OTHER })).toBe(false);
    expect(can(withRole('resident', { organisationIds: [ORG] }), 'member.viewHousehold', { userId: OTHER })).toBe(false);
    expect(can(withRole('moderator'), 'member.viewHousehold', { userId: OTHER })).toBe(true);
    expect(can(withRole(null, { isPlatformAdmin: true }), 'member.viewHousehold', { userId: OTHER })).toBe(false);
    expect(can(withRole(null), 'member.viewHousehold', { userId: SELF })).toBe(false);
  });
});

describe('can: deliberation.argue', () => {
  it('a closed topic’s channel takes staff only; a proposed or rejected one nobody; a muted member never', () => {
    expect(can(actors.resident, 'deliberation.argue', { state: 'closed' })).toBe(false);
    expect(can(actors.moderator, 'deliberation.argue', { state: 'closed' })).toBe(true);
    for (const state of ['proposed', 'rejected'] as const) {
      expect(can(actors.admin, 'deliberation.argue', { state })).toBe(false);
      expect(can(actors.resident, 'deliberation.argue', { state })).toBe(false);
    }
    expect(can({ ...actors.resident, muted: true }, 'deliberation.argue', { state: 'open' })).toBe(false);
    expect(can({ ...actors.moderator, muted: true }, 'deliberation.argue', { state: 'closed' })).toBe(false);
  });

  it('endorsing: a closed topic’s channel takes reactions from staff only; a mute does not stop it in an open one', () => {
    expect(can(actors.resident, 'deliberation.endorse', { state: 'closed' })).toBe(false);
    expect(can(actors.moderator, 'deliberation.endorse', { state: 'closed' })).toBe(true);
    expect(can({ ...actors.resident, muted: true }, 'deliberation.endorse', { state: 'open' })).toBe(true);
    expect(can(actors.nonMember, 'deliberation.endorse', { state: 'open' })).toBe(false);
    for (const state of ['proposed', 'rejected'] as const) expect(can(actors.admin, 'deliberation.endorse', { state })).toBe(false);
  });
});

describe('can: index.oversee', () => {
  it('an overseer of the region sees its ranking whatever their role in a community; others do not', () => {
    for (const kind of actorKinds) expect(can(actors[kind], 'index.oversee', { overseer: true }), kind).toBe(true);
    expect(can(actors.admin, 'index.oversee', { overseer: false })).toBe(false);
    expect(can(actors.resident, 'index.oversee', { overseer: false })).toBe(false);
  });
});

describe('can: decision.postProgress and decision.rate', () => {
  it('the owning member posts progress; other residents and staff of other organisations do not', () => {
    expect(can(actors.resident, 'decision.postProgress', { type: 'member', id: SELF })).toBe(true);
    expect(can(actors.resident, 'decision.postProgress', { type: 'member', id: OTHER })).toBe(false);
    expect(can(actors.orgStaffResident, 'decision.postProgress', { type: 'organisation', id: 'org-2' })).toBe(false);
    expect(can(actors.moderator, 'decision.postProgress', { type: 'member', id: OTHER })).toBe(true);
    expect(can(actors.platformAdmin, 'decision.postProgress', { type: 'member', id: SELF })).toBe(false);
  });

  it('rating: participants only, and only once the decision is done', () => {
    expect(can(actors.resident, 'decision.rate', { participant: true, state: 'in_progress' })).toBe(false);
    expect(can(actors.resident, 'decision.rate', { participant: false, state: 'done' })).toBe(false);
    expect(can(actors.admin, 'decision.rate', { participant: false, state: 'done' })).toBe(false);
    expect(can(actors.nonMember, 'decision.rate', { participant: true, state: 'done' })).toBe(false);
  });
});
