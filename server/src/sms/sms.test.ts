import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../config.js';
import { noticeText } from '../auth/sms.js';
import { parseEndpoint, scrubDigits, scrubMessage } from './endpoint.js';
import { aliyunSmsDriver } from './aliyun.js';
import { tencentSmsDriver } from './tencent.js';
import { SmsSendError } from '../auth/sms.js';
import { noticeTemplatesOf } from './drivers.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    parseConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => p.split(':')[0]);
    throw err;
  }
};

describe('SMS configuration', () => {
  it('console needs nothing; a real driver refuses to start without its key, signing name and login template', () => {
    expect(parseConfig({}).SMS_DRIVER).toBe('console');
    expect(problemsOf({ SMS_DRIVER: 'aliyun' }).sort()).toEqual(['ALIYUN_SMS_ACCESS_KEY_ID', 'ALIYUN_SMS_ACCESS_KEY_SECRET', 'ALIYUN_SMS_SIGN_NAME', 'ALIYUN_SMS_TEMPLATE_LOGIN']);
    expect(problemsOf({ SMS_DRIVER: 'tencent', TENCENT_SMS_SECRET_ID: 'id', TENCENT_SMS_SECRET_KEY: '' }).sort()).toEqual([
      'TENCENT_SMS_SDK_APP_ID',
      'TENCENT_SMS_SECRET_KEY',
      'TENCENT_SMS_SIGN_NAME',
      'TENCENT_SMS_TEMPLATE_LOGIN',
    ]);
    expect(problemsOf({ SMS_DRIVER: 'twilio' })).toEqual(['SMS_DRIVER']);
    expect(problemsOf({ SMS_NOTICES_PER_HOUR: '0' })).toEqual(['SMS_NOTICES_PER_HOUR']);
  });

  it('endpoints default to the providers; notice templates are optional', () => {
    const c = parseConfig({ SMS_DRIVER: 'aliyun', ALIYUN_SMS_ACCESS_KEY_ID: 'k', ALIYUN_SMS_ACCESS_KEY_SECRET: 's', ALIYUN_SMS_SIGN_NAME: '邻里', ALIYUN_SMS_TEMPLATE_LOGIN: 'SMS_1', ALIYUN_SMS_TEMPLATE_POLL: 'SMS_3' });
    expect(c.ALIYUN_SMS_ENDPOINT).toBe('dysmsapi.aliyuncs.com');
    expect(c.TENCENT_SMS_ENDPOINT).toBe('sms.tencentcloudapi.com');
    expect(c.TENCENT_SMS_REGION).toBe('ap-guangzhou');
    expect(noticeTemplatesOf(c)).toEqual({ issueState: false, pollOpen: true });
  });

  it('an endpoint is a host (HTTPS) or a URL naming its scheme', () => {
    expect(parseEndpoint('dysmsapi.aliyuncs.com')).toEqual({ protocol: 'https', host: 'dysmsapi.aliyuncs.com' });
    expect(parseEndpoint('http://127.0.0.1:4567/')).toEqual({ protocol: 'http', host: '127.0.0.1:4567' });
    expect(parseEndpoint('https://sms.ap-guangzhou.tencentcloudapi.com')).toEqual({ protocol: 'https', host: 'sms.ap-guangzhou.tencentcloudapi.com' });
  });

  it('phone-like digits in a provider message are masked', () => {
    expect(scrubDigits('invalid number +8613800138000 and 13800138000, code 123456')).toBe('invalid number ****8000 and ****8000, code 123456');
  });

  it('notice texts as the README registers them', () => {
    expect(noticeText('issueState', { community: '桃源社区', number: '12', state: '已受理' })).toBe('您在桃源社区反映的问题#12有新进展：已受理。');
    expect(noticeText('pollOpen', { community: '桃源社区', title: '加装电梯', closes: '12月8日18:00', contact: '0755-88881234' })).toBe(
      '桃源社区投票“加装电梯”已开始，12月8日18:00截止。不便上网可到居委会或联系0755-88881234由工作人员代为投票。',
    );
  });

  it('a network failure through either SDK is an SmsSendError whose message holds neither the number nor the code', async () => {
    // Port 9 (discard) on this machine: nothing listens, the connection is refused.
    const aliyun = aliyunSmsDriver({ accessKeyId: 'id', accessKeySecret: 'secret', signName: '邻里', templates: { login: 'SMS_1' }, endpoint: 'http://127.0.0.1:9' });
    const tencent = tencentSmsDriver({ secretId: 'id', secretKey: 'secret', sdkAppId: '1400000000', signName: '邻里', templates: { login: '1' }, endpoint: 'http://127.0.0.1:9', region: 'ap-guangzhou' });
    for (const driver of [aliyun, tencent]) {
      const err = await driver.sendLoginCode('+8613800138000', '246813').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SmsSendError);
      const { message, code, limited } = err as SmsSendError;
      expect(limited).toBe(false);
      expect(code).toMatch(/ECONNREFUSED|NETWORK/);
      expect(message).toContain('ECONNREFUSED');
      for (const secret of ['13800138000', '246813', '2468', 'PhoneNumbers']) expect(message).not.toContain(secret);
    }
  });

  it("messages keep a URL's origin only", () => {
    expect(scrubMessage('POST http://127.0.0.1:9/?PhoneNumbers=13800138000&TemplateParam=%7B%22code%22%3A%22246813%22%7D failed.')).toBe('POST http://127.0.0.1:9/… failed.');
  });
});
