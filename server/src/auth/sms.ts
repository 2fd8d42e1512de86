import type { Logger } from '../lib/logger.js';

/** The notices Linli sends by SMS besides login codes (each a template registered with the provider). */
export type SmsNoticeTemplate = 'issueState' | 'pollOpen';

/** The variables of each notice template, by name (Alibaba Cloud ${name}; Tencent Cloud {1}{2}... in this order). */
export interface SmsNoticeParams {
  /** 您在${community}反映的问题#${number}有新进展：${state}。 */
  issueState: { community: string; number: string; state: string };
  /** ${community}投票“${title}”已开始，${closes}截止。不便上网可到居委会或联系${contact}由工作人员代为投票。 */
  pollOpen: { community: string; title: string; closes: string; contact: string };
}

/** The variable order of each template (Tencent Cloud numbers them {1}, {2}, ...). */
export const smsNoticeVariables: { [T in SmsNoticeTemplate]: readonly (keyof SmsNoticeParams[T])[] } = {
  issueState: ['community', 'number', 'state'],
  pollOpen: ['community', 'title', 'closes', 'contact'],
};

/** What the provider answered for a message it accepted. */
export interface SmsReceipt {
  /** The provider's request id (Alibaba Cloud RequestId, Tencent Cloud RequestId): what its support asks for. */
  requestId: string | null;
}

/** A provider refused or could not be reached. Carries no phone number and no secret. */
export class SmsSendError extends Error {
  constructor(
    readonly provider: string,
    /** The provider's code (isv.BUSINESS_LIMIT_CONTROL, LimitExceeded.PhoneNumberDailyLimit, SignatureDoesNotMatch ...) or NETWORK. */
    readonly code: string,
    readonly requestId: string | null,
    /** The provider's own flow control refused: a limit, not a fault. */
    readonly limited: boolean,
    message: string,
  ) {
    super(message);
  }
}

/** Sends one-time codes and short notices. Real providers implement the same interface. */
export interface SmsDriver {
  readonly name: string;
  sendLoginCode(phoneE164: string, code: string): Promise<SmsReceipt | void>;
  sendNotice<T extends SmsNoticeTemplate>(phoneE164: string, template: T, params: SmsNoticeParams[T]): Promise<SmsReceipt | void>;
}

/** ****1234: the only form of a phone number that may reach a log line. */
export const maskedPhone = (phoneE164: string) => `****${phoneE164.slice(-4)}`;

/** The text a notice template says, filled in (the console driver prints it; the README lists the same templates). */
export function noticeText<T extends SmsNoticeTemplate>(template: T, params: SmsNoticeParams[T]): string {
  if (template === 'issueState') {
    const p = params as SmsNoticeParams['issueState'];
    return `您在${p.community}反映的问题#${p.number}有新进展：${p.state}。`;
  }
  const p = params as SmsNoticeParams['pollOpen'];
  return `${p.community}投票“${p.title}”已开始，${p.closes}截止。不便上网可到居委会或联系${p.contact}由工作人员代为投票。`;
}

/**
 * Development and tests: prints the code to the server log. The phone number
 * is masked in that line; the code is what a developer needs to log in.
 */
export function consoleSmsDriver(log: Logger, out: (line: string) => void = (line) => process.stdout.write(line)): SmsDriver {
  return {
    name: 'console',
    async sendLoginCode(phoneE164, code) {
      const tail = phoneE164.slice(-4);
      // Plain stdout on purpose: the logger redacts login codes, and the developer needs this one.
      out(`[sms:console] login code for ****${tail}: ${code}\n`);
      log.info({ to: `****${tail}` }, 'login code sent (console driver)');
      return { requestId: null };
    },
    async sendNotice(phoneE164, template, params) {
      out(`[sms:console] notice ${template} to ${maskedPhone(phoneE164)} | ${noticeText(template, params)}\n`);
      return { requestId: null };
    },
  };
}
