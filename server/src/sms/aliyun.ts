/**
 * Alibaba Cloud SMS (dysmsapi 2017-05-25) through its official SDK: SendSms, RPC style,
 * signed by the SDK (ACS3-HMAC-SHA256 in the Authorization header). A business refusal
 * comes back as HTTP 200 with Code other than "OK" (e.g. isv.BUSINESS_LIMIT_CONTROL);
 * a refused request (signature, key) as HTTP 4xx, which the SDK throws.
 */
import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { Config } from '@alicloud/openapi-client';
import { LIMITS } from '@linli/shared';
import { SmsSendError, type SmsDriver, type SmsNoticeParams, type SmsNoticeTemplate, type SmsReceipt } from '../auth/sms.js';
import { parseEndpoint, scrubMessage } from './endpoint.js';

export interface AliyunSmsSettings {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templates: { login: string; issueState?: string | undefined; pollOpen?: string | undefined };
  /** dysmsapi.aliyuncs.com, or http://127.0.0.1:port in tests. */
  endpoint: string;
}

/** The Alibaba Cloud codes that mean "flow control": the number got too many messages. */
const LIMIT_CODES = new Set(['isv.BUSINESS_LIMIT_CONTROL', 'isv.DAY_LIMIT_CONTROL', 'isv.OUT_OF_SERVICE']);

/** Mainland numbers go as 11 digits; others with their country code and no plus (as the API documents). */
const aliyunNumber = (phoneE164: string) => (phoneE164.startsWith('+86') ? phoneE164.slice(3) : phoneE164.replace(/^\+/, ''));

// The package is CommonJS: from Node's ESM its default import is module.exports, whose default is the client
// class; bundlers and test runners that apply __esModule interop hand over the class itself.
const DysmsClient: typeof Dysmsapi.default = typeof Dysmsapi.default === 'function' ? Dysmsapi.default : (Dysmsapi as unknown as typeof Dysmsapi.default);

export function aliyunSmsDriver(settings: AliyunSmsSettings): SmsDriver {
  const { protocol, host } = parseEndpoint(settings.endpoint);
  const client = new DysmsClient(
    new Config({
      accessKeyId: settings.accessKeyId,
      accessKeySecret: settings.accessKeySecret,
      endpoint: host,
      protocol,
      connectTimeout: 3000,
      readTimeout: 5000,
    }) as never,
  );

  async function send(phoneE164: string, templateCode: string, params: Record<string, string>): Promise<SmsReceipt> {
    let body: { code?: string; message?: string; requestId?: string } | undefined;
    try {
      const response = await client.sendSms(
        new SendSmsRequest({ phoneNumbers: aliyunNumber(phoneE164), signName: settings.signName, templateCode, templateParam: JSON.stringify(params) }),
      );
      body = response.body;
    } catch (err) {
      const e = err as { code?: string; requestId?: string; data?: { Code?: string; RequestId?: string; Message?: string }; message?: string };
      const code = e.data?.Code ?? (e.code && e.code !== 'undefined' ? e.code : 'NETWORK');
      const requestId = e.data?.RequestId ?? (e.requestId && e.requestId !== 'undefined' ? e.requestId : null);
      throw new SmsSendError('aliyun', code, requestId, code.includes('Throttling') || LIMIT_CODES.has(code), scrubMessage(e.data?.Message ?? e.message ?? 'request failed'));
    }
    const requestId = body?.requestId ?? null;
    if (body?.code !== 'OK') {
      const code = body?.code ?? 'UNKNOWN';
      throw new SmsSendError('aliyun', code, requestId, LIMIT_CODES.has(code), scrubMessage(body?.message ?? ''));
    }
    return { requestId };
  }

  return {
    name: 'aliyun',
    sendLoginCode: (phoneE164, code) => send(phoneE164, settings.templates.login, { code }),
    async sendNotice<T extends SmsNoticeTemplate>(phoneE164: string, template: T, params: SmsNoticeParams[T]) {
      const templateCode = settings.templates[template];
      if (!templateCode) throw new SmsSendError('aliyun', 'NO_TEMPLATE', null, false, `no template configured for ${template}`);
      return send(phoneE164, templateCode, { ...params });
    },
  };
}

/** How long a login code stays valid, in minutes (Tencent's login template names it; Alibaba's does not). */
export const codeMinutes = String(Math.round(LIMITS.otp.ttlSeconds / 60));
