import type { AuditAction, EventPayload, Organisation } from '@linli/shared';
import { conflict, isDuplicateKey, notFound } from '../lib/errors.js';
import { op } from '../lib/db.js';
import type { Caller } from '../context/caller.js';
import type { Notifier } from '../realtime/notifier.js';
import type { AuditService } from '../audit/audit.service.js';
import { requireAccess, type AccessDeps } from '../context/access.js';
import type { OrganisationDoc } from './organisation.model.js';

export function presentOrganisation(o: OrganisationDoc): Organisation {
  return {
    id: o._id.toString(),
    communityId: o.communityId.toString(),
    name: o.name,
    kind: o.kind,
    description: o.description ?? '',
    staff: o.staff.map((s) => ({ userId: s.userId.toString(), displayName: s.displayName, title: s.title ?? '' })),
    createdAt: ((o as { createdAt?: Date }).createdAt ?? new Date(0)).toISOString(),
  };
}

export function createOrganisationService(deps: AccessDeps & { notify: Notifier; audit: AuditService }) {
  const { models, notify, audit } = deps;

  async function load(organisationId: string): Promise<OrganisationDoc> {
    const o = (await models.Organisation.findOne({ _id: organisationId }).lean()) as OrganisationDoc | null;
    if (!o) throw notFound('Organisation');
    return o;
  }

  async function saved(caller: Caller, o: OrganisationDoc, action: AuditAction) {
    const org = presentOrganisation(o);
    await audit.record(org.communityId, caller, action, { type: 'organisation', id: org.id }, { name: org.name });
    notify.toCommunity(org.communityId, 'organisation:saved', org);
    return org;
  }

  const duplicateName = (err: unknown) => {
    if (isDuplicateKey(err)) return conflict('An organisation with this name already exists');
    return err;
  };

  return {
    async list(caller: Caller, input: EventPayload<'organisation:list'>): Promise<Organisation[]> {
      await requireAccess(deps, caller, input.communityId, 'organisation.view');
      const os = (await models.Organisation.find({ communityId: input.communityId }).sort({ name: 1 }).lean()) as OrganisationDoc[];
      return os.map(presentOrganisation);
    },

    async create(caller: Caller, input: EventPayload<'organisation:create'>) {
      await requireAccess(deps, caller, input.communityId, 'organisation.manage');
      const doc = await models.Organisation.create({ ...input, staff: [] }).catch((err: unknown) => {
        throw duplicateName(err);
      });
      return saved(caller, doc.toObject() as OrganisationDoc, 'organisation.create');
    },

    async update(caller: Caller, input: EventPayload<'organisation:update'>) {
      const o = await load(input.organisationId);
      await requireAccess(deps, caller, o.communityId.toString(), 'organisation.manage');
      const { organisationId, ...fields } = input;
      const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      await models.Organisation.updateOne({ _id: organisationId }, { $set: set }).catch((err: unknown) => {
        throw duplicateName(err);
      });
      return saved(caller, await load(organisationId), 'organisation.update');
    },

    async remove(caller: Caller, input: EventPayload<'organisation:remove'>) {
      const o = await load(input.organisationId);
      const communityId = o.communityId.toString();
      await requireAccess(deps, caller, communityId, 'organisation.manage');
      const used = await models.Channel.countDocuments({ communityId, 'visibility.organisationId': o._id, archived: false });
      if (used > 0) throw conflict('Channels are limited to this organisation; change them first');
      await models.Organisation.deleteOne({ _id: o._id });
      for (const s of o.staff) notify.leaveOrganisation(s.userId.toString(), input.organisationId);
      await audit.record(communityId, caller, 'organisation.remove', { type: 'organisation', id: input.organisationId }, { name: o.name });
      notify.toCommunity(communityId, 'organisation:removed', { communityId, organisationId: input.organisationId });
      return { organisationId: input.organisationId };
    },

    async addStaff(caller: Caller, input: EventPayload<'organisation:addStaff'>) {
      const o = await load(input.organisationId);
      const communityId = o.communityId.toString();
      await requireAccess(deps, caller, communityId, 'organisation.manage');
      const m = await models.Membership.findOne({ communityId, userId: input.userId, status: 'active' }).lean();
      if (!m) throw notFound('Member');
      if (o.staff.some((s) => s.userId.toString() === input.userId)) throw conflict('Already on the staff');
      await models.Organisation.updateOne(
        { _id: o._id, 'staff.userId': op({ $ne: input.userId }) },
        { $push: { staff: { userId: input.userId, displayName: m.displayName, title: input.title } } },
      );
      notify.joinOrganisation(input.userId, input.organisationId);
      // The durable invalidation also fixes the staff member's rooms on nodes the adapter missed.
      await deps.memberships.changed(communityId, input.userId);
      return saved(caller, await load(input.organisationId), 'organisation.addStaff');
    },

    async removeStaff(caller: Caller, input: EventPayload<'organisation:removeStaff'>) {
      const o = await load(input.organisationId);
      await requireAccess(deps, caller, o.communityId.toString(), 'organisation.manage');
      if (!o.staff.some((s) => s.userId.toString() === input.userId)) throw notFound('Staff member');
      await models.Organisation.updateOne({ _id: o._id }, { $pull: { staff: { userId: input.userId } } });
      notify.leaveOrganisation(input.userId, input.organisationId);
      await deps.memberships.changed(o.communityId.toString(), input.userId);
      return saved(caller, await load(input.organisationId), 'organisation.removeStaff');
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
