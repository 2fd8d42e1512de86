import { can, type AuditAction, type AuditEntry, type Channel, type ChannelVisibility, type EventPayload } from '@linli/shared';
import { conflict, isDuplicateKey, notFound } from '../lib/errors.js';
import { givenFields } from '../lib/db.js';
import type { Caller } from '../context/caller.js';
import { requireAccess, type AccessDeps } from '../context/access.js';
import type { Notifier } from '../realtime/notifier.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ChannelDoc } from './channel.model.js';
import type { ChannelCache } from './channel-cache.js';
import { defaultChannels } from './defaults.js';

function presentVisibility(visibility: ChannelDoc['visibility']): ChannelVisibility {
  if (visibility.type === 'roles') return { type: 'roles', roles: [...(visibility.roles ?? [])] };
  if (visibility.type === 'organisation' && visibility.organisationId) return { type: 'organisation', organisationId: visibility.organisationId.toString() };
  return { type: 'all' };
}

export function presentChannel(channel: ChannelDoc): Channel {
  const times = channel as { createdAt?: Date; updatedAt?: Date };
  return {
    id: channel._id.toString(),
    communityId: channel.communityId.toString(),
    name: channel.name,
    kind: channel.kind,
    topicPlan: channel.topicPlan,
    ownerId: channel.ownerId.toString(),
    ownerName: channel.ownerName,
    visibility: presentVisibility(channel.visibility),
    archived: channel.archived ?? false,
    position: channel.position ?? 0,
    createdAt: (times.createdAt ?? new Date(0)).toISOString(),
    updatedAt: (times.updatedAt ?? new Date(0)).toISOString(),
  };
}

export function createChannelService(deps: AccessDeps & { notify: Notifier; audit: AuditService; channelCache: ChannelCache }) {
  const { models, notify, audit } = deps;

  async function load(channelId: string): Promise<ChannelDoc> {
    const found = (await models.Channel.findOne({ _id: channelId }).lean()) as ChannelDoc | null;
    if (!found) throw notFound('Channel');
    return found;
  }

  /** A channel the caller may manage (NOT_FOUND or FORBIDDEN otherwise). */
  async function loadManaged(caller: Caller, channelId: string): Promise<Channel> {
    const channel = presentChannel(await load(channelId));
    await requireAccess(deps, caller, channel.communityId, 'channel.manage');
    return channel;
  }

  /** After a write: drops the channel from every node's cache and reads it back. */
  async function reloaded(channelId: string): Promise<Channel> {
    await deps.channelCache.changed(channelId);
    return presentChannel(await load(channelId));
  }

  /** After a write: records the action and shows the channel to whoever may see it. */
  async function saved(caller: Caller, channel: Channel, action: AuditAction, details: AuditEntry['details'] = {}): Promise<Channel> {
    await audit.record(channel.communityId, caller, action, { type: 'channel', id: channel.id }, { name: channel.name, ...details });
    notify.channelSaved(channel);
    return channel;
  }

  /** The owner must be an active member; returns their display name. */
  async function ownerName(communityId: string, ownerId: string): Promise<string> {
    const owner = await models.Membership.findOne({ communityId, userId: ownerId, status: 'active' }).lean();
    if (!owner) throw notFound('Owner (must be a member)');
    return owner.displayName;
  }

  async function checkVisibility(communityId: string, visibility: ChannelVisibility | undefined) {
    if (visibility?.type !== 'organisation') return;
    const org = await models.Organisation.findOne({ _id: visibility.organisationId, communityId }).lean();
    if (!org) throw notFound('Organisation');
  }

  const duplicateName = (err: unknown) => (isDuplicateKey(err) ? conflict('A channel with this name already exists') : err);

  return {
    /** Creates the default channel set, owned by the community's creator. */
    async createDefaults(communityId: string, owner: Caller) {
      await models.Channel.insertMany(
        defaultChannels.map((channel, i) => ({
          ...channel,
          communityId,
          ownerId: owner.userId,
          ownerName: owner.displayName,
          visibility: { type: 'all' },
          position: i * 10,
        })),
      );
    },

    async list(caller: Caller, input: EventPayload<'channel:list'>): Promise<Channel[]> {
      const access = await requireAccess(deps, caller, input.communityId, 'community.view');
      const filter = input.includeArchived ? { communityId: input.communityId } : { communityId: input.communityId, archived: false };
      const found = (await models.Channel.find(filter).sort({ position: 1, name: 1 }).lean()) as ChannelDoc[];
      return found.map(presentChannel).filter((channel) => can(access.actor, 'channel.view', channel));
    },

    async create(caller: Caller, input: EventPayload<'channel:create'>) {
      await requireAccess(deps, caller, input.communityId, 'channel.create');
      const ownerId = input.ownerId ?? caller.userId;
      const name = await ownerName(input.communityId, ownerId);
      await checkVisibility(input.communityId, input.visibility);
      const last = await models.Channel.findOne({ communityId: input.communityId }).sort({ position: -1 }).lean();
      const doc = await models.Channel.create({
        ...input,
        ownerId,
        ownerName: name,
        archived: false,
        position: (last?.position ?? 0) + 10,
      }).catch((err: unknown) => {
        throw duplicateName(err);
      });
      const channel = presentChannel(doc.toObject() as ChannelDoc);
      return saved(caller, channel, 'channel.create', { kind: channel.kind });
    },

    async update(caller: Caller, input: EventPayload<'channel:update'>) {
      const before = await loadManaged(caller, input.channelId);
      const { channelId, ownerId, ...rest } = input;
      const set = givenFields(rest);
      if (ownerId) {
        set.ownerId = ownerId;
        set.ownerName = await ownerName(before.communityId, ownerId);
      }
      await checkVisibility(before.communityId, input.visibility);
      await models.Channel.updateOne({ _id: channelId }, { $set: set }).catch((err: unknown) => {
        throw duplicateName(err);
      });
      return saved(caller, await reloaded(channelId), 'channel.update', { fields: Object.keys(set).join(',') });
    },

    async archive(caller: Caller, input: EventPayload<'channel:archive'>) {
      await loadManaged(caller, input.channelId);
      await models.Channel.updateOne({ _id: input.channelId }, { $set: { archived: input.archived } });
      return saved(caller, await reloaded(input.channelId), input.archived ? 'channel.archive' : 'channel.restore');
    },
  };
}

export type ChannelService = ReturnType<typeof createChannelService>;
