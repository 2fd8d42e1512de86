/** Domain vocabularies and wire types shared by client and server. */

export const memberRoles = ['resident', 'moderator', 'supervisor', 'admin'] as const;
export type MemberRole = (typeof memberRoles)[number];

/** Roles that count as community staff (may moderate). */
export const staffRoles: readonly MemberRole[] = ['moderator', 'supervisor', 'admin'];

export const organisationKinds = [
  'party_committee',
  'residents_committee',
  'property_management',
  'shareholding_company',
  'social_organisation',
  'volunteer_team',
  'other',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const channelKinds = ['chat', 'issues', 'deliberation', 'voting', 'decisions', 'announcements'] as const;
export type ChannelKind = (typeof channelKinds)[number];

export const householdStatuses = ['unverified', 'verified', 'rejected'] as const;
export type HouseholdStatus = (typeof householdStatuses)[number];

export const joinRequestStatuses = ['pending', 'approved', 'rejected'] as const;
export type JoinRequestStatus = (typeof joinRequestStatuses)[number];

export type ChannelVisibility =
  | { type: 'all' }
  | { type: 'roles'; roles: MemberRole[] }
  | { type: 'organisation'; organisationId: string };

export interface UserSelf {
  id: string;
  displayName: string;
  /** Masked phone, e.g. 138****5678. The full number never leaves the server. */
  phoneMasked: string;
  isPlatformAdmin: boolean;
  createdAt: string;
}

export interface Community {
  id: string;
  name: string;
  street: string;
  district: string;
  description: string;
  memberCount: number;
  createdAt: string;
}

export interface Household {
  building: string;
  unit: string;
  room: string;
  status: HouseholdStatus;
  verifiedAt: string | null;
}

export interface Membership {
  communityId: string;
  userId: string;
  role: MemberRole;
  household: Household | null;
  joinedAt: string;
  /** ISO time until which the member may not post, or null. */
  mutedUntil: string | null;
}

/** A community the current user belongs to, with their membership. */
export interface MyCommunity {
  community: Community;
  membership: Membership;
  /** Present for staff only. */
  inviteCode: string | null;
}

/** Public card used when searching for a community to request joining. */
export interface CommunityCard {
  id: string;
  name: string;
  street: string;
  district: string;
  memberCount: number;
  /** The caller's pending request, if any. */
  myRequestStatus: JoinRequestStatus | null;
  isMember: boolean;
}

export interface Member {
  userId: string;
  communityId: string;
  displayName: string;
  role: MemberRole;
  /** The address: shown to staff and to the member themself only. */
  household: Household | null;
  /** Whether a moderator verified this member's household (public). */
  householdVerified: boolean;
  joinedAt: string;
  organisationIds: string[];
  /** Masked phone, present only when the viewer is staff. */
  phoneMasked: string | null;
  /** ISO time until which the member may not post, or null. */
  mutedUntil: string | null;
}

export interface JoinRequest {
  id: string;
  communityId: string;
  userId: string;
  displayName: string;
  message: string;
  status: JoinRequestStatus;
  createdAt: string;
  decidedAt: string | null;
}

export interface OrganisationStaff {
  userId: string;
  displayName: string;
  title: string;
}

export interface Organisation {
  id: string;
  communityId: string;
  name: string;
  kind: OrganisationKind;
  description: string;
  staff: OrganisationStaff[];
  createdAt: string;
}

export interface Channel {
  id: string;
  communityId: string;
  name: string;
  kind: ChannelKind;
  /** What the channel is for: the topic plan residents see first. */
  topicPlan: string;
  ownerId: string;
  ownerName: string;
  visibility: ChannelVisibility;
  archived: boolean;
  position: number;
  createdAt: string;
  updatedAt: string;
}

/** Masks a phone number for staff display: 13812345678 -> 138****5678. */
export function maskPhone(national: string): string {
  const digits = national.replace(/\D/g, '');
  if (digits.length <= 7) return digits.slice(0, 2) + '****';
  return digits.slice(0, 3) + '****' + digits.slice(-4);
}

/** One staff action, as the audit log shows it. */
export interface AuditEntry {
  id: string;
  communityId: string;
  actorId: string;
  actorName: string;
  /** e.g. joinRequest.approve, member.ban, channel.archive */
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, string | number | boolean | null>;
  at: string;
}

// ---- Chat ----

export const messageStates = ['visible', 'deleted', 'hidden'] as const;
export type MessageState = (typeof messageStates)[number];

export interface Reaction {
  emoji: string;
  count: number;
  userIds: string[];
}

export interface Message {
  id: string;
  /** The sender's id for this message; a retried send with it is stored once. */
  clientId: string;
  communityId: string;
  channelId: string;
  /** Position in the channel (1, 2, 3, ...): cursor for history and catch-up. */
  seq: number;
  authorId: string;
  authorName: string;
  /** Empty when deleted or hidden. */
  body: string;
  /** Mentioned members' ids. */
  mentions: string[];
  /** Thread parent; replies are not shown in the channel's main timeline. */
  parentId: string | null;
  replyCount: number;
  lastReplyAt: string | null;
  reactions: Reaction[];
  state: MessageState;
  editedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A user's read position and unread count in one channel. */
export interface ChannelReadState {
  communityId: string;
  channelId: string;
  lastSeq: number;
  lastReadSeq: number;
  unread: number;
}

export const notificationKinds = ['mention', 'reply', 'moderation', 'unban'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export interface AppNotification {
  id: string;
  communityId: string;
  kind: NotificationKind;
  channelId: string | null;
  messageId: string | null;
  actorName: string;
  /** Short text: the message start, or the moderation reason. */
  excerpt: string;
  readAt: string | null;
  createdAt: string;
}

export interface PresenceEntry {
  userId: string;
  displayName: string;
}

export interface PresenceChange extends PresenceEntry {
  online: boolean;
}

export const reportStatuses = ['open', 'resolved'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export interface MessageReport {
  id: string;
  communityId: string;
  channelId: string;
  messageId: string;
  messageExcerpt: string;
  messageAuthorId: string;
  messageAuthorName: string;
  reporterName: string;
  reason: string;
  status: ReportStatus;
  resolution: 'hidden' | 'dismissed' | null;
  createdAt: string;
  resolvedAt: string | null;
}
