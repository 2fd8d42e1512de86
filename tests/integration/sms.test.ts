/**
 * SMS through the official Alibaba Cloud and Tencent Cloud SDKs against local servers
 * that speak each provider's API and check its request signature (tests/support/sms-providers.ts):
 * login codes arrive through each driver; a reporter who opted in gets a notice when their
 * problem report changes state, one who did not gets none; a poll opening reaches SMS-only
 * and opted-in voters with how to vote assisted; per-number limits hold across two nodes
 * (Redis), and so do the providers' own; no log line holds a phone number or a secret.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createClient, type RedisClientType } from 'redis';
import { io as ioClient } from 'socket.io-client';
import type { IssueCategory, UserSelf } from '@linli/shared';
import { parseConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/lib/logger.js';
import { connectMongo, syncIndexes, type Connection } from '../../server/src/lib/db.js';
import { createModels, type Models } from '../../server/src/models.js';
import { createApp, type LinliApp } from '../../server/src/app.js';
import { createSmsDriver } from '../../server/src/sms/drivers.js';
import { aliyunSmsDriver } from '../../server/src/sms/aliyun.js';
import { tencentSmsDriver } from '../../server/src/sms/tencent.js';
import { SmsSendError } from '../../server/src/auth/sms.js';
import { PLATFORM_ADMIN_PHONE, call, eventually, must, nextIp, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { createTestCommunity } from '../support/community.js';
import { startAliyunSms, startTencentSms } from '../support/sms-providers.js';

const DAY = 86_400_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Linli nodes as production runs them with a real SMS driver (SMS_DRIVER from env), on
 * one database and one Redis, every log line kept for the test to read.
 */
async function startSmsNodes(opts: { nodes: number; env: Record<string, string>; codeOf: (phone: string) => string | undefined }) {
  const lines: string[] = [];
  const log = createLogger('info', false, { write: (line: string) => void lines.push(line) });
  const config = parseConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    TRUST_PROXY: 'true',
    PLATFORM_ADMIN_PHONES: PLATFORM_ADMIN_PHONE,
    SOCKET_EVENTS_PER_10S: '10000',
    MESSAGE_SEND_BURST: '10000',
    ...opts.env,
  });
  const redisUrl = inject('redisUrl');
  const flusher = createClient({ url: redisUrl });
  await flusher.connect();
  await flusher.flushAll();
  await flusher.quit();
  const dbName = `t_${randomBytes(4).toString('hex')}`;
  const nodes: { app: LinliApp; url: string; conn: Connection; redis: RedisClientType }[] = [];
  let models: Models | null = null;
  for (let i = 0; i < opts.nodes; i++) {
    const conn = await connectMongo(inject('mongoUrl'), dbName);
    const m = createModels(conn);
    if (i === 0) {
      await syncIndexes(conn);
      models = m;
    }
    const redis: RedisClientType = createClient({ url: redisUrl });
    redis.on('error', () => undefined);
    await redis.connect();
    const app = createApp({ config, models: m, redis, log, sms: createSmsDriver(config, log) });
    await app.warm();
    const port = await app.listen(0, '127.0.0.1');
    nodes.push({ app, url: `http://127.0.0.1:${port}`, conn, redis });
  }
  const sockets: ClientSocket[] = [];

  const post = async (path: string, body: unknown, node = 0, ip = nextIp()) => {
    const res = await fetch(`${nodes[node]!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string } }, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
  };

  const cluster = {
    nodes,
    models: models!,
    lines,
    post,
    /** Phone login through the HTTP API, the code read from what the provider received. */
    async login(phone: string, displayName = `用户${phone.slice(-4)}`, node = 0): Promise<Session> {
      const ip = nextIp();
      const before = opts.codeOf(phone);
      const sent = await post('/api/auth/request-code', { phone }, node, ip);
      if (!sent.body.ok) throw new Error(`request-code failed: ${JSON.stringify(sent.body)}`);
      const code = opts.codeOf(phone);
      if (!code || code === before) throw new Error(`no new code reached the provider for ****${phone.slice(-4)}`);
      const res = await post('/api/auth/verify', { phone, code, displayName }, node, ip);
      if (!res.body.ok) throw new Error(`verify failed: ${JSON.stringify(res.body)}`);
      return { cookie: res.cookie, user: (res.body.data as { user: UserSelf }).user };
    },
    async connect(session: Session, node = 0): Promise<ClientSocket> {
      const socket: ClientSocket = ioClient(nodes[node]!.url, { transports: ['websocket'], extraHeaders: { cookie: session.cookie }, reconnection: false, forceNew: true });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (err) => reject(err));
      });
      return socket;
    },
    async stop() {
      for (const socket of sockets) socket.disconnect();
      for (const node of nodes) {
        await node.app.close();
        await node.conn.close();
        await node.redis.quit().catch(() => undefined);
      }
    },
  };
  return cluster;
}

/** No log line may hold a phone number (national or E.164) or a secret. */
function expectCleanLogs(lines: readonly string[], phones: readonly string[], secrets: readonly string[]) {
  const all = lines.join('');
  for (const phone of phones) {
    expect(all).not.toContain(phone);
    expect(all).not.toContain(`86${phone}`);
  }
  for (const secret of secrets) expect(all).not.toContain(secret);
}

describe('SMS through Alibaba Cloud (dysmsapi 2017-05-25, ACS3-HMAC-SHA256), two nodes', () => {
  const account = {
    accessKeyId: 'LTAI5tTestKeyId0000000001',
    accessKeySecret: 'aliyun-test-secret-9f8e7d6c5b4a',
    signName: '邻里社区',
    templates: { SMS_100000001: ['code'], SMS_100000002: ['community', 'number', 'state'], SMS_100000003: ['community', 'title', 'closes', 'contact'] } as Record<string, readonly string[]>,
  };
  let aliyun: Awaited<ReturnType<typeof startAliyunSms>>;
  let c: Awaited<ReturnType<typeof startSmsNodes>>;
  let communityId: string;
  let moderator: ClientSocket;
  let moderator1: ClientSocket;
  let optedIn: ClientSocket;
  let quiet: ClientSocket;
  let categories: IssueCategory[];
  const users: Record<string, Session> = {};
  let smsOnlyUserId = '';
  const phones = { moderator: '13900500001', optedIn: '13900500002', quiet: '13900500003', smsOnly: '13900500009', codes: '13900500010', providerLimited: '13900500011' };
  const lastCode = (phone: string) => aliyun.to(phone).filter((sms) => sms.template === 'SMS_100000001').at(-1)?.params.code;
  const poll = (socket: ClientSocket, title: string) => must(socket, 'poll:create', { communityId, kind: 'yesno', title, closesAt: new Date(Date.now() + 7 * DAY).toISOString() });

  beforeAll(async () => {
    aliyun = await startAliyunSms(account);
    c = await startSmsNodes({
      nodes: 2,
      codeOf: (phone) => lastCode(phone),
      env: {
        SMS_DRIVER: 'aliyun',
        ALIYUN_SMS_ACCESS_KEY_ID: account.accessKeyId,
        ALIYUN_SMS_ACCESS_KEY_SECRET: account.accessKeySecret,
        ALIYUN_SMS_SIGN_NAME: account.signName,
        ALIYUN_SMS_TEMPLATE_LOGIN: 'SMS_100000001',
        ALIYUN_SMS_TEMPLATE_ISSUE: 'SMS_100000002',
        ALIYUN_SMS_TEMPLATE_POLL: 'SMS_100000003',
        ALIYUN_SMS_ENDPOINT: aliyun.url,
        SMS_NOTICES_PER_HOUR: '3',
        SMS_CODES_PER_DAY: '3',
      },
    });
    const community = await createTestCommunity(c as unknown as Cluster, '短信测试社区', users);
    communityId = community.communityId;
    moderator = await community.join('moderator', phones.moderator, '李社工', 0);
    optedIn = await community.join('optedIn', phones.optedIn, '王阿姨', 1);
    quiet = await community.join('quiet', phones.quiet, '刘大爷', 0);
    await community.setRole('moderator', 'moderator');
    moderator.disconnect();
    moderator = await c.connect(users.moderator!, 0);
    moderator1 = await c.connect(users.moderator!, 1);
    categories = await must(optedIn, 'issue:categories', { communityId });
  }, 60_000);

  afterAll(async () => {
    await c?.stop();
    await aliyun?.close();
  });

  it('login codes arrive through Alibaba Cloud, signed as the SDK signs; a wrong secret is refused by the provider', async () => {
    const codes = aliyun.to(phones.optedIn).filter((sms) => sms.template === 'SMS_100000001');
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatchObject({ signName: '邻里社区', params: { code: expect.stringMatching(/^\d{6}$/) } });
    expect(users.optedIn!.user.displayName).toBe('王阿姨');
    expect(aliyun.refused).toEqual([]);

    const before = aliyun.sent.length;
    const forged = aliyunSmsDriver({ ...account, accessKeySecret: 'not-the-secret', templates: { login: 'SMS_100000001' }, endpoint: aliyun.url });
    const refusal = await forged.sendLoginCode('+8613900500099', '123456').catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(SmsSendError);
    expect(refusal).toMatchObject({ provider: 'aliyun', code: 'SignatureDoesNotMatch', limited: false, requestId: expect.any(String) });
    const unknownKey = await aliyunSmsDriver({ ...account, accessKeyId: 'LTAI5tSomeoneElse', templates: { login: 'SMS_100000001' }, endpoint: aliyun.url })
      .sendLoginCode('+8613900500099', '123456')
      .catch((err: unknown) => err);
    expect(unknownKey).toMatchObject({ code: 'InvalidAccessKeyId.NotFound' });
    expect(aliyun.sent.length).toBe(before);
  });

  it('a reporter who opted in gets a notice when their report changes state; one who did not gets none', async () => {
    const settings = await must(optedIn, 'sms:set', { communityId, notices: true });
    expect(settings).toMatchObject({ notices: true, smsOnly: false, active: true, phoneMasked: '139****0002', driver: 'aliyun' });
    expect(await must(quiet, 'sms:get', { communityId })).toMatchObject({ notices: false, active: false });

    const mine = await must(optedIn, 'issue:file', { communityId, title: '楼道灯坏了', categoryId: categories[0]!.id });
    const theirs = await must(quiet, 'issue:file', { communityId, title: '垃圾桶满了', categoryId: categories[0]!.id });
    // Filing is no state change: nothing is sent.
    await sleep(300);
    expect(aliyun.to(phones.optedIn).filter((sms) => sms.template !== 'SMS_100000001')).toEqual([]);

    await must(moderator, 'issue:act', { issueId: mine.id, version: mine.version, action: 'acknowledge' });
    await must(moderator1, 'issue:act', { issueId: theirs.id, version: theirs.version, action: 'acknowledge' });
    await eventually(() => aliyun.to(phones.optedIn).some((sms) => sms.template === 'SMS_100000002'), 5000, 'the issue notice');
    const notice = aliyun.to(phones.optedIn).find((sms) => sms.template === 'SMS_100000002')!;
    expect(notice.params).toEqual({ community: '短信测试社区', number: String(mine.number), state: '已受理' });

    // The quiet reporter was told in the app (so the SMS listener saw it), not by SMS.
    await eventually(async () => (await c.models.Notification.countDocuments({ userId: users.quiet!.user.id, kind: 'issue' })) > 0, 5000, 'the in-app notification');
    await sleep(300);
    expect(aliyun.to(phones.quiet).filter((sms) => sms.template !== 'SMS_100000001')).toEqual([]);

    // A comment is no state change: no second notice.
    await must(moderator, 'issue:comment', { issueId: mine.id, body: '已联系电工' });
    await eventually(async () => (await c.models.Notification.countDocuments({ userId: users.optedIn!.user.id, kind: 'issue' })) >= 2, 5000, 'the comment notification');
    await sleep(300);
    expect(aliyun.to(phones.optedIn).filter((sms) => sms.template === 'SMS_100000002')).toHaveLength(1);

    const rows = await c.models.SmsNotice.find({ userId: users.optedIn!.user.id }).lean();
    expect(rows).toEqual([expect.objectContaining({ template: 'issueState', state: 'acknowledged', status: 'sent', driver: 'aliyun', requestId: notice.requestId })]);
    expect(JSON.stringify(rows)).not.toContain(phones.optedIn);
  });

  it('staff register a resident without a smartphone as SMS-only; a poll opening reaches them and opted-in voters, with how to vote assisted', async () => {
    // Residents may not; nothing is stored.
    const usersBefore = await c.models.User.countDocuments({});
    expect(await call(quiet, 'sms:register', { communityId, phone: phones.smsOnly, displayName: '张奶奶' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(quiet, 'sms:list', { communityId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.models.User.countDocuments({})).toBe(usersBefore);
    expect(await call(moderator, 'sms:register', { communityId, phone: '12345', displayName: '张奶奶' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // A landline is a valid number, but no text reaches it.
    expect(await call(moderator, 'sms:register', { communityId, phone: '010-62345678', displayName: '张奶奶' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await c.models.User.countDocuments({})).toBe(usersBefore);

    expect(await must(moderator, 'sms:setAssistContact', { communityId, assistContact: '0755-88881234' })).toEqual({ assistContact: '0755-88881234' });
    const registered = await must(moderator, 'sms:register', { communityId, phone: phones.smsOnly, displayName: '张奶奶' });
    expect(registered).toMatchObject({ displayName: '张奶奶', phoneMasked: '139****0009', smsOnly: true, notices: false, created: true, joined: true });
    smsOnlyUserId = registered.userId;
    // Registering again changes nothing.
    expect(await must(moderator1, 'sms:register', { communityId, phone: phones.smsOnly, displayName: '张奶奶' })).toMatchObject({ created: false, joined: false, smsOnly: true });
    const view = await must(moderator, 'sms:list', { communityId });
    expect(view.assistContact).toBe('0755-88881234');
    expect(view.members.map((m) => [m.displayName, m.smsOnly, m.notices])).toEqual([
      ['张奶奶', true, false],
      ['王阿姨', false, true],
    ]);

    const opened = await poll(moderator, '是否加装电梯');
    await eventually(() => aliyun.to(phones.smsOnly).length > 0 && aliyun.to(phones.optedIn).some((sms) => sms.template === 'SMS_100000003'), 5000, 'the poll notices');
    const [notice] = aliyun.to(phones.smsOnly);
    expect(notice).toMatchObject({ template: 'SMS_100000003', params: { community: '短信测试社区', title: '是否加装电梯', contact: '0755-88881234', closes: expect.stringMatching(/^\d+月\d+日\d\d:\d\d$/) } });
    await sleep(300);
    expect(aliyun.to(phones.quiet).filter((sms) => sms.template === 'SMS_100000003')).toEqual([]);
    expect(await c.models.SmsNotice.countDocuments({ subjectId: opened.id })).toBe(2);
  });

  it('per-number notice limits hold across both nodes (Redis); the rest are recorded as limited, not sent', async () => {
    // The opted-in member has had 2 notices this hour (limit 3), the SMS-only one 1: four more polls, from both nodes.
    for (const [i, socket] of [moderator, moderator1, moderator, moderator1].entries()) await poll(socket, `第${i + 2}次投票`);
    await eventually(async () => (await c.models.SmsNotice.countDocuments({ template: 'pollOpen', status: 'sending' })) === 0 && (await c.models.SmsNotice.countDocuments({ template: 'pollOpen' })) === 10, 8000, 'every poll notice settled');
    expect(aliyun.to(phones.optedIn).filter((sms) => sms.template !== 'SMS_100000001')).toHaveLength(3);
    expect(aliyun.to(phones.smsOnly)).toHaveLength(3);
    expect(await c.models.SmsNotice.countDocuments({ userId: users.optedIn!.user.id, status: 'limited' })).toBe(3);
    expect(await c.models.SmsNotice.countDocuments({ userId: smsOnlyUserId, status: 'limited' })).toBe(2);
  });

  it('per-number login-code limits hold across both nodes, and the provider\'s own flow control answers RATE_LIMITED', async () => {
    for (const node of [0, 1, 0]) await c.login(phones.codes, '赵先生', node);
    const refused = await c.post('/api/auth/request-code', { phone: phones.codes }, 1);
    expect(refused).toMatchObject({ status: 429, body: { ok: false, error: { code: 'RATE_LIMITED' } } });
    expect(aliyun.to(phones.codes)).toHaveLength(3);

    aliyun.allow(phones.providerLimited, 0);
    const limited = await c.post('/api/auth/request-code', { phone: phones.providerLimited }, 0);
    expect(limited).toMatchObject({ status: 429, body: { ok: false, error: { code: 'RATE_LIMITED' } } });
    expect(aliyun.to(phones.providerLimited)).toEqual([]);
    expect(c.lines.some((line) => line.includes('isv.BUSINESS_LIMIT_CONTROL') && line.includes('****0011'))).toBe(true);
  });

  it('an SMS-only resident who does log in sees the registration and may end it; staff may restore it, residents may not', async () => {
    const session = await c.login(phones.smsOnly, '张奶奶', 1);
    expect(session.user.id).toBe(smsOnlyUserId);
    const grandma = await c.connect(session, 1);
    expect(await must(grandma, 'sms:get', { communityId })).toMatchObject({ notices: false, smsOnly: true, active: true, phoneMasked: '139****0009' });
    expect(await must(grandma, 'sms:set', { communityId, notices: false })).toMatchObject({ notices: false, smsOnly: false, active: false });
    expect((await must(moderator, 'sms:list', { communityId })).members.map((m) => m.displayName)).toEqual(['王阿姨']);

    const before = JSON.stringify(await c.models.SmsPreference.findOne({ _id: smsOnlyUserId }).lean());
    expect(await call(quiet, 'sms:setSmsOnly', { communityId, userId: smsOnlyUserId, smsOnly: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(grandma, 'sms:setAssistContact', { communityId, assistContact: '别打' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(JSON.stringify(await c.models.SmsPreference.findOne({ _id: smsOnlyUserId }).lean())).toBe(before);
    expect((await must(moderator, 'sms:list', { communityId })).assistContact).toBe('0755-88881234');

    expect(await must(moderator1, 'sms:setSmsOnly', { communityId, userId: smsOnlyUserId, smsOnly: true })).toMatchObject({ displayName: '张奶奶', smsOnly: true });
    expect((await must(moderator, 'sms:list', { communityId })).members.map((m) => [m.displayName, m.smsOnly])).toEqual([
      ['张奶奶', true],
      ['王阿姨', false],
    ]);
    const audit = await must(moderator, 'audit:list', { communityId, limit: 50 });
    expect(audit.filter((entry) => entry.action.startsWith('sms.')).map((entry) => entry.action).sort()).toEqual(['sms.register', 'sms.register', 'sms.setAssistContact', 'sms.setSmsOnly']);
  });

  it('log lines show masked numbers and the provider request ids, never a phone number or a secret', () => {
    const sentNotice = aliyun.to(phones.optedIn).find((sms) => sms.template === 'SMS_100000002')!;
    const line = c.lines.find((l) => l.includes(sentNotice.requestId));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ msg: 'sms notice sent', to: '****0002', driver: 'aliyun', template: 'issueState' });
    expect(c.lines.some((l) => l.includes('sms login code sent') && l.includes('****0010'))).toBe(true);
    expectCleanLogs(c.lines, [...Object.values(phones), PLATFORM_ADMIN_PHONE], [account.accessKeySecret]);
  });
});

describe('SMS through Tencent Cloud (API 3.0 2021-01-11, TC3-HMAC-SHA256), one node', () => {
  const account = {
    secretId: 'AKIDtestSecretId000000000000001',
    secretKey: 'tencent-test-secret-key-0a1b2c3d',
    sdkAppId: '1400123456',
    signName: '邻里社区',
    templates: { '2000001': 2, '2000002': 3, '2000003': 4 } as Record<string, number>,
  };
  let tencent: Awaited<ReturnType<typeof startTencentSms>>;
  let c: Awaited<ReturnType<typeof startSmsNodes>>;
  let communityId: string;
  let moderator: ClientSocket;
  let reporter: ClientSocket;
  const users: Record<string, Session> = {};
  const phones = { moderator: '13900600001', reporter: '13900600002', limited: '13900600003' };
  const e164 = (phone: string) => `+86${phone}`;
  const lastCode = (phone: string) => tencent.to(e164(phone)).filter((sms) => sms.template === '2000001').at(-1)?.params['1'];

  beforeAll(async () => {
    tencent = await startTencentSms(account);
    c = await startSmsNodes({
      nodes: 1,
      codeOf: lastCode,
      env: {
        SMS_DRIVER: 'tencent',
        TENCENT_SMS_SECRET_ID: account.secretId,
        TENCENT_SMS_SECRET_KEY: account.secretKey,
        TENCENT_SMS_SDK_APP_ID: account.sdkAppId,
        TENCENT_SMS_SIGN_NAME: account.signName,
        TENCENT_SMS_TEMPLATE_LOGIN: '2000001',
        TENCENT_SMS_TEMPLATE_ISSUE: '2000002',
        TENCENT_SMS_TEMPLATE_POLL: '2000003',
        TENCENT_SMS_ENDPOINT: tencent.url,
      },
    });
    const community = await createTestCommunity(c as unknown as Cluster, '腾讯短信社区', users);
    communityId = community.communityId;
    moderator = await community.join('moderator', phones.moderator, '陈社工', 0);
    reporter = await community.join('reporter', phones.reporter, '周阿姨', 0);
    await community.setRole('moderator', 'moderator');
    moderator.disconnect();
    moderator = await c.connect(users.moderator!, 0);
  }, 60_000);

  afterAll(async () => {
    await c?.stop();
    await tencent?.close();
  });

  it('login codes arrive through Tencent Cloud with the code and its minutes; a wrong key is refused by the provider', async () => {
    const codes = tencent.to(e164(phones.reporter));
    expect(codes).toEqual([expect.objectContaining({ template: '2000001', signName: '邻里社区', params: { '1': expect.stringMatching(/^\d{6}$/), '2': '5' } })]);
    expect(tencent.refused).toEqual([]);
    const forged = tencentSmsDriver({ ...account, secretKey: 'not-the-key', templates: { login: '2000001' }, endpoint: tencent.url, region: 'ap-guangzhou' });
    expect(await forged.sendLoginCode('+8613900600099', '123456').catch((err: unknown) => err)).toMatchObject({ provider: 'tencent', code: 'AuthFailure.SignatureFailure', limited: false, requestId: expect.any(String) });
    const stranger = tencentSmsDriver({ ...account, secretId: 'AKIDsomeoneElse', templates: { login: '2000001' }, endpoint: tencent.url, region: 'ap-guangzhou' });
    expect(await stranger.sendLoginCode('+8613900600099', '123456').catch((err: unknown) => err)).toBeInstanceOf(SmsSendError);
    expect(tencent.to('+8613900600099')).toEqual([]);
  });

  it('an opted-in reporter gets the state notice with the template variables in order', async () => {
    await must(reporter, 'sms:set', { communityId, notices: true });
    const [category] = await must(reporter, 'issue:categories', { communityId });
    const issue = await must(reporter, 'issue:file', { communityId, title: '单元门禁坏了', categoryId: category!.id });
    await must(moderator, 'issue:act', { issueId: issue.id, version: issue.version, action: 'reject', reason: '属于物业合同范围，请联系物业' });
    await eventually(() => tencent.to(e164(phones.reporter)).some((sms) => sms.template === '2000002'), 5000, 'the issue notice');
    expect(tencent.to(e164(phones.reporter)).find((sms) => sms.template === '2000002')!.params).toEqual({ '1': '腾讯短信社区', '2': String(issue.number), '3': '不予受理' });
    // Turning notices off: the next poll does not reach them.
    expect(await must(reporter, 'sms:set', { communityId, notices: false })).toMatchObject({ active: false });
    const opened = await must(moderator, 'poll:create', { communityId, kind: 'yesno', title: '是否更换门禁', closesAt: new Date(Date.now() + 7 * DAY).toISOString() });
    await sleep(500);
    expect(tencent.to(e164(phones.reporter)).filter((sms) => sms.template === '2000003')).toEqual([]);
    expect(await c.models.SmsNotice.countDocuments({ subjectId: opened.id })).toBe(0);
  });

  it("the provider's per-number daily limit answers a code request RATE_LIMITED and marks a notice limited", async () => {
    tencent.allow(e164(phones.limited), 0);
    const refused = await c.post('/api/auth/request-code', { phone: phones.limited }, 0);
    expect(refused).toMatchObject({ status: 429, body: { ok: false, error: { code: 'RATE_LIMITED' } } });
    expect(c.lines.some((line) => line.includes('LimitExceeded.PhoneNumberDailyLimit') && line.includes('****0003'))).toBe(true);

    tencent.allow(e164(phones.reporter), 0);
    await must(reporter, 'sms:set', { communityId, notices: true });
    const opened = await must(moderator, 'poll:create', { communityId, kind: 'yesno', title: '是否加装充电桩', closesAt: new Date(Date.now() + 7 * DAY).toISOString() });
    await eventually(async () => (await c.models.SmsNotice.countDocuments({ subjectId: opened.id, status: 'limited' })) === 1, 5000, 'the limited notice');
    const row = await c.models.SmsNotice.findOne({ subjectId: opened.id }).lean();
    expect(row).toMatchObject({ status: 'limited', error: expect.stringContaining('LimitExceeded.PhoneNumberDailyLimit'), requestId: expect.any(String) });
  });

  it('no log line holds a phone number or the secret key', () => {
    expect(c.lines.some((line) => line.includes('sms login code sent') && line.includes('"driver":"tencent"'))).toBe(true);
    expectCleanLogs(c.lines, [...Object.values(phones), PLATFORM_ADMIN_PHONE, '13900600099'], [account.secretKey]);
  });
});
