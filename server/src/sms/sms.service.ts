/**
 * SMS notices for residents without a smartphone (or who prefer SMS): settings on the
 * profile page, staff registration of SMS-only residents, and the notices themselves —
 * a reporter's problem report changed state (from the stored notifications), a poll the
 * member may vote in opened (from the poll service), with how to vote assisted.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { maskPhone, type EventPayload, type IssueState, type Poll, type SmsMember, type SmsSettings, type SmsStaffView } from '@linli/shared';
import { AppError, conflict, forbidden, isDuplicateKey, notFound } from '../lib/errors.js';
import { derivedId } from '../lib/db.js';
import type { Logger } from '../lib/logger.js';
import type { Caller } from '../context/caller.js';
import { requireAccess, type AccessDeps } from '../context/access.js';
import type { AuditService } from '../audit/audit.service.js';
import type { MembershipOps } from '../members/memberships.js';
import type { MembershipDoc } from '../members/member.model.js';
import type { CreatedNotification, NotificationService } from '../notifications/notification.service.js';
import type { Clock } from '../issues/issue-store.js';
import { nationalNumber, normalisePhone } from '../auth/phone.js';
import type { SmsNoticeParams, SmsNoticeTemplate } from '../auth/sms.js';
import type { SmsGateway } from './gateway.js';
import type { SmsPreferenceDoc } from './sms.model.js';

/** What each state is called in the notice (as the issue pages call it). */
export const issueStateWords: Record<IssueState, string> = {
  submitted: '待受理',
  acknowledged: '已受理',
  assigned: '已派单处理',
  in_progress: '正在办理',
  resolved: '已办理，请您确认',
  confirmed: '已办结',
  reopened: '重新办理',
  rejected: '不予受理',
  merged: '已合并到同类问题',
};

/** Template variables are short (providers cap their length): longer text is cut. */
const clip = (text: string, max = 20) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** 12月3日18:00, China time. */
const shortTime = (iso: string) => {
  const t = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
};

/** Whether this member may vote in a poll of this eligibility (as the poll service decides). */
const mayVote = (membership: MembershipDoc, eligibility: Poll['eligibility']) => eligibility === 'members' || membership.household?.status === 'verified';

export interface SmsServiceDeps extends AccessDeps {
  audit: AuditService;
  members: MembershipOps;
  gateway: SmsGateway;
  notifications: NotificationService;
  polls: { onOpened(listener: (poll: Poll) => void | Promise<void>): () => void };
  /** Which notices have a template with the configured provider. */
  templates: { issueState: boolean; pollOpen: boolean };
  clock: Clock;
  log: Logger;
}

export function createSmsService(deps: SmsServiceDeps) {
  const { models, gateway, log } = deps;

  async function preferenceOf(userId: string): Promise<SmsPreferenceDoc | null> {
    return (await models.SmsPreference.findOne({ _id: userId }).lean()) as SmsPreferenceDoc | null;
  }
  const smsOnlyIn = (pref: SmsPreferenceDoc | null, communityId: string) => (pref?.smsOnlyIn ?? []).some((id) => id.toString() === communityId);
  const activeIn = (pref: SmsPreferenceDoc | null, communityId: string) => Boolean(pref?.notices) || smsOnlyIn(pref, communityId);

  async function phoneOf(userId: string): Promise<string | null> {
    const user = await models.User.findOne({ _id: userId }, { phone: 1 }).lean();
    return user?.phone ?? null;
  }
  async function communityName(communityId: string): Promise<string> {
    const community = await models.Community.findOne({ _id: communityId }, { name: 1 }).lean();
    return community?.name ?? '社区';
  }

  async function settingsOf(userId: string, communityId: string): Promise<SmsSettings> {
    const [pref, phone] = await Promise.all([preferenceOf(userId), phoneOf(userId)]);
    return {
      communityId,
      notices: Boolean(pref?.notices),
      smsOnly: smsOnlyIn(pref, communityId),
      active: activeIn(pref, communityId),
      phoneMasked: phone ? maskPhone(nationalNumber(phone)) : '',
      driver: gateway.name,
    };
  }

  async function memberRow(membership: MembershipDoc, pref: SmsPreferenceDoc | null, phone: string | null): Promise<SmsMember> {
    const communityId = membership.communityId.toString();
    return {
      userId: membership.userId.toString(),
      displayName: membership.displayName,
      phoneMasked: phone ? maskPhone(phone) : '',
      notices: Boolean(pref?.notices),
      smsOnly: smsOnlyIn(pref, communityId),
      householdVerified: membership.household?.status === 'verified',
    };
  }

  // ------------------------------------------------------------ notices

  /** Sends one notice and records it (the row has no phone number). */
  async function deliver<T extends SmsNoticeTemplate>(rowId: unknown, userId: string, template: T, params: SmsNoticeParams[T], context: Record<string, string>) {
    const phone = await phoneOf(userId);
    if (!phone) return;
    const outcome = await gateway.notice(phone, template, params, context);
    await models.SmsNotice.updateOne(
      { _id: rowId },
      { $set: { status: outcome.status, requestId: outcome.requestId, error: outcome.status === 'sent' ? null : outcome.error } },
    );
  }

  /** A reporter's problem report changed state: told once per change (the claim on SmsIssueState). */
  async function onIssueNotification(notification: CreatedNotification): Promise<void> {
    if (notification.kind !== 'issue' || !notification.issueId || !deps.templates.issueState) return;
    const issue = await models.Issue.findOne({ _id: notification.issueId }, { reporterId: 1, state: 1, number: 1, communityId: 1 }).lean();
    if (!issue || issue.reporterId?.toString() !== notification.userId) return;
    const communityId = issue.communityId.toString();
    if (!activeIn(await preferenceOf(notification.userId), communityId)) return;
    const state = issue.state as IssueState;
    const last = await models.SmsIssueState.findOne({ _id: issue._id }).lean();
    const told = (last?.state ?? 'submitted') as IssueState;
    if (state === told) return;
    if (last) {
      const claimed = await models.SmsIssueState.updateOne({ _id: issue._id, state: told }, { $set: { state } });
      if (claimed.modifiedCount !== 1) return;
    } else {
      try {
        await models.SmsIssueState.create({ _id: issue._id, state });
      } catch (err) {
        if (isDuplicateKey(err)) return;
        throw err;
      }
    }
    const row = await models.SmsNotice.create({ userId: notification.userId, communityId, template: 'issueState', subjectId: issue._id, state, status: 'sending', driver: gateway.name, at: deps.clock() });
    await deliver(row._id, notification.userId, 'issueState', { community: clip(await communityName(communityId)), number: String(issue.number), state: issueStateWords[state] }, { issueId: issue._id.toString(), state });
  }

  /** A poll opened: each member who gets SMS here and may vote in it is told once (a row per poll and member). */
  async function onPollOpened(poll: Poll): Promise<void> {
    if (!deps.templates.pollOpen) return;
    const communityId = poll.communityId;
    const prefs = (await models.SmsPreference.find({ $or: [{ notices: true }, { smsOnlyIn: communityId }] }).lean()) as SmsPreferenceDoc[];
    if (prefs.length === 0) return;
    const [name, settings] = await Promise.all([communityName(communityId), models.SmsCommunity.findOne({ _id: communityId }).lean()]);
    const params = { community: clip(name), title: clip(poll.title), closes: shortTime(poll.closesAt), contact: clip(settings?.assistContact || '居委会', 30) };
    for (const pref of prefs) {
      const userId = pref._id.toString();
      const membership = await deps.memberships.get(communityId, userId);
      if (!membership || !mayVote(membership, poll.eligibility)) continue;
      const rowId = derivedId('sms-poll', poll.id, userId);
      try {
        await models.SmsNotice.create({ _id: rowId, userId, communityId, template: 'pollOpen', subjectId: poll.id, status: 'sending', driver: gateway.name, at: deps.clock() });
      } catch (err) {
        if (isDuplicateKey(err)) continue;
        throw err;
      }
      await deliver(rowId, userId, 'pollOpen', params, { pollId: poll.id });
    }
  }

  deps.notifications.subscribe((notification) =>
    onIssueNotification(notification).catch((err: unknown) => log.warn({ err, issueId: notification.issueId }, 'sms issue notice failed')),
  );
  deps.polls.onOpened((poll) => onPollOpened(poll).catch((err: unknown) => log.warn({ err, pollId: poll.id }, 'sms poll notice failed')));

  // ------------------------------------------------------------ commands

  async function addSmsOnly(userId: string, communityId: string) {
    await models.SmsPreference.updateOne({ _id: userId }, { $addToSet: { smsOnlyIn: communityId }, $setOnInsert: { notices: false } }, { upsert: true });
  }

  return {
    async get(caller: Caller, input: EventPayload<'sms:get'>): Promise<SmsSettings> {
      await requireAccess(deps, caller, input.communityId, 'sms.own');
      return settingsOf(caller.userId, input.communityId);
    },

    async set(caller: Caller, input: EventPayload<'sms:set'>): Promise<SmsSettings> {
      await requireAccess(deps, caller, input.communityId, 'sms.own');
      // Off is off everywhere: it also ends SMS-only registrations (the member's word wins over staff's).
      const update = input.notices ? { $set: { notices: true } } : { $set: { notices: false, smsOnlyIn: [] } };
      await models.SmsPreference.updateOne({ _id: caller.userId }, update, { upsert: true });
      return settingsOf(caller.userId, input.communityId);
    },

    async list(caller: Caller, input: EventPayload<'sms:list'>): Promise<SmsStaffView> {
      await requireAccess(deps, caller, input.communityId, 'sms.manage');
      const prefs = (await models.SmsPreference.find({ $or: [{ notices: true }, { smsOnlyIn: input.communityId }] }).lean()) as SmsPreferenceDoc[];
      const rows: { membership: MembershipDoc; pref: SmsPreferenceDoc }[] = [];
      for (const pref of prefs) {
        const membership = await deps.memberships.get(input.communityId, pref._id.toString());
        if (membership) rows.push({ membership, pref });
      }
      const phones = await deps.members.phonesOf(rows.map((row) => row.membership.userId));
      const members = await Promise.all(rows.map((row) => memberRow(row.membership, row.pref, phones.get(row.membership.userId.toString()) ?? null)));
      members.sort((a, b) => Number(b.smsOnly) - Number(a.smsOnly) || a.displayName.localeCompare(b.displayName, 'zh-CN'));
      const settings = await models.SmsCommunity.findOne({ _id: input.communityId }).lean();
      return { members, assistContact: settings?.assistContact ?? '', driver: gateway.name };
    },

    async setSmsOnly(caller: Caller, input: EventPayload<'sms:setSmsOnly'>): Promise<SmsMember> {
      await requireAccess(deps, caller, input.communityId, 'sms.manage');
      const membership = await deps.members.activeMember(input.communityId, input.userId);
      if (input.smsOnly) await addSmsOnly(input.userId, input.communityId);
      else await models.SmsPreference.updateOne({ _id: input.userId }, { $pull: { smsOnlyIn: input.communityId } });
      await deps.audit.record(input.communityId, caller, 'sms.setSmsOnly', { type: 'member', id: input.userId }, { memberName: membership.displayName, smsOnly: input.smsOnly });
      const phones = await deps.members.phonesOf([membership.userId]);
      return memberRow(membership, await preferenceOf(input.userId), phones.get(input.userId) ?? null);
    },

    async register(caller: Caller, input: EventPayload<'sms:register'>): Promise<SmsMember & { created: boolean; joined: boolean }> {
      await requireAccess(deps, caller, input.communityId, 'sms.manage');
      const phone = normalisePhone(input.phone);
      // A text needs a mobile number (a landline is a valid number, but no SMS reaches it).
      const type = parsePhoneNumberFromString(phone)?.getType();
      if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') {
        throw new AppError('VALIDATION_FAILED', 'Not a mobile number', { issues: [{ path: 'phone', message: 'must be a mobile number (SMS cannot reach a landline)' }] });
      }
      let user = await models.User.findOne({ phone }).lean();
      let created = false;
      if (!user) {
        const res = await models.User.updateOne({ phone }, { $setOnInsert: { phone, displayName: input.displayName, isPlatformAdmin: false, bannedAt: null } }, { upsert: true });
        created = res.upsertedCount === 1;
        user = await models.User.findOne({ phone }).lean();
        if (!user) throw notFound('User');
      }
      if (user.bannedAt) throw forbidden('This account is banned');
      const userId = user._id.toString();
      let membership = (await models.Membership.findOne({ communityId: input.communityId, userId }).lean()) as MembershipDoc | null;
      let joined = false;
      if (membership?.status === 'banned') throw conflict('This person is banned from the community: lift the ban first');
      if (membership?.status !== 'active') {
        await deps.members.admit(input.communityId, userId, 'resident');
        joined = true;
        membership = (await models.Membership.findOne({ communityId: input.communityId, userId }).lean()) as MembershipDoc | null;
        if (!membership) throw notFound('Member');
      }
      await addSmsOnly(userId, input.communityId);
      await deps.audit.record(input.communityId, caller, 'sms.register', { type: 'member', id: userId }, { memberName: membership.displayName, created, joined });
      const row = await memberRow(membership, await preferenceOf(userId), nationalNumber(phone));
      return { ...row, created, joined };
    },

    async setAssistContact(caller: Caller, input: EventPayload<'sms:setAssistContact'>): Promise<{ assistContact: string }> {
      await requireAccess(deps, caller, input.communityId, 'sms.manage');
      await models.SmsCommunity.updateOne({ _id: input.communityId }, { $set: { assistContact: input.assistContact } }, { upsert: true });
      await deps.audit.record(input.communityId, caller, 'sms.setAssistContact', { type: 'community', id: input.communityId }, { assistContact: input.assistContact });
      return { assistContact: input.assistContact };
    },

    /** The notices sent to a user, newest first (tests and operators; no phone numbers stored). */
    async noticesOf(userId: string) {
      return models.SmsNotice.find({ userId }).sort({ at: -1 }).lean();
    },
  };
}

export type SmsService = ReturnType<typeof createSmsService>;
