import type { AuditAction, EventPayload, Organisation } from '@linli/shared';
import { conflict, isDuplicateKey, notFound } from '../lib/errors.js';
import { givenFields, op } from '../lib/db.js';
import type { Caller } from '../context/caller.js';
import type { Notifier } from '../realtime/notifier.js';
import type { AuditService } from '../audit/audit.service.js';
import { requireAccess, type AccessDeps } from '../context/access.js';
import type { OrganisationDoc } from './organisation.model.js';
import type { Staffing } from './staffing.js';

export function presentOrganisation(organisation: OrganisationDoc): Organisation {
  return {
    id: organisation._id.toString(),
    communityId: organisation.communityId.toString(),
    name: organisation.name,
    kind: organisation.kind,
    description: organisation.description ?? '',
    staff: organisation.staff.map((staff) => ({ userId: staff.userId.toString(), displayName: staff.displayName, title: staff.title ?? '' })),
    createdAt: ((organisation as { createdAt?: Date }).createdAt ?? new Date(0)).toISOString(),
  };
}

export function createOrganisationService(deps: AccessDeps & { notify: Notifier; audit: AuditService; staffing: Staffing }) {
  const { models, notify, audit } = deps;

  async function load(organisationId: string): Promise<OrganisationDoc> {
    const organisation = (await models.Organisation.findOne({ _id: organisationId }).lean()) as OrganisationDoc | null;
    if (!organisation) throw notFound('Organisation');
    return organisation;
  }

  /** An organisation the caller may manage (NOT_FOUND or FORBIDDEN otherwise), with its community's id. */
  async function loadManaged(caller: Caller, organisationId: string) {
    const organisation = await load(organisationId);
    const communityId = organisation.communityId.toString();
    await requireAccess(deps, caller, communityId, 'organisation.manage');
    return { organisation, communityId };
  }

  const onStaff = (organisation: OrganisationDoc, userId: string) => organisation.staff.some((staff) => staff.userId.toString() === userId);

  async function saved(caller: Caller, organisation: OrganisationDoc, action: AuditAction) {
    const org = presentOrganisation(organisation);
    // Staff lists may have changed: every node re-reads this community's staffing.
    await deps.staffing.changed(org.communityId);
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
      const organisations = (await models.Organisation.find({ communityId: input.communityId }).sort({ name: 1 }).lean()) as OrganisationDoc[];
      return organisations.map(presentOrganisation);
    },

    async create(caller: Caller, input: EventPayload<'organisation:create'>) {
      await requireAccess(deps, caller, input.communityId, 'organisation.manage');
      const doc = await models.Organisation.create({ ...input, staff: [] }).catch((err: unknown) => {
        throw duplicateName(err);
      });
      return saved(caller, doc.toObject() as OrganisationDoc, 'organisation.create');
    },

    async update(caller: Caller, input: EventPayload<'organisation:update'>) {
      await loadManaged(caller, input.organisationId);
      const { organisationId, ...fields } = input;
      const set = givenFields(fields);
      await models.Organisation.updateOne({ _id: organisationId }, { $set: set }).catch((err: unknown) => {
        throw duplicateName(err);
      });
      return saved(caller, await load(organisationId), 'organisation.update');
    },

    async remove(caller: Caller, input: EventPayload<'organisation:remove'>) {
      const { organisation, communityId } = await loadManaged(caller, input.organisationId);
      const used = await models.Channel.countDocuments({ communityId, 'visibility.organisationId': organisation._id, archived: false });
      if (used > 0) throw conflict('Channels are limited to this organisation; change them first');
      await models.Organisation.deleteOne({ _id: organisation._id });
      await deps.staffing.changed(communityId);
      for (const staff of organisation.staff) notify.leaveOrganisation(staff.userId.toString(), input.organisationId);
      await audit.record(communityId, caller, 'organisation.remove', { type: 'organisation', id: input.organisationId }, { name: organisation.name });
      notify.toCommunity(communityId, 'organisation:removed', { communityId, organisationId: input.organisationId });
      return { organisationId: input.organisationId };
    },

    async addStaff(caller: Caller, input: EventPayload<'organisation:addStaff'>) {
      const { organisation, communityId } = await loadManaged(caller, input.organisationId);
      const membership = await models.Membership.findOne({ communityId, userId: input.userId, status: 'active' }).lean();
      if (!membership) throw notFound('Member');
      if (onStaff(organisation, input.userId)) throw conflict('Already on the staff');
      await models.Organisation.updateOne(
        { _id: organisation._id, 'staff.userId': op({ $ne: input.userId }) },
        { $push: { staff: { userId: input.userId, displayName: membership.displayName, title: input.title } } },
      );
      notify.joinOrganisation(input.userId, input.organisationId);
      // The durable invalidation also fixes the staff member's rooms on nodes the adapter missed.
      await deps.memberships.changed(communityId, input.userId);
      return saved(caller, await load(input.organisationId), 'organisation.addStaff');
    },

    async removeStaff(caller: Caller, input: EventPayload<'organisation:removeStaff'>) {
      const { organisation, communityId } = await loadManaged(caller, input.organisationId);
      if (!onStaff(organisation, input.userId)) throw notFound('Staff member');
      await models.Organisation.updateOne({ _id: organisation._id }, { $pull: { staff: { userId: input.userId } } });
      notify.leaveOrganisation(input.userId, input.organisationId);
      await deps.memberships.changed(communityId, input.userId);
      return saved(caller, await load(input.organisationId), 'organisation.removeStaff');
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
