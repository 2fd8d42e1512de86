import type { MemberRole, MyCommunity, Member } from '@linli/shared';
import { conflict, forbidden, isDuplicateKey, notFound } from '../lib/errors.js';
import { op } from '../lib/db.js';
import type { Models } from '../models.js';
import type { Notifier } from '../realtime/notifier.js';
import { authorize, type Access } from '../context/access.js';
import { nationalNumber } from '../auth/phone.js';
import type { CommunityDoc } from '../communities/community.model.js';
import { presentCommunity, presentMyCommunity } from '../communities/presenters.js';
import type { Staffing } from '../organisations/staffing.js';
import type { MembershipCache } from './membership-cache.js';
import type { MembershipDoc } from './member.model.js';
import { presentMember, publicMember, publicView } from './presenters.js';

/**
 * Writing memberships and telling everyone concerned: joining, leaving, being
 * banned, and any change to one member (role, household, mute). Used by the
 * communities, members, households and moderation capabilities.
 */
export function createMembershipOps(deps: { models: Models; memberships: MembershipCache; staffing: Staffing; notify: Notifier }) {
  const { models, notify } = deps;

  async function community(communityId: string): Promise<CommunityDoc> {
    const found = (await models.Community.findOne({ _id: communityId }).lean()) as CommunityDoc | null;
    if (!found) throw notFound('Community');
    return found;
  }

  /** A membership in this state (an active member, a banned one), or NOT_FOUND. */
  async function membershipIn(status: 'active' | 'banned', communityId: string, userId: string): Promise<MembershipDoc> {
    const target = (await models.Membership.findOne({ communityId, userId, status }).lean()) as MembershipDoc | null;
    if (!target) throw notFound(status === 'active' ? 'Member' : 'Banned member');
    return target;
  }

  /** An active member, or NOT_FOUND. */
  const activeMember = (communityId: string, userId: string) => membershipIn('active', communityId, userId);

  /** Phone numbers (national form) of these users. */
  async function phonesOf(userIds: unknown[]): Promise<Map<string, string>> {
    const phones = new Map<string, string>();
    if (userIds.length === 0) return phones;
    const users = await models.User.find({ _id: op({ $in: userIds }) }, { phone: 1 }).lean();
    for (const user of users) phones.set(user._id.toString(), nationalNumber(user.phone));
    return phones;
  }

  /** A member as staff see them (household and masked phone). */
  async function staffView(membership: MembershipDoc): Promise<Member> {
    const userId = membership.userId.toString();
    const [organisationIds, phones] = await Promise.all([deps.staffing.of(membership.communityId.toString(), userId), phonesOf([membership.userId])]);
    return presentMember(membership, organisationIds, { household: true, phone: phones.get(userId) ?? null });
  }

  return {
    community,

    /** Refuses a change that would leave the community without an admin. */
    async keepAnAdmin(communityId: string, message: string): Promise<void> {
      const admins = await models.Membership.countDocuments({ communityId, role: 'admin', status: 'active' });
      if (admins <= 1) throw conflict(message);
    },
    activeMember,

    /**
     * The member a staff action (ban, unban, mute) targets, once the rule allows it.
     * The rule is asked first as if the target were a resident, so that only who
     * could act on a resident learns whether the target is a member (or banned).
     */
    async targetMember(access: Access, action: 'member.ban' | 'member.unban' | 'member.mute', communityId: string, userId: string, status: 'active' | 'banned' = 'active'): Promise<MembershipDoc> {
      authorize(access, action, { userId, role: 'resident' });
      const target = await membershipIn(status, communityId, userId);
      authorize(access, action, { userId, role: target.role });
      return target;
    },
    phonesOf,
    staffView,

    /** Adds (or re-activates) a membership, then tells everyone concerned. */
    async admit(communityId: string, userId: string, role: MemberRole): Promise<MyCommunity> {
      const user = await models.User.findOne({ _id: userId }).lean();
      if (!user) throw notFound('User');
      const existing = (await models.Membership.findOne({ communityId, userId }).lean()) as MembershipDoc | null;
      if (existing?.status === 'banned') throw forbidden('You are banned from this community');
      if (existing?.status === 'active') throw conflict('Already a member');
      try {
        await models.Membership.updateOne(
          { communityId, userId },
          { $set: { role, status: 'active', displayName: user.displayName, joinedAt: new Date(), banReason: '' }, $setOnInsert: { household: null } },
          { upsert: true },
        );
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('Already a member');
        throw err;
      }
      await deps.memberships.changed(communityId, userId);
      await models.Community.updateOne({ _id: communityId }, { $inc: { memberCount: 1 } });
      const membership = (await models.Membership.findOne({ communityId, userId }).lean()) as MembershipDoc;
      const mine = presentMyCommunity(await community(communityId), membership);
      notify.enterCommunity(userId, communityId, membership.role, []);
      notify.toUser(userId, 'membership:changed', mine);
      notify.toCommunity(communityId, 'member:joined', presentMember(membership, [], publicView));
      notify.toCommunity(communityId, 'community:updated', mine.community);
      return mine;
    },

    /** Ends an active membership (banned or left); false when there was none. */
    async remove(communityId: string, userId: string, status: 'banned' | 'left', reason = ''): Promise<boolean> {
      const res = await models.Membership.updateOne({ communityId, userId, status: 'active' }, { $set: { status, banReason: reason } });
      if (res.modifiedCount === 0) return false;
      // Told before the invalidation goes out: another node that sees a ban in it closes
      // the user's sockets there, and this notice must reach them first.
      notify.toUser(userId, 'membership:revoked', { communityId, reason: status });
      await deps.memberships.changed(communityId, userId);
      const updated = (await models.Community.findOneAndUpdate({ _id: communityId }, { $inc: { memberCount: -1 } }, { new: true }).lean()) as CommunityDoc | null;
      notify.leaveCommunity(userId, communityId, await deps.staffing.of(communityId, userId));
      notify.toCommunity(communityId, 'member:removed', { communityId, userId });
      if (updated) notify.toCommunity(communityId, 'community:updated', presentCommunity(updated));
      return true;
    },

    /**
     * After a change to one membership: refreshes the caches, then the member
     * gets their own view, everyone the public card and staff the full one.
     * Answers the staff view.
     */
    async changed(membership: MembershipDoc): Promise<Member> {
      const communityId = membership.communityId.toString();
      const userId = membership.userId.toString();
      await deps.memberships.changed(communityId, userId);
      const updated = (await models.Membership.findOne({ _id: membership._id }).lean()) as MembershipDoc;
      notify.toUser(userId, 'membership:changed', presentMyCommunity(await community(communityId), updated));
      const member = await staffView(updated);
      notify.toCommunity(communityId, 'member:updated', publicMember(member));
      notify.toStaff(communityId, 'member:updated', member);
      return member;
    },
  };
}

export type MembershipOps = ReturnType<typeof createMembershipOps>;
