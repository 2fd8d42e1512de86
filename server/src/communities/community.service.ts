import { randomInt } from 'node:crypto';
import { LIMITS, can, outsider, type CommunityCard, type EventPayload, type MyCommunity } from '@linli/shared';
import { AppError, conflict, forbidden, isDuplicateKey, notFound } from '../lib/errors.js';
import { escapeRegex, givenFields, op } from '../lib/db.js';
import type { Caller } from '../context/caller.js';
import { requireAccess, type AccessDeps } from '../context/access.js';
import type { Notifier } from '../realtime/notifier.js';
import type { AuditService } from '../audit/audit.service.js';
import type { MembershipOps } from '../members/memberships.js';
import type { CommunityDoc, JoinRequestDoc } from './community.model.js';
import { presentCommunity, presentCommunityCard, presentJoinRequest, presentMyCommunity } from './presenters.js';

// No 0/O/1/I: codes are read aloud and typed on phones.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const newInviteCode = () =>
  Array.from({ length: LIMITS.inviteCode.length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/**
 * Runs a write with a new invite code until the unique index takes one (5 tries).
 * `onDuplicate` runs after each duplicate-key refusal: it throws when another index refused.
 */
async function withNewInviteCode<Result>(write: (inviteCode: string) => Promise<Result>, onDuplicate: () => Promise<void> = async () => undefined): Promise<Result> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await write(newInviteCode());
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await onDuplicate();
    }
  }
  throw new AppError('INTERNAL', 'Could not allocate an invite code');
}

export interface CommunityDeps extends AccessDeps {
  notify: Notifier;
  members: MembershipOps;
  audit: AuditService;
  /** Creates the default channels (and anything else a new community needs). */
  onCommunityCreated: (communityId: string, creator: Caller) => Promise<void>;
}

export function createCommunityService(deps: CommunityDeps) {
  const { models, notify, audit, members } = deps;
  const { admit } = members;

  return {
    async listMine(caller: Caller): Promise<MyCommunity[]> {
      const memberships = await deps.memberships.ofUser(caller.userId);
      if (memberships.length === 0) return [];
      const communities = (await models.Community.find({ _id: op({ $in: memberships.map((membership) => membership.communityId) }) }).lean()) as CommunityDoc[];
      const byId = new Map(communities.map((community) => [community._id.toString(), community]));
      return memberships.flatMap((membership) => {
        const community = byId.get(membership.communityId.toString());
        return community ? [presentMyCommunity(community, membership)] : [];
      });
    },

    async create(caller: Caller, input: EventPayload<'community:create'>): Promise<MyCommunity> {
      if (!can(outsider(caller.userId, caller.isPlatformAdmin), 'community.create')) throw forbidden();
      const created = await withNewInviteCode(
        async (inviteCode) => (await models.Community.create({ ...input, inviteCode, memberCount: 0, createdBy: caller.userId })).toObject() as CommunityDoc,
        async () => {
          const clash = await models.Community.findOne({ district: input.district, street: input.street, name: input.name }).lean();
          if (clash) throw conflict('A community with this name already exists in that street');
        },
      );
      const communityId = created._id.toString();
      const mine = await admit(communityId, caller.userId, 'admin');
      await deps.onCommunityCreated(communityId, caller);
      await audit.record(communityId, caller, 'community.create', { type: 'community', id: communityId }, { name: input.name });
      return mine;
    },

    async update(caller: Caller, input: EventPayload<'community:update'>) {
      await requireAccess(deps, caller, input.communityId, 'community.update');
      const { communityId, ...fields } = input;
      const set = givenFields(fields);
      try {
        await models.Community.updateOne({ _id: communityId }, { $set: set });
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('A community with this name already exists in that street');
        throw err;
      }
      const community = presentCommunity(await members.community(communityId));
      await audit.record(communityId, caller, 'community.update', { type: 'community', id: communityId }, Object.fromEntries(Object.entries(set).map(([field, value]) => [field, String(value)])));
      notify.toCommunity(communityId, 'community:updated', community);
      return community;
    },

    /** Public cards for finding a community to ask to join. */
    async discover(caller: Caller, input: EventPayload<'community:discover'>): Promise<CommunityCard[]> {
      const pattern = input.query ? new RegExp(escapeRegex(input.query), 'i') : null;
      const filter = pattern ? op({ $or: [{ name: pattern }, { street: pattern }, { district: pattern }] }) : {};
      const communities = (await models.Community.find(filter).sort({ name: 1 }).limit(50).lean()) as CommunityDoc[];
      const ids = communities.map((community) => community._id);
      const [memberships, joinRequests] = await Promise.all([
        models.Membership.find({ userId: caller.userId, communityId: op({ $in: ids }) }).lean(),
        models.JoinRequest.find({ userId: caller.userId, communityId: op({ $in: ids }) }).lean(),
      ]);
      const memberOf = new Set(memberships.filter((membership) => membership.status === 'active').map((membership) => membership.communityId.toString()));
      const requests = new Map(joinRequests.map((request) => [request.communityId.toString(), request.status]));
      return communities.map((community) =>
        presentCommunityCard(community, memberOf.has(community._id.toString()), requests.get(community._id.toString()) ?? null),
      );
    },

    async joinByCode(caller: Caller, input: EventPayload<'community:joinByCode'>): Promise<MyCommunity> {
      const community = (await models.Community.findOne({ inviteCode: input.inviteCode }).lean()) as CommunityDoc | null;
      if (!community) throw notFound('Invite code');
      const mine = await admit(community._id.toString(), caller.userId, 'resident');
      // A pending request is settled by joining with a code.
      await models.JoinRequest.updateOne(
        { communityId: community._id, userId: caller.userId, status: 'pending' },
        { $set: { status: 'approved', decidedAt: new Date() } },
      );
      return mine;
    },

    async requestJoin(caller: Caller, input: EventPayload<'community:requestJoin'>) {
      await members.community(input.communityId);
      const membership = await models.Membership.findOne({ communityId: input.communityId, userId: caller.userId }).lean();
      if (membership?.status === 'active') throw conflict('Already a member');
      if (membership?.status === 'banned') throw forbidden('You are banned from this community');
      const prev = await models.JoinRequest.findOne({ communityId: input.communityId, userId: caller.userId }).lean();
      if (prev?.status === 'pending') throw conflict('Your request is already waiting for a moderator');
      await models.JoinRequest.updateOne(
        { communityId: input.communityId, userId: caller.userId },
        {
          $set: { displayName: caller.displayName, message: input.message, status: 'pending', decidedBy: null, decidedAt: null, requestedAt: new Date() },
        },
        { upsert: true },
      );
      const request = presentJoinRequest((await models.JoinRequest.findOne({ communityId: input.communityId, userId: caller.userId }).lean()) as JoinRequestDoc);
      notify.toStaff(input.communityId, 'joinRequest:created', request);
      return request;
    },

    async listJoinRequests(caller: Caller, input: EventPayload<'community:listJoinRequests'>) {
      await requireAccess(deps, caller, input.communityId, 'joinRequest.decide');
      const requests = (await models.JoinRequest.find({ communityId: input.communityId, status: input.status }).sort({ requestedAt: 1 }).limit(LIMITS.pageSize.max).lean()) as JoinRequestDoc[];
      return requests.map(presentJoinRequest);
    },

    async decideJoinRequest(caller: Caller, input: EventPayload<'community:decideJoinRequest'>) {
      const request = (await models.JoinRequest.findOne({ _id: input.requestId }).lean()) as JoinRequestDoc | null;
      if (!request) throw notFound('Join request');
      const communityId = request.communityId.toString();
      await requireAccess(deps, caller, communityId, 'joinRequest.decide');
      // Only one moderator's decision wins when two click at once.
      const res = await models.JoinRequest.updateOne(
        { _id: request._id, status: 'pending' },
        { $set: { status: input.approve ? 'approved' : 'rejected', decidedBy: caller.userId, decidedAt: new Date() } },
      );
      if (res.modifiedCount === 0) throw conflict('This request was already decided');
      if (input.approve) {
        await admit(communityId, request.userId.toString(), 'resident').catch((err: unknown) => {
          if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
        });
      }
      const decided = presentJoinRequest((await models.JoinRequest.findOne({ _id: request._id }).lean()) as JoinRequestDoc);
      await audit.record(communityId, caller, input.approve ? 'joinRequest.approve' : 'joinRequest.reject', { type: 'user', id: decided.userId }, { name: decided.displayName });
      notify.toStaff(communityId, 'joinRequest:decided', decided);
      notify.toUser(decided.userId, 'joinRequest:decided', decided);
      return decided;
    },

    async rotateInviteCode(caller: Caller, input: EventPayload<'community:rotateInviteCode'>) {
      await requireAccess(deps, caller, input.communityId, 'community.manageInvites');
      return withNewInviteCode(async (inviteCode) => {
        await models.Community.updateOne({ _id: input.communityId }, { $set: { inviteCode } });
        await audit.record(input.communityId, caller, 'community.rotateInviteCode', { type: 'community', id: input.communityId });
        return { inviteCode };
      });
    },

    async leave(caller: Caller, input: EventPayload<'community:leave'>) {
      const access = await requireAccess(deps, caller, input.communityId, 'community.view');
      if (access.actor.role === 'admin') {
        await members.keepAnAdmin(input.communityId, 'Appoint another admin before leaving');
      }
      await members.remove(input.communityId, caller.userId, 'left');
      return { communityId: input.communityId };
    },

  };
}

export type CommunityService = ReturnType<typeof createCommunityService>;
