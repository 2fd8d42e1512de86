import type { Server } from 'socket.io';
import {
  memberRoles,
  type Channel,
  type ClientToServerEvents,
  type MemberRole,
  type ServerToClientEvents,
  type SessionEndReason,
} from '@linli/shared';
import { rooms } from './rooms.js';
import type { ServerSideEvents } from '../cache/sync.js';
import type { Caller } from '../context/caller.js';

export type LinliServer = Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;

/** What the handshake keeps on each socket: the caller its commands run as. */
export type SocketData = Caller;

type Args<Name extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[Name]>;

/** What decides who may see a channel. */
export type ChannelAudience = Pick<Channel, 'communityId' | 'visibility' | 'archived'>;

/**
 * Pushes notifications and keeps each user's sockets in the right rooms.
 * Works across nodes: every call goes through the socket.io adapter.
 */
export interface Notifier {
  toCommunity<Name extends keyof ServerToClientEvents>(communityId: string, event: Name, ...args: Args<Name>): void;
  toStaff<Name extends keyof ServerToClientEvents>(communityId: string, event: Name, ...args: Args<Name>): void;
  toUser<Name extends keyof ServerToClientEvents>(userId: string, event: Name, ...args: Args<Name>): void;
  /** To the community's members who are not staff and not one of these users (they get their own view). */
  toResidents<Name extends keyof ServerToClientEvents>(communityId: string, exceptUserIds: readonly string[], event: Name, ...args: Args<Name>): void;
  /** To the staff of these organisations. */
  toOrganisations<Name extends keyof ServerToClientEvents>(organisationIds: readonly string[], event: Name, ...args: Args<Name>): void;
  /** Sends to whoever may see the channel; others are told it is withdrawn. */
  channelSaved(channel: Channel): void;
  /** Sends to whoever may see the channel, optionally not to one user's own sockets. */
  toChannel<Name extends keyof ServerToClientEvents>(channel: ChannelAudience, exceptUserId: string | null, event: Name, ...args: Args<Name>): void;
  enterCommunity(userId: string, communityId: string, role: MemberRole, organisationIds: string[]): void;
  changeRole(userId: string, communityId: string, role: MemberRole): void;
  leaveCommunity(userId: string, communityId: string, organisationIds: string[]): void;
  joinOrganisation(userId: string, organisationId: string): void;
  leaveOrganisation(userId: string, organisationId: string): void;
  endSessions(target: { sessionId: string } | { userId: string }, reason: SessionEndReason): void;
  /** Drops a user's sockets so they reconnect with fresh rooms. */
  disconnectUser(userId: string): void;
}

export function createNotifier(io: LinliServer): Notifier {
  const roleRooms = (cid: string) => memberRoles.map((role) => rooms.role(cid, role));
  const audienceOf = (channel: ChannelAudience): string[] => {
    const visibility = channel.visibility;
    if (channel.archived) return rooms.staff(channel.communityId);
    if (visibility.type === 'all') return [rooms.community(channel.communityId)];
    if (visibility.type === 'roles') return [...new Set([...visibility.roles.map((role) => rooms.role(channel.communityId, role)), ...rooms.staff(channel.communityId)])];
    return [rooms.organisation(visibility.organisationId), ...rooms.staff(channel.communityId)];
  };
  return {
    toCommunity: (cid, event, ...args) => void io.to(rooms.community(cid)).emit(event, ...args),
    toStaff: (cid, event, ...args) => void io.to(rooms.staff(cid)).emit(event, ...args),
    toUser: (uid, event, ...args) => void io.to(rooms.user(uid)).emit(event, ...args),
    toResidents: (cid, exceptUserIds, event, ...args) =>
      void io.to(rooms.community(cid)).except([...rooms.staff(cid), ...exceptUserIds.map(rooms.user)]).emit(event, ...args),
    toOrganisations(organisationIds, event, ...args) {
      if (organisationIds.length > 0) io.to(organisationIds.map(rooms.organisation)).emit(event, ...args);
    },
    channelSaved(channel) {
      const audience = audienceOf(channel);
      io.to(audience).emit('channel:saved', channel);
      if (!audience.includes(rooms.community(channel.communityId))) {
        io.to(rooms.community(channel.communityId))
          .except(audience)
          .emit('channel:withdrawn', { communityId: channel.communityId, channelId: channel.id });
      }
    },
    toChannel(channel, exceptUserId, event, ...args) {
      const target = io.to(audienceOf(channel));
      (exceptUserId ? target.except(rooms.user(exceptUserId)) : target).emit(event, ...args);
    },
    enterCommunity(uid, cid, role, orgIds) {
      io.in(rooms.user(uid)).socketsJoin([rooms.community(cid), rooms.role(cid, role), ...orgIds.map(rooms.organisation)]);
    },
    changeRole(uid, cid, role) {
      io.in(rooms.user(uid)).socketsLeave(roleRooms(cid).filter((room) => room !== rooms.role(cid, role)));
      io.in(rooms.user(uid)).socketsJoin(rooms.role(cid, role));
    },
    leaveCommunity(uid, cid, orgIds) {
      io.in(rooms.user(uid)).socketsLeave([rooms.community(cid), ...roleRooms(cid), ...orgIds.map(rooms.organisation)]);
    },
    joinOrganisation: (uid, oid) => io.in(rooms.user(uid)).socketsJoin(rooms.organisation(oid)),
    leaveOrganisation: (uid, oid) => io.in(rooms.user(uid)).socketsLeave(rooms.organisation(oid)),
    endSessions(target, reason) {
      const room = 'sessionId' in target ? rooms.session(target.sessionId) : rooms.user(target.userId);
      io.to(room).emit('session:ended', { reason });
      io.in(room).disconnectSockets(true);
    },
    disconnectUser: (uid) => io.in(rooms.user(uid)).disconnectSockets(true),
  };
}
