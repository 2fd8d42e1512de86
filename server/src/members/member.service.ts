import { LIMITS, can, type EventPayload, type Member } from '@linli/shared';
import { forbidden, notFound } from '../lib/errors.js';
import { escapeRegex, op } from '../lib/db.js';
import type { Caller } from '../context/caller.js';
import { authorize, loadAccess, requireAccess, type AccessDeps } from '../context/access.js';
import type { Notifier } from '../realtime/notifier.js';
import type { AuditService } from '../audit/audit.service.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { Staffing } from '../organisations/staffing.js';
import type { MembershipDoc } from './member.model.js';
import type { MembershipOps } from './memberships.js';
import { presentMember } from './presenters.js';

/** The member list, roles and bans. */
export function createMemberService(deps: AccessDeps & {
  notify: Notifier;
  audit: AuditService;
  members: MembershipOps;
  staffing: Staffing;
  notifications: NotificationService;
}) {
  const { models, notify, audit, members } = deps;

  return {
    async list(caller: Caller, input: EventPayload<'member:list'>): Promise<Member[]> {
      const access = await requireAccess(deps, caller, input.communityId, 'member.list');
      const seesPhones = can(access.actor, 'member.viewPhone');
      // Pending households and banned members are staff queues.
      if ((input.householdPending || input.banned) && !seesPhones) throw forbidden();
      const filter: Record<string, unknown> = { communityId: input.communityId, status: input.banned ? 'banned' : 'active' };
      if (input.query) filter.displayName = op({ $regex: escapeRegex(input.query), $options: 'i' });
      if (input.householdPending) filter['household.status'] = 'unverified';
      if (input.roles) filter.role = op({ $in: input.roles });
      const found = (await models.Membership.find(filter).sort({ displayName: 1 }).limit(LIMITS.pageSize.max).lean()) as MembershipDoc[];
      const [organisations, phones] = await Promise.all([
        deps.staffing.byUser(input.communityId),
        seesPhones ? members.phonesOf(found.map((membership) => membership.userId)) : Promise.resolve(new Map<string, string>()),
      ]);
      return found.map((membership) => {
        const userId = membership.userId.toString();
        const view = { household: can(access.actor, 'member.viewHousehold', { userId }), phone: phones.get(userId) ?? null };
        return presentMember(membership, organisations.get(userId) ?? [], view);
      });
    },

    async setRole(caller: Caller, input: EventPayload<'member:setRole'>): Promise<Member> {
      const access = await loadAccess(deps, caller, input.communityId);
      // Check the caller's own right first, so outsiders learn nothing about who is a member.
      authorize(access, 'member.setRole', { userId: input.userId, from: 'resident', to: input.role });
      const target = await members.activeMember(input.communityId, input.userId);
      authorize(access, 'member.setRole', { userId: input.userId, from: target.role, to: input.role });
      if (target.role === 'admin' && input.role !== 'admin') await members.keepAnAdmin(input.communityId, 'A community needs at least one admin');
      await models.Membership.updateOne({ _id: target._id }, { $set: { role: input.role } });
      notify.changeRole(input.userId, input.communityId, input.role);
      await audit.record(input.communityId, caller, 'member.setRole', { type: 'user', id: input.userId }, { from: target.role, to: input.role, name: target.displayName });
      return members.changed(target);
    },

    async ban(caller: Caller, input: EventPayload<'member:ban'>) {
      const access = await loadAccess(deps, caller, input.communityId);
      const target = await members.targetMember(access, 'member.ban', input.communityId, input.userId);
      await members.remove(input.communityId, input.userId, 'banned', input.reason);
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
      const target = await members.targetMember(access, 'member.unban', communityId, userId, 'banned');
      // Conditional on the ban still standing: of two staff lifting it at once, one does.
      const res = await models.Membership.updateOne({ _id: target._id, status: 'banned' }, { $set: { status: 'left', banReason: '' } });
      if (res.modifiedCount === 0) throw notFound('Banned member');
      await deps.memberships.changed(communityId, userId);
      await audit.record(communityId, caller, 'member.unban', { type: 'user', id: userId }, { name: target.displayName, reason: input.reason });
      notify.toStaff(communityId, 'member:unbanned', { communityId, userId });
      const community = await members.community(communityId);
      await deps.notifications.create({ userId, communityId, kind: 'unban', actorName: caller.displayName, excerpt: community.name });
      return { communityId, userId };
    },
  };
}

export type MemberService = ReturnType<typeof createMemberService>;
