import { randomInt } from 'node:crypto';
import { LIMITS, type CommunityCard, type EventPayload, type Member, type MemberRole, type MyCommunity } from '@linli/shared';
import { AppError, conflict, forbidden, isDuplicateKey, notFound } from '../lib/errors.js';
import { op } from '../lib/mongo.model.js';
import type { Caller } from '../realtime/handlers.js';
import type { Notifier } from '../realtime/notifier.js';
import type { AuditService } from '../audit/audit.service.js';
import { isStaff } from '../policies/index.js';
import { nationalNumber } from '../auth/phone.js';
import { authorize, loadAccess, requireAccess, type AccessDeps } from './access.js';
import type { CommunityDoc, JoinRequestDoc, MembershipDoc } from './community.model.js';
import { presentCommunity, presentJoinRequest, presentMember, presentMembership, presentMyCommunity, publicMember } from './presenters.js';
import { createNotificationService } from '../notifications/notification.service.js';

// No 0/O/1/I: codes are read aloud and typed on phones.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const newInviteCode = () =>
  Array.from({ length: LIMITS.inviteCode.length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface CommunityDeps extends AccessDeps {
  notify: Notifier;
  audit: AuditService;
  /** Creates the default channels (and anything else a new community needs). */
  onCommunityCreated: (communityId: string, creator: Caller) => Promise<void>;
}

export function createCommunityService(deps: CommunityDeps) {
  const { models, notify, audit } = deps;
  // Stateless (the database and the notifier): built here rather than passed in.
  const notifications = createNotificationService({ models, notify });

  async function getCommunity(communityId: string): Promise<CommunityDoc> {
    const c = (await models.Community.findOne({ _id: communityId }).lean()) as CommunityDoc | null;
    if (!c) throw notFound('Community');
    return c;
  }

  const myCommunity = presentMyCommunity;

  async function orgIdsOf(communityId: string, userId: string): Promise<string[]> {
    const orgs = await models.Organisation.find({ communityId, 'staff.userId': userId }, { _id: 1 }).lean();
    return orgs.map((o) => o._id.toString());
  }

  async function memberView(m: MembershipDoc, viewerIsStaff: boolean): Promise<Member> {
    const orgIds = await orgIdsOf(m.communityId.toString(), m.userId.toString());
    let phone: string | null = null;
    if (viewerIsStaff) {
      const u = await models.User.findOne({ _id: m.userId }, { phone: 1 }).lean();
      phone = u ? nationalNumber(u.phone) : null;
    }
    return presentMember(m, orgIds, viewerIsStaff ? { phone } : null);
  }

  /** Adds (or re-activates) a membership, then tells everyone concerned. */
  async function admit(communityId: string, userId: string, role: MemberRole): Promise<MyCommunity> {
    const user = await models.User.findOne({ _id: userId }).lean();
    if (!user) throw notFound('User');
    const existing = (await models.Membership.findOne({ communityId, userId }).lean()) as MembershipDoc | null;
    if (existing?.status === 'banned') throw forbidden('You are banned from this community');
    if (existing?.status === 'active') throw conflict('Already a member');
    const t = new Date();
    try {
      await models.Membership.updateOne(
        { communityId, userId },
        { $set: { role, status: 'active', displayName: user.displayName, joinedAt: t, banReason: '' }, $setOnInsert: { household: null } },
        { upsert: true },
      );
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict('Already a member');
      throw err;
    }
    await deps.memberships.changed(communityId, userId);
    await models.Community.updateOne({ _id: communityId }, { $inc: { memberCount: 1 } });
    const m = (await models.Membership.findOne({ communityId, userId }).lean()) as MembershipDoc;
    const c = await getCommunity(communityId);
    notify.enterCommunity(userId, communityId, m.role, []);
    const mine = myCommunity(c, m);
    notify.toUser(userId, 'membership:changed', mine);
    notify.toCommunity(communityId, 'member:joined', presentMember(m, [], null));
    notify.toCommunity(communityId, 'community:updated', mine.community);
    return mine;
  }

  async function removeFromCommunity(communityId: string, userId: string, status: 'banned' | 'left', reason = '') {
    const res = await models.Membership.updateOne(
      { communityId, userId, status: 'active' },
      { $set: { status, banReason: reason } },
    );
    if (res.modifiedCount === 0) return false;
    // Told before the invalidation goes out: another node that sees a ban in it closes
    // the user's sockets there, and this notice must reach them first.
    notify.toUser(userId, 'membership:revoked', { communityId, reason: status });
    await deps.memberships.changed(communityId, userId);
    const c = (await models.Community.findOneAndUpdate({ _id: communityId }, { $inc: { memberCount: -1 } }, { new: true }).lean()) as CommunityDoc | null;
    const orgIds = await orgIdsOf(communityId, userId);
    notify.leaveCommunity(userId, communityId, orgIds);
    notify.toCommunity(communityId, 'member:removed', { communityId, userId });
    if (c) notify.toCommunity(communityId, 'community:updated', presentCommunity(c));
    return true;
  }

  return {
    admit,

    async listMine(caller: Caller): Promise<MyCommunity[]> {
      const ms = await deps.memberships.ofUser(caller.userId);
      if (ms.length === 0) return [];
      const cs = (await models.Community.find({ _id: op({ $in: ms.map((m) => m.communityId) }) }).lean()) as CommunityDoc[];
      const byId = new Map(cs.map((c) => [c._id.toString(), c]));
      return ms.flatMap((m) => {
        const c = byId.get(m.communityId.toString());
        return c ? [myCommunity(c, m)] : [];
      });
    },

    async create(caller: Caller, input: EventPayload<'community:create'>): Promise<MyCommunity> {
      authorize({ actor: { userId: caller.userId, isPlatformAdmin: caller.isPlatformAdmin, role: null, organisationIds: [] }, membership: null }, 'community.create', { type: 'platform' });
      let created: CommunityDoc | null = null;
      for (let attempt = 0; attempt < 5 && !created; attempt++) {
        try {
          const doc = await models.Community.create({ ...input, inviteCode: newInviteCode(), memberCount: 0, createdBy: caller.userId });
          created = doc.toObject() as CommunityDoc;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          const clash = await models.Community.findOne({ district: input.district, street: input.street, name: input.name }).lean();
          if (clash) throw conflict('A community with this name already exists in that street');
        }
      }
      if (!created) throw new AppError('INTERNAL', 'Could not allocate an invite code');
      const communityId = created._id.toString();
      const mine = await admit(communityId, caller.userId, 'admin');
      await deps.onCommunityCreated(communityId, caller);
      await audit.record(communityId, caller, 'community.create', { type: 'community', id: communityId }, { name: input.name });
      return mine;
    },

    async update(caller: Caller, input: EventPayload<'community:update'>) {
      await requireAccess(deps, caller, input.communityId, 'community.update');
      const { communityId, ...fields } = input;
      const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      try {
        await models.Community.updateOne({ _id: communityId }, { $set: set });
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('A community with this name already exists in that street');
        throw err;
      }
      const c = presentCommunity(await getCommunity(communityId));
      await audit.record(communityId, caller, 'community.update', { type: 'community', id: communityId }, Object.fromEntries(Object.entries(set).map(([k, v]) => [k, String(v)])));
      notify.toCommunity(communityId, 'community:updated', c);
      return c;
    },

    /** Public cards for finding a community to ask to join. */
    async discover(caller: Caller, input: EventPayload<'community:discover'>): Promise<CommunityCard[]> {
      const q = input.query ? new RegExp(escapeRegex(input.query), 'i') : null;
      const filter = q ? op({ $or: [{ name: q }, { street: q }, { district: q }] }) : {};
      const cs = (await models.Community.find(filter).sort({ name: 1 }).limit(50).lean()) as CommunityDoc[];
      const ids = cs.map((c) => c._id);
      const [ms, rs] = await Promise.all([
        models.Membership.find({ userId: caller.userId, communityId: op({ $in: ids }) }).lean(),
        models.JoinRequest.find({ userId: caller.userId, communityId: op({ $in: ids }) }).lean(),
      ]);
      const memberOf = new Set(ms.filter((m) => m.status === 'active').map((m) => m.communityId.toString()));
      const requests = new Map(rs.map((r) => [r.communityId.toString(), r.status]));
      return cs.map((c) => ({
        id: c._id.toString(),
        name: c.name,
        street: c.street,
        district: c.district,
        memberCount: c.memberCount ?? 0,
        isMember: memberOf.has(c._id.toString()),
        myRequestStatus: requests.get(c._id.toString()) ?? null,
      }));
    },

    async joinByCode(caller: Caller, input: EventPayload<'community:joinByCode'>): Promise<MyCommunity> {
      const c = (await models.Community.findOne({ inviteCode: input.inviteCode }).lean()) as CommunityDoc | null;
      if (!c) throw notFound('Invite code');
      const mine = await admit(c._id.toString(), caller.userId, 'resident');
      // A pending request is settled by joining with a code.
      await models.JoinRequest.updateOne(
        { communityId: c._id, userId: caller.userId, status: 'pending' },
        { $set: { status: 'approved', decidedAt: new Date() } },
      );
      return mine;
    },

    async requestJoin(caller: Caller, input: EventPayload<'community:requestJoin'>) {
      await getCommunity(input.communityId);
      const m = await models.Membership.findOne({ communityId: input.communityId, userId: caller.userId }).lean();
      if (m?.status === 'active') throw conflict('Already a member');
      if (m?.status === 'banned') throw forbidden('You are banned from this community');
      const prev = await models.JoinRequest.findOne({ communityId: input.communityId, userId: caller.userId }).lean();
      if (prev?.status === 'pending') throw conflict('Your request is already waiting for a moderator');
      await models.JoinRequest.updateOne(
        { communityId: input.communityId, userId: caller.userId },
        {
          $set: { displayName: caller.displayName, message: input.message, status: 'pending', decidedBy: null, decidedAt: null, requestedAt: new Date() },
        },
        { upsert: true },
      );
      const r = presentJoinRequest((await models.JoinRequest.findOne({ communityId: input.communityId, userId: caller.userId }).lean()) as JoinRequestDoc);
      notify.toStaff(input.communityId, 'joinRequest:created', r);
      return r;
    },

    async listJoinRequests(caller: Caller, input: EventPayload<'community:listJoinRequests'>) {
      await requireAccess(deps, caller, input.communityId, 'joinRequest.decide');
      const rs = (await models.JoinRequest.find({ communityId: input.communityId, status: input.status }).sort({ requestedAt: 1 }).limit(LIMITS.pageSize.max).lean()) as JoinRequestDoc[];
      return rs.map(presentJoinRequest);
    },

    async decideJoinRequest(caller: Caller, input: EventPayload<'community:decideJoinRequest'>) {
      const r = (await models.JoinRequest.findOne({ _id: input.requestId }).lean()) as JoinRequestDoc | null;
      if (!r) throw notFound('Join request');
      const communityId = r.communityId.toString();
      await requireAccess(deps, caller, communityId, 'joinRequest.decide');
      // Only one moderator's decision wins when two click at once.
      const res = await models.JoinRequest.updateOne(
        { _id: r._id, status: 'pending' },
        { $set: { status: input.approve ? 'approved' : 'rejected', decidedBy: caller.userId, decidedAt: new Date() } },
      );
      if (res.modifiedCount === 0) throw conflict('This request was already decided');
      if (input.approve) {
        await admit(communityId, r.userId.toString(), 'resident').catch((err: unknown) => {
          if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
        });
      }
      const decided = presentJoinRequest((await models.JoinRequest.findOne({ _id: r._id }).lean()) as JoinRequestDoc);
      await audit.record(communityId, caller, input.approve ? 'joinRequest.approve' : 'joinRequest.reject', { type: 'user', id: decided.userId }, { name: decided.displayName });
      notify.toStaff(communityId, 'joinRequest:decided', decided);
      notify.toUser(decided.userId, 'joinRequest:decided', decided);
      return decided;
    },

    async rotateInviteCode(caller: Caller, input: EventPayload<'community:rotateInviteCode'>) {
      await requireAccess(deps, caller, input.communityId, 'community.manageInvites');
      for (let attempt = 0; attempt < 5; attempt++) {
        const inviteCode = newInviteCode();
        try {
          await models.Community.updateOne({ _id: input.communityId }, { $set: { inviteCode } });
          await audit.record(input.communityId, caller, 'community.rotateInviteCode', { type: 'community', id: input.communityId });
          return { inviteCode };
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
        }
      }
      throw new AppError('INTERNAL', 'Could not allocate an invite code');
    },

    async leave(caller: Caller, input: EventPayload<'community:leave'>) {
      const access = await requireAccess(deps, caller, input.communityId, 'community.view');
      if (access.actor.role === 'admin') {
        const admins = await models.Membership.countDocuments({ communityId: input.communityId, role: 'admin', status: 'active' });
        if (admins <= 1) throw conflict('Appoint another admin before leaving');
      }
      await removeFromCommunity(input.communityId, caller.userId, 'left');
      return { communityId: input.communityId };
    },

    async listMembers(caller: Caller, input: EventPayload<'member:list'>): Promise<Member[]> {
      const access = await requireAccess(deps, caller, input.communityId, 'member.list');
      const staff = isStaff(access.actor.role);
      if ((input.householdPending || input.banned) && !staff) throw forbidden();
      const filter: Record<string, unknown> = { communityId: input.communityId, status: input.banned ? 'banned' : 'active' };
      if (input.query) filter.displayName = op({ $regex: escapeRegex(input.query), $options: 'i' });
      if (input.householdPending) filter['household.status'] = 'unverified';
      if (input.roles) filter.role = op({ $in: input.roles });
      const ms = (await models.Membership.find(filter).sort({ displayName: 1 }).limit(LIMITS.pageSize.max).lean()) as MembershipDoc[];
      const orgs = await models.Organisation.find({ communityId: input.communityId }, { staff: 1 }).lean();
      const orgIdsByUser = new Map<string, string[]>();
      for (const o of orgs) for (const s of o.staff) {
        const k = s.userId.toString();
        orgIdsByUser.set(k, [...(orgIdsByUser.get(k) ?? []), o._id.toString()]);
      }
      const phones = new Map<string, string>();
      if (staff) {
        const users = await models.User.find({ _id: op({ $in: ms.map((m) => m.userId) }) }, { phone: 1 }).lean();
        for (const u of users) phones.set(u._id.toString(), nationalNumber(u.phone));
      }
      return ms.map((m) => {
        const uid = m.userId.toString();
        const view = staff ? { phone: phones.get(uid) ?? null } : uid === caller.userId ? { phone: null } : null;
        return presentMember(m, orgIdsByUser.get(uid) ?? [], view);
      });
    },

    async setRole(caller: Caller, input: EventPayload<'member:setRole'>): Promise<Member> {
      const access = await loadAccess(deps, caller, input.communityId);
      // Check the caller's own right first, so outsiders learn nothing about who is a member.
      authorize(access, 'member.setRole', { type: 'roleChange', userId: input.userId, from: 'resident', to: input.role });
      const target = (await models.Membership.findOne({ communityId: input.communityId, userId: input.userId, status: 'active' }).lean()) as MembershipDoc | null;
      if (!target) throw notFound('Member');
      authorize(access, 'member.setRole', { type: 'roleChange', userId: input.userId, from: target.role, to: input.role });
      if (target.role === 'admin' && input.role !== 'admin') {
        const admins = await models.Membership.countDocuments({ communityId: input.communityId, role: 'admin', status: 'active' });
        if (admins <= 1) throw conflict('A community needs at least one admin');
      }
      await models.Membership.updateOne({ _id: target._id }, { $set: { role: input.role } });
      await deps.memberships.changed(input.communityId, input.userId);
      const updated = (await models.Membership.findOne({ _id: target._id }).lean()) as MembershipDoc;
      notify.changeRole(input.userId, input.communityId, input.role);
      await audit.record(input.communityId, caller, 'member.setRole', { type: 'user', id: input.userId }, { from: target.role, to: input.role, name: target.displayName });
      const c = await getCommunity(input.communityId);
      notify.toUser(input.userId, 'membership:changed', myCommunity(c, updated));
      const member = await memberView(updated, true);
      notify.toCommunity(input.communityId, 'member:updated', publicMember(member));
      return member;
    },

    async ban(caller: Caller, input: EventPayload<'member:ban'>) {
      const access = await loadAccess(deps, caller, input.communityId);
      // Anyone who could ban a resident may learn whether the target is a member.
      authorize(access, 'member.ban', { type: 'member', userId: input.userId, role: 'resident' });
      const target = (await models.Membership.findOne({ communityId: input.communityId, userId: input.userId, status: 'active' }).lean()) as MembershipDoc | null;
      if (!target) throw notFound('Member');
      authorize(access, 'member.ban', { type: 'member', userId: input.userId, role: target.role });
      await removeFromCommunity(input.communityId, input.userId, 'banned', input.reason);
      await audit.record(input.communityId, caller, 'member.ban', { type: 'user', id: input.userId }, { reason: input.reason, name: target.displayName });
      // Reconnect the banned user's sockets so nothing of this community stays subscribed.
      notify.disconnectUser(input.userId);
      return { userId: input.userId };
    },

    /**
     * Lifts a ban. The user does not become a member again: they may join with a
     * code or ask to join, like anyone. Audited; the user gets an in-app
     * notification (live when online), staff see the banned list shrink.
     */
    async unban(caller: Caller, input: EventPayload<'member:unban'>) {
      const { communityId, userId } = input;
      const access = await loadAccess(deps, caller, communityId);
      // As for ban: who could ban a resident may learn whether the target is banned.
      authorize(access, 'member.unban', { type: 'member', userId, role: 'resident' });
      const target = (await models.Membership.findOne({ communityId, userId, status: 'banned' }).lean()) as MembershipDoc | null;
      if (!target) throw notFound('Banned member');
      authorize(access, 'member.unban', { type: 'member', userId, role: target.role });
      // Conditional on the ban still standing: of two staff lifting it at once, one does.
      const res = await models.Membership.updateOne({ _id: target._id, status: 'banned' }, { $set: { status: 'left', banReason: '' } });
      if (res.modifiedCount === 0) throw notFound('Banned member');
      await deps.memberships.changed(communityId, userId);
      await audit.record(communityId, caller, 'member.unban', { type: 'user', id: userId }, { name: target.displayName, reason: input.reason });
      notify.toStaff(communityId, 'member:unbanned', { communityId, userId });
      const c = await getCommunity(communityId);
      await notifications.create({ userId, communityId, kind: 'unban', actorName: caller.displayName, excerpt: c.name });
      return { communityId, userId };
    },

    async setHousehold(caller: Caller, input: EventPayload<'household:set'>) {
      const access = await requireAccess(deps, caller, input.communityId, 'household.record');
      const { building, unit, room } = input;
      await models.Membership.updateOne(
        { _id: access.membership!._id },
        { $set: { household: { building, unit, room, status: 'unverified', verifiedAt: null, verifiedBy: null } } },
      );
      await deps.memberships.changed(input.communityId, caller.userId);
      const m = (await models.Membership.findOne({ _id: access.membership!._id }).lean()) as MembershipDoc;
      const member = await memberView(m, true);
      notify.toStaff(input.communityId, 'member:updated', member);
      return presentMembership(m);
    },

    async verifyHousehold(caller: Caller, input: EventPayload<'household:verify'>): Promise<Member> {
      await requireAccess(deps, caller, input.communityId, 'household.verify');
      const target = (await models.Membership.findOne({ communityId: input.communityId, userId: input.userId, status: 'active' }).lean()) as MembershipDoc | null;
      if (!target) throw notFound('Member');
      if (!target.household) throw conflict('This member has not recorded a household');
      await models.Membership.updateOne(
        { _id: target._id },
        { $set: { 'household.status': input.approve ? 'verified' : 'rejected', 'household.verifiedAt': new Date(), 'household.verifiedBy': caller.userId } },
      );
      await deps.memberships.changed(input.communityId, input.userId);
      const m = (await models.Membership.findOne({ _id: target._id }).lean()) as MembershipDoc;
      await audit.record(input.communityId, caller, input.approve ? 'household.verify' : 'household.reject', { type: 'user', id: input.userId }, {
        name: m.displayName,
        household: `${m.household?.building ?? ''}-${m.household?.unit ?? ''}-${m.household?.room ?? ''}`,
      });
      const c = await getCommunity(input.communityId);
      notify.toUser(input.userId, 'membership:changed', myCommunity(c, m));
      const member = await memberView(m, true);
      notify.toCommunity(input.communityId, 'member:updated', publicMember(member));
      notify.toStaff(input.communityId, 'member:updated', member);
      return member;
    },
  };
}

export type CommunityService = ReturnType<typeof createCommunityService>;
