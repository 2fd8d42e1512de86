/**
 * The event map: every client command with its payload schema and result type,
 * and every server notification. Both sides derive their socket types from it.
 */
import type { z } from 'zod';
import type { Ack } from './errors.js';
import type {
  AppNotification,
  AuditEntry,
  Channel,
  ChannelReadState,
  Message,
  MessageReport,
  PresenceChange,
  PresenceEntry,
  Community,
  CommunityCard,
  JoinRequest,
  Member,
  Membership,
  MyCommunity,
  Organisation,
  UserSelf,
} from './domain.js';
import * as s from './schemas.js';

/** Client-to-server event names mapped to the schema of their payload. */
export const clientEvents = {
  'profile:update': s.profile.update,
  'community:list': s.community.list,
  'community:create': s.community.create,
  'community:update': s.community.update,
  'community:discover': s.community.discover,
  'community:joinByCode': s.community.joinByCode,
  'community:requestJoin': s.community.requestJoin,
  'community:listJoinRequests': s.community.listJoinRequests,
  'community:decideJoinRequest': s.community.decideJoinRequest,
  'community:rotateInviteCode': s.community.rotateInviteCode,
  'community:leave': s.community.leave,
  'member:list': s.member.list,
  'member:setRole': s.member.setRole,
  'member:ban': s.member.ban,
  'member:unban': s.member.unban,
  'household:set': s.household.set,
  'household:verify': s.household.verify,
  'organisation:list': s.organisation.list,
  'organisation:create': s.organisation.create,
  'organisation:update': s.organisation.update,
  'organisation:remove': s.organisation.remove,
  'organisation:addStaff': s.organisation.addStaff,
  'organisation:removeStaff': s.organisation.removeStaff,
  'channel:list': s.channel.list,
  'channel:create': s.channel.create,
  'channel:update': s.channel.update,
  'channel:archive': s.channel.archive,
  'audit:list': s.audit.list,
  'message:send': s.message.send,
  'message:edit': s.message.edit,
  'message:delete': s.message.remove,
  'message:react': s.message.react,
  'message:history': s.message.history,
  'message:thread': s.message.thread,
  'message:sync': s.message.sync,
  'message:report': s.message.report,
  'message:hide': s.message.hide,
  'channel:markRead': s.read.mark,
  'channel:readStates': s.read.states,
  'typing:start': s.typing.start,
  'presence:list': s.presence.list,
  'notification:list': s.notification.list,
  'notification:markRead': s.notification.markRead,
  'report:list': s.report.list,
  'report:resolve': s.report.resolve,
  'member:mute': s.mute,
} as const;

export type ClientEventName = keyof typeof clientEvents;

/** Parsed (server-side) payload of a client event. */
export type EventPayload<E extends ClientEventName> = z.output<(typeof clientEvents)[E]>;
/** Payload as the client sends it (defaults may be omitted). */
export type EventInput<E extends ClientEventName> = z.input<(typeof clientEvents)[E]>;

/** What each client command answers with inside `{ ok: true, data }`. */
export interface EventResults {
  'profile:update': UserSelf;
  'community:list': MyCommunity[];
  'community:create': MyCommunity;
  'community:update': Community;
  'community:discover': CommunityCard[];
  'community:joinByCode': MyCommunity;
  'community:requestJoin': JoinRequest;
  'community:listJoinRequests': JoinRequest[];
  'community:decideJoinRequest': JoinRequest;
  'community:rotateInviteCode': { inviteCode: string };
  'community:leave': { communityId: string };
  'member:list': Member[];
  'member:setRole': Member;
  'member:ban': { userId: string };
  /** The ban is lifted: the user is no member, and may join or ask to join again. */
  'member:unban': { communityId: string; userId: string };
  'household:set': Membership;
  'household:verify': Member;
  'organisation:list': Organisation[];
  'organisation:create': Organisation;
  'organisation:update': Organisation;
  'organisation:remove': { organisationId: string };
  'organisation:addStaff': Organisation;
  'organisation:removeStaff': Organisation;
  'channel:list': Channel[];
  'channel:create': Channel;
  'channel:update': Channel;
  'channel:archive': Channel;
  'audit:list': AuditEntry[];
  'message:send': Message;
  'message:edit': Message;
  'message:delete': Message;
  'message:react': Message;
  /** through (newest page only): every seq up to it is in the page, in older pages, a thread reply or never used. */
  'message:history': { messages: Message[]; hasMore: boolean; through: number | null };
  'message:thread': { parent: Message; replies: Message[] };
  /** through: every message with a seq up to it has been returned (or returned before); later gaps may still fill. */
  'message:sync': { messages: Message[]; hasMore: boolean; through: number };
  'message:report': MessageReport;
  'message:hide': Message;
  'channel:markRead': ChannelReadState;
  'channel:readStates': ChannelReadState[];
  'typing:start': Record<string, never>;
  'presence:list': PresenceEntry[];
  'notification:list': { items: AppNotification[]; unread: number };
  'notification:markRead': { unread: number };
  'report:list': MessageReport[];
  'report:resolve': MessageReport;
  'member:mute': Member;
}

/** socket.io typing for client-to-server events. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: EventInput<E>, ack: (res: Ack<EventResults[E]>) => void) => void;
};

/** Why the server is about to close a session's sockets. */
export type SessionEndReason = 'logout' | 'banned' | 'expired';

/** Server-to-client notifications (past tense). */
export interface ServerToClientEvents {
  'session:ended': (p: { reason: SessionEndReason }) => void;
  'community:updated': (p: Community) => void;
  /** The recipient's own membership changed (role, household, joined). */
  'membership:changed': (p: MyCommunity) => void;
  /** The recipient lost access to a community (banned, left). */
  'membership:revoked': (p: { communityId: string; reason: 'banned' | 'left' }) => void;
  'member:joined': (p: Member) => void;
  'member:updated': (p: Member) => void;
  'member:removed': (p: { communityId: string; userId: string }) => void;
  /** To staff: a ban was lifted (the banned list drops the user). */
  'member:unbanned': (p: { communityId: string; userId: string }) => void;
  'joinRequest:created': (p: JoinRequest) => void;
  'joinRequest:decided': (p: JoinRequest) => void;
  'organisation:saved': (p: Organisation) => void;
  'organisation:removed': (p: { communityId: string; organisationId: string }) => void;
  'channel:saved': (p: Channel) => void;
  /** The channel is no longer visible to the recipient (archived or narrowed). */
  'channel:withdrawn': (p: { communityId: string; channelId: string }) => void;
  'message:created': (p: Message) => void;
  /** Edited, deleted, hidden, reacted to, or its reply count changed. */
  'message:updated': (p: Message) => void;
  /** The recipient's own read position moved (e.g. in another tab). */
  'read:updated': (p: ChannelReadState) => void;
  'typing:updated': (p: { communityId: string; channelId: string; userId: string; displayName: string }) => void;
  /** Who came online or went offline, batched per community (about once a second). */
  'presence:changed': (p: { communityId: string; changes: PresenceChange[] }) => void;
  'notification:created': (p: AppNotification & { unread: number }) => void;
  'report:created': (p: MessageReport) => void;
  'report:resolved': (p: MessageReport) => void;
}

export type ServerEventName = keyof ServerToClientEvents;
