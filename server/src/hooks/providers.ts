/**
 * What each provider's robot expects and answers, per its documentation:
 * - 企业微信 group robot: POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY,
 *   {"msgtype":"markdown","markdown":{"content":...}}; answers {"errcode":0,"errmsg":"ok"};
 *   20 messages a minute per robot, over it errcode 45009. Not signed (the key is the secret).
 * - 钉钉 custom robot: POST https://oapi.dingtalk.com/robot/send?access_token=TOKEN, with 加签
 *   &timestamp=<ms>&sign=urlencode(base64(HmacSHA256(key=secret, timestamp+"\n"+secret)));
 *   {"msgtype":"markdown","markdown":{"title","text"}}; answers {"errcode":0}; 20 a minute,
 *   over it errcode 130101 (or 660026) and the robot is held for 10 minutes.
 * - 飞书 / Lark custom bot: POST https://open.feishu.cn/open-apis/bot/v2/hook/TOKEN (or
 *   open.larksuite.com), body {"timestamp":"<s>","sign":base64(HmacSHA256(key=timestamp+"\n"+secret, msg="")),
 *   "msg_type":"interactive","card":{...}}; answers {"code":0}; 100 a minute and 5 a second,
 *   over it code 11232 (or 9499) or HTTP 429.
 */
import { createHmac } from 'node:crypto';
import type { HookEventKind, HookProvider } from '@linli/shared';

export interface HookMessage {
  kind: HookEventKind;
  title: string;
  lines: readonly string[];
  link: string;
}

/** The hosts each provider's robots live on. */
export const providerHosts: Record<HookProvider, readonly string[]> = {
  wecom: ['qyapi.weixin.qq.com'],
  dingtalk: ['oapi.dingtalk.com'],
  feishu: ['open.feishu.cn', 'open.larksuite.com'],
};

/** The webhook's path and token, per provider. */
const shapes: Record<HookProvider, { path: RegExp; token: (url: URL) => string | null; example: string }> = {
  wecom: { path: /^\/cgi-bin\/webhook\/send$/, token: (url) => url.searchParams.get('key'), example: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' },
  dingtalk: { path: /^\/robot\/send$/, token: (url) => url.searchParams.get('access_token'), example: 'https://oapi.dingtalk.com/robot/send?access_token=…' },
  feishu: { path: /^\/open-apis\/bot\/v2\/hook\/[A-Za-z0-9-]+$/, token: (url) => url.pathname.split('/').pop() ?? null, example: 'https://open.feishu.cn/open-apis/bot/v2/hook/…' },
};

/**
 * Why this is not a webhook address of the provider, or null when it is. `allowHosts`
 * (HOOKS_ALLOW_HOSTS: host or host:port) are accepted besides the provider's own hosts,
 * over http too: local stand-ins in tests, a proxy an operator runs.
 */
export function urlProblem(provider: HookProvider, raw: string, allowHosts: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a web address';
  }
  const shape = shapes[provider];
  const allowed = allowHosts.includes(url.host) || allowHosts.includes(url.hostname);
  if (!allowed) {
    if (!providerHosts[provider].includes(url.hostname) || url.port !== '') return `not an address of this provider (${shape.example})`;
    if (url.protocol !== 'https:') return 'must start with https://';
  }
  if (url.username || url.password) return 'must not contain a user name or password';
  if (!shape.path.test(url.pathname)) return `not a robot webhook address (${shape.example})`;
  const token = shape.token(url);
  if (!token || !/^[A-Za-z0-9_-]{8,200}$/.test(token)) return `the robot's token is missing (${shape.example})`;
  return null;
}

/** `oapi.dingtalk.com …a1b2`: enough to tell robots apart, too little to use one. */
export function urlHint(provider: HookProvider, raw: string): string {
  const url = new URL(raw);
  const token = shapes[provider].token(url) ?? '';
  return `${url.host} …${token.slice(-4)}`;
}

export function secretHint(secret: string): string | null {
  if (secret === '') return null;
  return secret.length >= 12 ? `${secret.slice(0, 3)}…${secret.slice(-4)}` : '…';
}

/** DingTalk 加签: base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret)). */
export const dingtalkSign = (timestampMs: string, secret: string): string => createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');

/** Feishu 签名校验: base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")). */
export const feishuSign = (timestampS: string, secret: string): string => createHmac('sha256', `${timestampS}\n${secret}`).update('', 'utf8').digest('base64');

/** Every message says where it comes from: a DingTalk or Feishu keyword (关键词) of "邻里" lets it through. */
const FOOTER = '— 邻里 Linli';

/** Markdown special characters of the text we did not write (a title, a name). */
const md = (text: string) => text.replace(/([\\`*_[\]<>#])/g, '\\$1');

/** The request for one message: the address (DingTalk: signed) and the JSON body. */
export function buildRequest(provider: HookProvider, rawUrl: string, secret: string, message: HookMessage, nowMs: number): { url: string; body: unknown } {
  const lines = message.lines.filter((line) => line.trim() !== '');
  switch (provider) {
    case 'wecom': {
      const content = [`**${md(message.title)}**`, ...lines.map((line) => `> ${md(line)}`), `[查看详情](${message.link})`, FOOTER].join('\n');
      return { url: rawUrl, body: { msgtype: 'markdown', markdown: { content: cutBytes(content, 4000) } } };
    }
    case 'dingtalk': {
      let url = rawUrl;
      if (secret) {
        const timestamp = String(nowMs);
        url = `${rawUrl}&timestamp=${timestamp}&sign=${encodeURIComponent(dingtalkSign(timestamp, secret))}`;
      }
      const text = [`#### ${md(message.title)}`, ...lines.map(md), `[查看详情](${message.link})`, FOOTER].join('\n\n');
      return { url, body: { msgtype: 'markdown', markdown: { title: message.title.slice(0, 60), text: cutBytes(text, 4000) } } };
    }
    case 'feishu': {
      const card = {
        header: { title: { tag: 'plain_text', content: message.title }, template: message.kind === 'test' ? 'grey' : 'blue' },
        elements: [
          ...(lines.length > 0 ? [{ tag: 'div', text: { tag: 'lark_md', content: lines.map(md).join('\n') } }] : []),
          { tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: '查看详情' }, type: 'primary', url: message.link }] },
          { tag: 'note', elements: [{ tag: 'plain_text', content: FOOTER }] },
        ],
      };
      const body: Record<string, unknown> = { msg_type: 'interactive', card };
      if (secret) {
        const timestamp = String(Math.floor(nowMs / 1000));
        Object.assign(body, { timestamp, sign: feishuSign(timestamp, secret) });
      }
      return { url: rawUrl, body };
    }
  }
}

function cutBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  let out = text;
  while (Buffer.byteLength(out, 'utf8') > max - 3) out = out.slice(0, -1);
  return `${out}…`;
}

/** What the provider's answer means for the delivery. */
export type Outcome =
  | { kind: 'sent' }
  /** Try again later; `waitMs`: at least this long (a rate limit). */
  | { kind: 'retry'; error: string; waitMs: number | null }
  /** Will not work until an admin fixes the robot (bad token, signature, keyword, IP list): give up now. */
  | { kind: 'refused'; error: string };

const MINUTE = 60_000;

/** Answers that mean "too many messages": the provider's documented codes, and how long it holds the robot. */
const rateLimited: Record<HookProvider, { codes: readonly number[]; holdMs: number }> = {
  wecom: { codes: [45009], holdMs: MINUTE },
  dingtalk: { codes: [130101, 660026], holdMs: 10 * MINUTE },
  feishu: { codes: [11232, 9499], holdMs: MINUTE },
};

/** Answers that will not change by trying again. */
const refusedCodes: Record<HookProvider, readonly number[]> = {
  // 93000: invalid webhook url (removed robot); 40008 / 40058: invalid message.
  wecom: [93000, 40008, 40058],
  // 300001: token does not exist; 310000: keyword, signature or IP allow-list not met; 400013: the group is gone.
  dingtalk: [300001, 310000, 400013],
  // 19001: invalid token; 19021: signature; 19022: IP allow-list; 19024: keyword.
  feishu: [19001, 19021, 19022, 19024],
};

export function readAnswer(provider: HookProvider, status: number, bodyText: string, retryAfter: string | null): Outcome {
  let answer: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed && typeof parsed === 'object') answer = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: judged by the status alone.
  }
  const rawCode = provider === 'feishu' ? (answer.code ?? answer.StatusCode) : answer.errcode;
  const code = typeof rawCode === 'number' ? rawCode : null;
  const rawMessage = provider === 'feishu' ? (answer.msg ?? answer.StatusMessage) : answer.errmsg;
  const said = `${code ?? `HTTP ${status}`}${typeof rawMessage === 'string' && rawMessage ? ` ${rawMessage.slice(0, 200)}` : ''}`;
  const limit = rateLimited[provider];
  if (status === 429 || (code !== null && limit.codes.includes(code))) {
    const seconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : 0;
    return { kind: 'retry', error: `rate limited: ${said}`, waitMs: Math.max(limit.holdMs, seconds) };
  }
  if (status >= 200 && status < 300 && code === 0) return { kind: 'sent' };
  if (code !== null && refusedCodes[provider].includes(code)) return { kind: 'refused', error: said };
  return { kind: 'retry', error: said, waitMs: null };
}
