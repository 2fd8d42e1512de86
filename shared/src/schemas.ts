/** zod schemas for every inbound payload. Each field documents what it means. */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { channelKinds, memberRoles, organisationKinds } from './domain.js';

/** A MongoDB ObjectId in hex. */
export const id = z.string().regex(/^[a-f0-9]{24}$/, 'must be an id');

/** Trimmed single-line text with length bounds and no control characters. */
const line = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** Trimmed multi-line text (newlines allowed). */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // Control characters other than tab and newlines.
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F]*$/, 'must not contain control characters');

/**
 * Characters that show nothing or change how the text around them is shown:
 * control, bidirectional (U+202E ...), zero-width and other format characters,
 * line and paragraph separators, and fillers that render blank.
 * A zero-width joiner is handled apart (STRAY_ZWJ): inside an emoji it belongs.
 */
const INVISIBLE = /(?!\u200D)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/gu;
/** A zero-width joiner that does not join two pictographs (as in 👨‍👩‍👧). */
const STRAY_ZWJ = /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/** A display name as others will see it: invisible and direction-changing characters removed, spaces collapsed, trimmed. */
export function cleanDisplayName(raw: string): string {
  return raw
    .replace(/[\t\n\v\f\r]/g, ' ')
    .replace(INVISIBLE, '')
    .replace(STRAY_ZWJ, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Name other members see. Cleaned rather than refused, so a pasted name still
 * works; a name with nothing visible left is refused. Staff impersonation by an
 * identical name is answered by role badges in the client, not here.
 */
export const displayName = z
  .string()
  .max(LIMITS.displayName.max * 4)
  .transform(cleanDisplayName)
  .pipe(z.string().min(LIMITS.displayName.min, 'must not be empty').max(LIMITS.displayName.max));

export const auth = {
  requestCode: z.strictObject({
    /** Phone number as typed; default region CN. */
    phone: z.string().trim().min(3).max(32),
  }),
  verifyCode: z.strictObject({
    phone: z.string().trim().min(3).max(32),
    /** The six-digit one-time code. */
    code: z.string().regex(/^\d{6}$/, 'must be 6 digits'),
    /** Name to show others; used only when the account is new. */
    displayName: displayName.optional(),
  }),
};

export const profile = {
  update: z.strictObject({
    /** Name other members see. */
    displayName,
  }),
};

const communityFields = {
  /** Community name, e.g. 桃源社区. */
  name: line(LIMITS.communityName.min, LIMITS.communityName.max),
  /** Street (街道) the community belongs to. */
  street: line(1, LIMITS.place.max),
  /** District (区). */
  district: line(1, LIMITS.place.max),
  /** Short public description. */
  description: text(LIMITS.description.max).default(''),
};

export const community = {
  list: z.strictObject({}),
  create: z.strictObject(communityFields),
  update: z.strictObject({
    communityId: id,
    name: communityFields.name.optional(),
    street: communityFields.street.optional(),
    district: communityFields.district.optional(),
    description: text(LIMITS.description.max).optional(),
  }),
  discover: z.strictObject({
    /** Part of a name, street or district; empty lists all. */
    query: z.string().trim().max(LIMITS.place.max).default(''),
  }),
  joinByCode: z.strictObject({
    /** Invite code a moderator shared (case-insensitive). */
    inviteCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(new RegExp(`^[A-Z0-9]{${LIMITS.inviteCode.length}}$`), 'must be an invite code'),
  }),
  requestJoin: z.strictObject({
    communityId: id,
    /** Who the applicant is, e.g. building and how they live here. */
    message: text(LIMITS.joinMessage.max).default(''),
  }),
  listJoinRequests: z.strictObject({
    communityId: id,
    status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
  }),
  decideJoinRequest: z.strictObject({
    requestId: id,
    approve: z.boolean(),
  }),
  rotateInviteCode: z.strictObject({ communityId: id }),
  leave: z.strictObject({ communityId: id }),
};

export const member = {
  list: z.strictObject({
    communityId: id,
    /** Filter by display name. */
    query: z.string().trim().max(LIMITS.displayName.max).default(''),
    /** Only members whose household awaits verification. */
    householdPending: z.boolean().default(false),
    /** Staff only: banned members (to lift a ban) instead of active ones. */
    banned: z.boolean().default(false),
    /** Only members holding one of these roles, e.g. the staff, whom clients badge wherever a name appears. */
    roles: z.array(z.enum(memberRoles)).min(1).max(memberRoles.length).optional(),
  }),
  setRole: z.strictObject({
    communityId: id,
    userId: id,
    role: z.enum(memberRoles),
  }),
  ban: z.strictObject({
    communityId: id,
    userId: id,
    /** Why; kept for the record. */
    reason: text(300).default(''),
  }),
  unban: z.strictObject({
    communityId: id,
    userId: id,
    /** Why the ban is lifted; kept for the record. */
    reason: text(300).default(''),
  }),
};

const householdPart = line(LIMITS.householdPart.min, LIMITS.householdPart.max);

export const household = {
  set: z.strictObject({
    communityId: id,
    /** Building (楼栋), e.g. "3栋". */
    building: householdPart,
    /** Unit (单元), e.g. "2单元". */
    unit: householdPart,
    /** Room (房号), e.g. "1201". */
    room: householdPart,
  }),
  verify: z.strictObject({
    communityId: id,
    userId: id,
    approve: z.boolean(),
  }),
};

const staffEntry = z.strictObject({
  userId: id,
  /** Role inside the organisation, e.g. 主任. */
  title: line(0, LIMITS.staffTitle.max).default(''),
});

export const organisation = {
  list: z.strictObject({ communityId: id }),
  create: z.strictObject({
    communityId: id,
    name: line(LIMITS.organisationName.min, LIMITS.organisationName.max),
    kind: z.enum(organisationKinds),
    description: text(LIMITS.description.max).default(''),
  }),
  update: z.strictObject({
    organisationId: id,
    name: line(LIMITS.organisationName.min, LIMITS.organisationName.max).optional(),
    kind: z.enum(organisationKinds).optional(),
    description: text(LIMITS.description.max).optional(),
  }),
  remove: z.strictObject({ organisationId: id }),
  addStaff: z.strictObject({ organisationId: id, ...staffEntry.shape }),
  removeStaff: z.strictObject({ organisationId: id, userId: id }),
};

export const channelVisibility = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('all') }),
  z.strictObject({ type: z.literal('roles'), roles: z.array(z.enum(memberRoles)).min(1).max(4) }),
  z.strictObject({ type: z.literal('organisation'), organisationId: id }),
]);

export const channel = {
  list: z.strictObject({
    communityId: id,
    includeArchived: z.boolean().default(false),
  }),
  create: z.strictObject({
    communityId: id,
    name: line(LIMITS.channelName.min, LIMITS.channelName.max),
    kind: z.enum(channelKinds),
    /** What this channel is for and what belongs in it. */
    topicPlan: text(LIMITS.topicPlan.max).pipe(z.string().min(LIMITS.topicPlan.min)),
    /** Member responsible for the channel; defaults to the creator. */
    ownerId: id.optional(),
    visibility: channelVisibility.default({ type: 'all' }),
  }),
  update: z.strictObject({
    channelId: id,
    name: line(LIMITS.channelName.min, LIMITS.channelName.max).optional(),
    topicPlan: text(LIMITS.topicPlan.max).pipe(z.string().min(LIMITS.topicPlan.min)).optional(),
    ownerId: id.optional(),
    visibility: channelVisibility.optional(),
    position: z.int().min(0).max(10_000).optional(),
  }),
  archive: z.strictObject({
    channelId: id,
    /** true archives, false restores. */
    archived: z.boolean(),
  }),
};

export const audit = {
  list: z.strictObject({
    communityId: id,
    /** ISO time; entries strictly older than this (cursor for the next page). */
    before: z.iso.datetime().optional(),
    limit: z.int().min(1).max(LIMITS.pageSize.max).default(LIMITS.pageSize.default),
  }),
};

/** One emoji (or a short emoji sequence), no text. */
const emoji = z
  .string()
  .min(1)
  .max(16)
  .regex(/^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\u200d|\ufe0f)+$/u, 'must be an emoji');

export const message = {
  send: z.strictObject({
    channelId: id,
    /** Generated by the sender (e.g. a UUID); makes retries safe. */
    clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, - or _'),
    body: text(LIMITS.message.maxLength).pipe(z.string().min(1, 'must not be empty')),
    /** Reply in the thread of this message. */
    parentId: id.optional(),
  }),
  edit: z.strictObject({
    messageId: id,
    body: text(LIMITS.message.maxLength).pipe(z.string().min(1, 'must not be empty')),
  }),
  remove: z.strictObject({ messageId: id }),
  react: z.strictObject({ messageId: id, emoji }),
  history: z.strictObject({
    channelId: id,
    /** Messages strictly before this seq; omitted for the newest page. */
    beforeSeq: z.int().min(1).optional(),
    limit: z.int().min(1).max(LIMITS.pageSize.max).default(LIMITS.message.historyPage),
  }),
  thread: z.strictObject({ messageId: id }),
  sync: z.strictObject({
    channelId: id,
    /** The last seq the client has; everything after it is returned. */
    afterSeq: z.int().min(0),
    /** Also return older messages changed (edited, deleted, hidden, reacted) since then. */
    updatedSince: z.iso.datetime().optional(),
  }),
  report: z.strictObject({ messageId: id, reason: text(LIMITS.reportReason.max).pipe(z.string().min(1)) }),
  hide: z.strictObject({ messageId: id, reason: text(LIMITS.reportReason.max).default('') }),
};

export const read = {
  mark: z.strictObject({ channelId: id, seq: z.int().min(0) }),
  states: z.strictObject({ communityId: id }),
};

export const typing = {
  start: z.strictObject({ channelId: id }),
};

export const presence = {
  list: z.strictObject({ communityId: id }),
};

export const notification = {
  list: z.strictObject({
    /** ISO time; older items than this. */
    before: z.iso.datetime().optional(),
    limit: z.int().min(1).max(100).default(30),
  }),
  markRead: z.strictObject({
    /** Ids to mark; omitted marks all. */
    ids: z.array(id).max(100).optional(),
  }),
};

export const report = {
  list: z.strictObject({ communityId: id, status: z.enum(['open', 'resolved']).default('open') }),
  resolve: z.strictObject({ reportId: id, action: z.enum(['hide', 'dismiss']) }),
};

export const mute = z.strictObject({
  communityId: id,
  userId: id,
  /** 0 lifts the mute. */
  minutes: z.int().min(0).max(LIMITS.muteMinutes.max),
  reason: text(300).default(''),
});
