/**
 * Local stand-ins for the two SMS providers, speaking their APIs as the official SDKs
 * call them and checking what the providers check:
 *
 * - Alibaba Cloud dysmsapi 2017-05-25 SendSms (RPC style, V3 signature): the
 *   Authorization header "ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=...,Signature=..."
 *   recomputed from the canonical request (method, path, sorted query, signed headers,
 *   x-acs-content-sha256) with the AccessKey secret; x-acs-date fresh; x-acs-signature-nonce
 *   not reused; host and every x-acs-* header signed. Business answers are HTTP 200 with
 *   Code "OK" or e.g. "isv.BUSINESS_LIMIT_CONTROL"; refused requests HTTP 4xx with Code.
 * - Tencent Cloud API 3.0 SendSms, version 2021-01-11: "TC3-HMAC-SHA256
 *   Credential=<SecretId>/<date>/<service>/tc3_request, SignedHeaders=content-type;host,
 *   Signature=..." recomputed with the SecretKey (the derived key chain TC3+key -> date ->
 *   service -> tc3_request); X-TC-Timestamp within 5 minutes and matching the scope's date.
 *   Answers { Response: { SendStatusSet: [{ Code: "Ok" | "LimitExceeded.PhoneNumberDailyLimit" ... }], RequestId } }
 *   or { Response: { Error: { Code, Message }, RequestId } }.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

const sha256hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 percent-encoding, as Alibaba Cloud's canonical query string uses it. */
const acsEncode = (value: string) =>
  encodeURIComponent(value).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A');

export interface SentSms {
  provider: 'aliyun' | 'tencent';
  /** As the provider received it (Alibaba: 13800000000; Tencent: +8613800000000). */
  phone: string;
  signName: string;
  template: string;
  /** Alibaba: the TemplateParam object; Tencent: TemplateParamSet as {1: ..., 2: ...}. */
  params: Record<string, string>;
  requestId: string;
}

interface Listening {
  server: Server;
  url: string;
}

async function listen(handler: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void): Promise<Listening> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handler(req, Buffer.concat(chunks), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}` };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
  res.end(JSON.stringify(body));
};

/** Per number, how many messages the provider still accepts (its flow control); unset: no limit. */
type Allowance = Map<string, number>;

export async function startAliyunSms(account: { accessKeyId: string; accessKeySecret: string; signName: string; templates: Record<string, readonly string[]> }) {
  const sent: SentSms[] = [];
  const refused: { code: string }[] = [];
  const nonces = new Set<string>();
  const allowance: Allowance = new Map();
  const { server, url } = await listen((req, body, res) => {
    const requestId = randomUUID().toUpperCase();
    const refuse = (status: number, code: string, message: string) => {
      refused.push({ code });
      json(res, status, { RequestId: requestId, HostId: 'dysmsapi.aliyuncs.com', Code: code, Message: message, Recommend: `https://api.aliyun.com/troubleshoot?q=${code}` });
    };
    const headers = req.headers;
    const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(String(headers.authorization ?? ''));
    if (!auth) return refuse(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    const [, keyId, signedList, signature] = auth as unknown as [string, string, string, string];
    if (keyId !== account.accessKeyId) return refuse(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const signed = signedList.split(';');
    const mustSign = ['host', ...Object.keys(headers).filter((name) => name.startsWith('x-acs-'))];
    if (mustSign.some((name) => !signed.includes(name)) || [...signed].sort().join(';') !== signedList) {
      return refuse(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    }
    if (headers['x-acs-content-sha256'] !== sha256hex(body)) return refuse(400, 'IncompleteSignature', 'x-acs-content-sha256 does not match the body.');
    const date = Date.parse(String(headers['x-acs-date'] ?? ''));
    if (!Number.isFinite(date) || Math.abs(Date.now() - date) > 15 * 60_000) return refuse(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    const nonce = String(headers['x-acs-signature-nonce'] ?? '');
    if (!nonce || nonces.has(nonce)) return refuse(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    const target = new URL(req.url ?? '/', 'http://placeholder');
    const query = [...target.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const canonicalQuery = query.map(([key, value]) => `${acsEncode(key)}=${acsEncode(value)}`).join('&');
    const canonicalHeaders = signed.map((name) => `${name}:${String(headers[name] ?? '').trim()}\n`).join('');
    const canonicalRequest = [req.method, target.pathname, canonicalQuery, canonicalHeaders, signedList, headers['x-acs-content-sha256']].join('\n');
    const expected = hmac(account.accessKeySecret, `ACS3-HMAC-SHA256\n${sha256hex(canonicalRequest)}`).toString('hex');
    if (expected !== signature) return refuse(400, 'SignatureDoesNotMatch', 'Specified signature does not match our calculation.');
    nonces.add(nonce);
    if (headers['x-acs-action'] !== 'SendSms' || headers['x-acs-version'] !== '2017-05-25') return refuse(400, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');

    // SendSms itself: business refusals are HTTP 200 with a Code other than OK.
    const params = Object.fromEntries(target.searchParams.entries());
    const answer = (code: string, message: string) => json(res, 200, { RequestId: requestId, Code: code, Message: message });
    if (!/^1\d{10}$/.test(params.PhoneNumbers ?? '')) return answer('isv.MOBILE_NUMBER_ILLEGAL', '手机号码格式错误');
    if (params.SignName !== account.signName) return answer('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    const variables = account.templates[params.TemplateCode ?? ''];
    if (!variables) return answer('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    let templateParam: Record<string, string>;
    try {
      templateParam = JSON.parse(params.TemplateParam ?? '{}') as Record<string, string>;
    } catch {
      return answer('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    if (variables.some((name) => typeof templateParam[name] !== 'string' || templateParam[name] === '')) return answer('isv.TEMPLATE_MISSING_PARAMETERS', '模板变量缺少对应参数值');
    if (Object.values(templateParam).some((value) => value.length > 35)) return answer('isv.PARAM_LENGTH_LIMIT', '参数超出长度限制');
    const left = allowance.get(params.PhoneNumbers!);
    if (left !== undefined) {
      if (left <= 0) return answer('isv.BUSINESS_LIMIT_CONTROL', '触发小时级流控Permits:5');
      allowance.set(params.PhoneNumbers!, left - 1);
    }
    sent.push({ provider: 'aliyun', phone: params.PhoneNumbers!, signName: params.SignName!, template: params.TemplateCode!, params: templateParam, requestId });
    json(res, 200, { RequestId: requestId, Message: 'OK', BizId: `${Date.now()}^0`, Code: 'OK' });
  });
  return {
    url,
    sent,
    refused,
    /** The provider's flow control: this number gets `count` more messages, then isv.BUSINESS_LIMIT_CONTROL. */
    allow(phone: string, count: number) {
      allowance.set(phone, count);
    },
    to: (phone: string) => sent.filter((sms) => sms.phone === phone),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function startTencentSms(account: { secretId: string; secretKey: string; sdkAppId: string; signName: string; templates: Record<string, number> }) {
  const sent: SentSms[] = [];
  const refused: { code: string }[] = [];
  const allowance: Allowance = new Map();
  const { server, url } = await listen((req, body, res) => {
    const requestId = randomUUID();
    const error = (code: string, message: string) => {
      refused.push({ code });
      json(res, 200, { Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
    };
    const headers = req.headers;
    const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(String(headers.authorization ?? ''));
    if (!auth) return error('AuthFailure.InvalidAuthorization', 'Authorization 不符合腾讯云标准。');
    const [, secretId, date, service, signedList, signature] = auth as unknown as [string, string, string, string, string, string];
    if (secretId !== account.secretId) return error('AuthFailure.SecretIdNotFound', '密钥不存在。');
    const timestamp = Number(headers['x-tc-timestamp']);
    if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return error('AuthFailure.SignatureExpire', '签名过期。');
    if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return error('AuthFailure.SignatureFailure', '请求签名验证失败（日期）。');
    const host = String(headers.host ?? '');
    const hostname = host.replace(/:\d+$/, '');
    // The service in the scope is the endpoint's first label (sms.tencentcloudapi.com -> sms), as the SDK derives it.
    if (service !== hostname.split('.')[0]) return error('AuthFailure.SignatureFailure', '请求签名验证失败（服务）。');
    const signed = signedList.split(';');
    if (!signed.includes('content-type') || !signed.includes('host')) return error('AuthFailure.SignatureFailure', '请求签名验证失败（签名头）。');
    const values: Record<string, string> = { 'content-type': String(headers['content-type'] ?? ''), host: hostname };
    const canonicalHeaders = signed.map((name) => `${name}:${(values[name] ?? String(headers[name] ?? '')).trim().toLowerCase()}\n`).join('');
    const target = new URL(req.url ?? '/', 'http://placeholder');
    const canonicalRequest = [req.method, target.pathname, target.search.slice(1), canonicalHeaders, signedList, sha256hex(body)].join('\n');
    const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/${service}/tc3_request`, sha256hex(canonicalRequest)].join('\n');
    const kDate = hmac(`TC3${account.secretKey}`, date);
    const kService = hmac(kDate, service);
    const kSigning = hmac(kService, 'tc3_request');
    if (createHmac('sha256', kSigning).update(stringToSign).digest('hex') !== signature) return error('AuthFailure.SignatureFailure', '请求签名验证失败，请检查您的签名计算是否正确。');
    if (headers['x-tc-action'] !== 'SendSms') return error('InvalidAction', '接口不存在。');
    if (headers['x-tc-version'] !== '2021-01-11') return error('InvalidParameter', '版本号不正确。');

    let input: { PhoneNumberSet?: string[]; SmsSdkAppId?: string; SignName?: string; TemplateId?: string; TemplateParamSet?: string[] };
    try {
      input = JSON.parse(body.toString('utf8')) as typeof input;
    } catch {
      return error('InvalidParameter', '请求体不是合法的 JSON。');
    }
    if (input.SmsSdkAppId !== account.sdkAppId) return error('FailedOperation.SmsSdkAppIdVerifyFail', 'SdkAppId 校验失败。');
    if (input.SignName !== account.signName) return error('FailedOperation.SignatureIncorrectOrUnapproved', '签名未审批或格式错误。');
    const count = account.templates[input.TemplateId ?? ''];
    if (count === undefined) return error('FailedOperation.TemplateIncorrectOrUnapproved', '模板未审批或内容不匹配。');
    const paramSet = input.TemplateParamSet ?? [];
    if (paramSet.length !== count) return error('FailedOperation.TemplateParamSetNotMatchApprovedTemplate', '请求内容与审核通过的模板内容不匹配。');
    if (paramSet.some((value) => typeof value !== 'string' || value.length > 35)) return error('FailedOperation.TemplateParamSetNotMatchApprovedTemplate', '模板变量长度超出限制。');
    const statuses = (input.PhoneNumberSet ?? []).map((phone) => {
      const status = { SerialNo: '', PhoneNumber: phone, Fee: 0, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' };
      if (!/^\+861\d{10}$/.test(phone)) return { ...status, Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: '手机号格式错误' };
      const left = allowance.get(phone);
      if (left !== undefined) {
        if (left <= 0) return { ...status, Code: 'LimitExceeded.PhoneNumberDailyLimit', Message: '单个手机号日下发短信条数超过设定的上限' };
        allowance.set(phone, left - 1);
      }
      sent.push({ provider: 'tencent', phone, signName: input.SignName!, template: input.TemplateId!, params: Object.fromEntries(paramSet.map((value, i) => [String(i + 1), value])), requestId });
      return { ...status, SerialNo: `2028:${randomUUID()}`, Fee: 1 };
    });
    json(res, 200, { Response: { SendStatusSet: statuses, RequestId: requestId } });
  });
  return {
    url,
    sent,
    refused,
    allow(phone: string, count: number) {
      allowance.set(phone, count);
    },
    to: (phone: string) => sent.filter((sms) => sms.phone === phone),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
