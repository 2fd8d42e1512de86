import { describe, expect, it } from 'vitest';
import { buildRequest, dingtalkSign, feishuSign, readAnswer, secretHint, urlHint, urlProblem } from './providers.js';
import { backoffMs } from './hook.service.js';
import { createSealer } from './seal.js';

const message = { kind: 'announcement' as const, title: '停水通知 *重要*', lines: ['本周六 9:00-12:00'], link: 'https://linli.example.cn/c/1/channels/2' };

describe('provider signatures (vectors from the documented Python samples)', () => {
  it('DingTalk: base64(HmacSHA256(secret, timestamp + "\\n" + secret)), url-encoded in the address', () => {
    expect(dingtalkSign('1577262236757', 'this is secret')).toBe('hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=');
    const request = buildRequest('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc12345', 'this is secret', message, 1577262236757);
    expect(request.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc12345&timestamp=1577262236757&sign=hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D');
    expect(request.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '停水通知 *重要*', text: expect.stringContaining('[查看详情](https://linli.example.cn/c/1/channels/2)') } });
  });

  it('DingTalk without a secret: the address as given', () => {
    expect(buildRequest('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc12345', '', message, 1).url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc12345');
  });

  it('Feishu: base64(HmacSHA256(key = timestamp + "\\n" + secret, message = "")), timestamp in seconds in the body', () => {
    expect(feishuSign('1599360473', 'demo-secret')).toBe('3/MaVZ8JLIy4TUG+7KSFJqvUkTKd+HWY8g+56DZWq8s=');
    const request = buildRequest('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/abc12345', 'demo-secret', message, 1599360473_999);
    expect(request.body).toMatchObject({ timestamp: '1599360473', sign: '3/MaVZ8JLIy4TUG+7KSFJqvUkTKd+HWY8g+56DZWq8s=', msg_type: 'interactive' });
    expect(JSON.stringify(request.body)).toContain('"url":"https://linli.example.cn/c/1/channels/2"');
  });

  it('WeCom: markdown content, user text escaped, the key stays in the address', () => {
    const request = buildRequest('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc12345', '', message, 1);
    expect(request.url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc12345');
    expect(request.body).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining('**停水通知 \\*重要\\***') } });
    const long = buildRequest('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc12345', '', { ...message, lines: ['长'.repeat(3000)] }, 1);
    expect(Buffer.byteLength((long.body as { markdown: { content: string } }).markdown.content)).toBeLessThanOrEqual(4000);
  });
});

describe('webhook addresses', () => {
  it('accepts each provider’s documented address and refuses others', () => {
    expect(urlProblem('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa', [])).toBeNull();
    expect(urlProblem('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=XXXXXXXXXXXX', [])).toBeNull();
    expect(urlProblem('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/xxxxxxxxxxxxxxxxx', [])).toBeNull();
    expect(urlProblem('feishu', 'https://open.larksuite.com/open-apis/bot/v2/hook/xxxxxxxxxxxxxxxxx', [])).toBeNull();
    for (const [provider, url] of [
      ['wecom', 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6'],
      ['wecom', 'https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=693a91f6'],
      ['wecom', 'https://qyapi.weixin.qq.com.evil.cn/cgi-bin/webhook/send?key=693a91f6'],
      ['dingtalk', 'https://user:pw@oapi.dingtalk.com/robot/send?access_token=XXXXXXXXXXXX'],
      ['dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=short'],
      ['feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/../../x'],
      ['feishu', 'http://127.0.0.1:8080/open-apis/bot/v2/hook/xxxxxxxxxxxxxxxxx'],
    ] as const) {
      expect(urlProblem(provider, url, []), url).not.toBeNull();
    }
    expect(urlProblem('feishu', 'http://127.0.0.1:8080/open-apis/bot/v2/hook/xxxxxxxxxxxxxxxxx', ['127.0.0.1:8080'])).toBeNull();
    expect(urlProblem('feishu', 'http://127.0.0.1:8081/open-apis/bot/v2/hook/xxxxxxxxxxxxxxxxx', ['127.0.0.1:8080'])).not.toBeNull();
  });

  it('hints name the host and the token’s last four characters, the secret’s first three and last four', () => {
    expect(urlHint('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef')).toBe('oapi.dingtalk.com …cdef');
    expect(secretHint('SEC0123456789abcdef')).toBe('SEC…cdef');
    expect(secretHint('short')).toBe('…');
    expect(secretHint('')).toBeNull();
  });
});

describe('provider answers', () => {
  it('success, rate limits (with the provider’s hold), refusals and outages', () => {
    expect(readAnswer('wecom', 200, '{"errcode":0,"errmsg":"ok"}', null)).toEqual({ kind: 'sent' });
    expect(readAnswer('feishu', 200, '{"code":0,"msg":"success","data":{}}', null)).toEqual({ kind: 'sent' });
    expect(readAnswer('feishu', 200, '{"StatusCode":0,"StatusMessage":"success"}', null)).toEqual({ kind: 'sent' });
    expect(readAnswer('wecom', 200, '{"errcode":45009,"errmsg":"api freq out of limit"}', null)).toMatchObject({ kind: 'retry', waitMs: 60_000 });
    expect(readAnswer('dingtalk', 200, '{"errcode":130101,"errmsg":"send too fast"}', null)).toMatchObject({ kind: 'retry', waitMs: 600_000 });
    expect(readAnswer('dingtalk', 200, '{"errcode":660026,"errmsg":"limited"}', null)).toMatchObject({ kind: 'retry', waitMs: 600_000 });
    expect(readAnswer('feishu', 200, '{"code":11232,"msg":"frequency limited"}', null)).toMatchObject({ kind: 'retry', waitMs: 60_000 });
    expect(readAnswer('feishu', 429, '', '300')).toMatchObject({ kind: 'retry', waitMs: 300_000 });
    expect(readAnswer('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}', null)).toEqual({ kind: 'refused', error: '310000 sign not match' });
    expect(readAnswer('feishu', 200, '{"code":19021,"msg":"sign match fail"}', null)).toMatchObject({ kind: 'refused' });
    expect(readAnswer('wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}', null)).toMatchObject({ kind: 'refused' });
    expect(readAnswer('wecom', 502, '<html>bad gateway</html>', null)).toEqual({ kind: 'retry', error: 'HTTP 502', waitMs: null });
    // A 200 without the provider's success code is not a success.
    expect(readAnswer('wecom', 200, '{}', null)).toMatchObject({ kind: 'retry' });
  });

  it('backoff doubles from the base, at most an hour', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20, 30_000)).toBe(3_600_000);
  });
});

describe('sealing', () => {
  it('round-trips, differs each time, and refuses another key or a changed byte', () => {
    const sealer = createSealer('k'.repeat(40));
    const sealed = sealer.seal('SECsecret');
    expect(sealed).not.toContain('SECsecret');
    expect(sealer.seal('SECsecret')).not.toBe(sealed);
    expect(sealer.open(sealed)).toBe('SECsecret');
    expect(sealer.seal('')).toBe('');
    expect(() => createSealer('j'.repeat(40)).open(sealed)).toThrow();
    const parts = sealed.split(':');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => sealer.open([...parts.slice(0, 3), body.toString('base64url')].join(':'))).toThrow();
  });
});
