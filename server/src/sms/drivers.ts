import type { Config } from '../config.js';
import type { Logger } from '../lib/logger.js';
import { consoleSmsDriver, type SmsDriver } from '../auth/sms.js';
import { aliyunSmsDriver } from './aliyun.js';
import { tencentSmsDriver } from './tencent.js';

/** The SMS driver SMS_DRIVER names, built from its settings (parseConfig checked the required ones). */
export function createSmsDriver(config: Config, log: Logger): SmsDriver {
  if (config.SMS_DRIVER === 'aliyun') {
    return aliyunSmsDriver({
      accessKeyId: config.ALIYUN_SMS_ACCESS_KEY_ID ?? '',
      accessKeySecret: config.ALIYUN_SMS_ACCESS_KEY_SECRET ?? '',
      signName: config.ALIYUN_SMS_SIGN_NAME ?? '',
      templates: { login: config.ALIYUN_SMS_TEMPLATE_LOGIN ?? '', issueState: config.ALIYUN_SMS_TEMPLATE_ISSUE, pollOpen: config.ALIYUN_SMS_TEMPLATE_POLL },
      endpoint: config.ALIYUN_SMS_ENDPOINT,
    });
  }
  if (config.SMS_DRIVER === 'tencent') {
    return tencentSmsDriver({
      secretId: config.TENCENT_SMS_SECRET_ID ?? '',
      secretKey: config.TENCENT_SMS_SECRET_KEY ?? '',
      sdkAppId: config.TENCENT_SMS_SDK_APP_ID ?? '',
      signName: config.TENCENT_SMS_SIGN_NAME ?? '',
      templates: { login: config.TENCENT_SMS_TEMPLATE_LOGIN ?? '', issueState: config.TENCENT_SMS_TEMPLATE_ISSUE, pollOpen: config.TENCENT_SMS_TEMPLATE_POLL },
      endpoint: config.TENCENT_SMS_ENDPOINT,
      region: config.TENCENT_SMS_REGION,
    });
  }
  if (config.NODE_ENV === 'production') log.warn('SMS_DRIVER=console in production: login codes are only written to this log; set SMS_DRIVER=aliyun or tencent');
  return consoleSmsDriver(log);
}

/** Whether the driver has a template for each notice (without one, that notice is not sent by SMS). */
export function noticeTemplatesOf(config: Config): { issueState: boolean; pollOpen: boolean } {
  if (config.SMS_DRIVER === 'aliyun') return { issueState: Boolean(config.ALIYUN_SMS_TEMPLATE_ISSUE), pollOpen: Boolean(config.ALIYUN_SMS_TEMPLATE_POLL) };
  if (config.SMS_DRIVER === 'tencent') return { issueState: Boolean(config.TENCENT_SMS_TEMPLATE_ISSUE), pollOpen: Boolean(config.TENCENT_SMS_TEMPLATE_POLL) };
  return { issueState: true, pollOpen: true };
}
