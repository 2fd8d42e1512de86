/**
 * SMS for residents without a smartphone: a member turns short SMS notices on or off
 * (their problem report changed state, a poll they may vote in opened); staff register
 * a resident who has no smartphone as SMS-only, and set whom such residents call to
 * vote with a worker's help (assisted voting, poll:castFor).
 */
import { z } from 'zod';
import { id, line } from '../fields.js';
import { defineContract, type Rule } from '../contract.js';
import { isMember, isStaff } from '../actor.js';
import { displayName } from '../auth/schemas.js';

/** The caller's own SMS settings, as the profile page shows them. */
export interface SmsSettings {
  communityId: string;
  /** The member asked for SMS notices (every community they belong to). */
  notices: boolean;
  /** Staff of this community registered the member as SMS-only (no smartphone): notices go out by SMS. */
  smsOnly: boolean;
  /** Whether notices reach the member by SMS here (notices or smsOnly). */
  active: boolean;
  /** The number SMS go to, masked (138****5678). */
  phoneMasked: string;
  /** Who sends them: console (development: the server log), aliyun or tencent. */
  driver: string;
}

/** A member who gets SMS notices, as staff see them. */
export interface SmsMember {
  userId: string;
  displayName: string;
  phoneMasked: string;
  notices: boolean;
  smsOnly: boolean;
  householdVerified: boolean;
}

export interface SmsStaffView {
  members: SmsMember[];
  /** Whom to call to vote with a worker's help, as poll notices say it; '' means "居委会". */
  assistContact: string;
  driver: string;
}

export const SMS_LIMITS = {
  assistContact: 30,
} as const;

export const sms = {
  get: z.strictObject({ communityId: id }),
  set: z.strictObject({
    communityId: id,
    /** Off also ends an SMS-only registration: the member's word wins. */
    notices: z.boolean(),
  }),
  list: z.strictObject({ communityId: id }),
  setSmsOnly: z.strictObject({ communityId: id, userId: id, smsOnly: z.boolean() }),
  register: z.strictObject({
    communityId: id,
    /** As typed; default region CN. */
    phone: z.string().trim().min(3).max(32),
    /** Used when the number has no account yet. */
    displayName,
  }),
  setAssistContact: z.strictObject({
    communityId: id,
    /** A phone number or place, e.g. "0755-1234567" or "居委会一楼"; '' for the default. */
    assistContact: line(0, SMS_LIMITS.assistContact),
  }),
};

export interface SmsResults {
  'sms:get': SmsSettings;
  'sms:set': SmsSettings;
  'sms:list': SmsStaffView;
  'sms:setSmsOnly': SmsMember;
  /** created: a new account was made for the number; joined: it was made a member of the community. */
  'sms:register': SmsMember & { created: boolean; joined: boolean };
  'sms:setAssistContact': { assistContact: string };
}

export const smsRules = {
  /** A member's own SMS settings. */
  'sms.own': (a) => isMember(a),
  /** Staff see who gets SMS, register residents without a smartphone, set the assisted-voting contact. */
  'sms.manage': (a) => isStaff(a.role),
} satisfies {
  'sms.own': Rule;
  'sms.manage': Rule;
};

export const smsContract = defineContract<SmsResults>()({
  commands: {
    'sms:get': sms.get,
    'sms:set': sms.set,
    'sms:list': sms.list,
    'sms:setSmsOnly': sms.setSmsOnly,
    'sms:register': sms.register,
    'sms:setAssistContact': sms.setAssistContact,
  },
  rules: smsRules,
});
