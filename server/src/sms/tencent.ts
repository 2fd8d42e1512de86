/**
 * Tencent Cloud SMS (API 3.0, version 2021-01-11) through its official SDK: SendSms,
 * signed by the SDK (TC3-HMAC-SHA256). Per-number results come in
 * Response.SendStatusSet[].Code ("Ok", or e.g. LimitExceeded.PhoneNumberDailyLimit);
 * a refused request in Response.Error, which the SDK throws.
 */
import * as tencentcloud from 'tencentcloud-sdk-nodejs-sms';
import { SmsSendError, smsNoticeVariables, type SmsDriver, type SmsNoticeParams, type SmsNoticeTemplate, type SmsReceipt } from '../auth/sms.js';
import { parseEndpoint, scrubMessage } from './endpoint.js';
import { codeMinutes } from './aliyun.js';

export interface TencentSmsSettings {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  templates: { login: string; issueState?: string | undefined; pollOpen?: string | undefined };
  /** sms.tencentcloudapi.com, or http://127.0.0.1:port in tests. */
  endpoint: string;
  region: string;
}

const isLimit = (code: string) => code.startsWith('LimitExceeded') || code === 'RequestLimitExceeded';

export function tencentSmsDriver(settings: TencentSmsSettings): SmsDriver {
  const { protocol, host } = parseEndpoint(settings.endpoint);
  const Client = tencentcloud.sms.v20210111.Client;
  const client = new Client({
    credential: { secretId: settings.secretId, secretKey: settings.secretKey },
    region: settings.region,
    profile: { httpProfile: { endpoint: host, protocol: `${protocol}://`, reqTimeout: 10 } },
  });

  async function send(phoneE164: string, templateId: string, params: string[]): Promise<SmsReceipt> {
    let response: Awaited<ReturnType<typeof client.SendSms>>;
    try {
      response = await client.SendSms({ PhoneNumberSet: [phoneE164], SmsSdkAppId: settings.sdkAppId, SignName: settings.signName, TemplateId: templateId, TemplateParamSet: params });
    } catch (err) {
      const e = err as { code?: string; requestId?: string; message?: string };
      const code = e.code || 'NETWORK';
      throw new SmsSendError('tencent', code, e.requestId || null, isLimit(code), scrubMessage(e.message ?? 'request failed'));
    }
    const requestId = response.RequestId ?? null;
    const status = response.SendStatusSet?.[0];
    if (!status || status.Code !== 'Ok') {
      const code = status?.Code ?? 'UNKNOWN';
      throw new SmsSendError('tencent', code, requestId, isLimit(code), scrubMessage(status?.Message ?? ''));
    }
    return { requestId };
  }

  return {
    name: 'tencent',
    sendLoginCode: (phoneE164, code) => send(phoneE164, settings.templates.login, [code, codeMinutes]),
    async sendNotice<T extends SmsNoticeTemplate>(phoneE164: string, template: T, params: SmsNoticeParams[T]) {
      const templateId = settings.templates[template];
      if (!templateId) throw new SmsSendError('tencent', 'NO_TEMPLATE', null, false, `no template configured for ${template}`);
      const ordered = (smsNoticeVariables[template] as readonly string[]).map((name) => String((params as Record<string, string>)[name] ?? ''));
      return send(phoneE164, templateId, ordered);
    },
  };
}
