/**
 * Group robots (企业微信 / 钉钉 / 飞书) on two nodes, against a local server that
 * speaks each provider's robot protocol and checks what the provider checks: the
 * WeCom key in the address and the markdown body; DingTalk's timestamp + HMAC-SHA256
 * signature in the address; Feishu's timestamp + signature in the body; each answering
 * as the provider does, its refusals and rate limits included. Retries follow a test
 * clock; two nodes never send one message twice; secrets never come back or reach a log.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, EventInput, Hook, HookDelivery, Issue, IssueCategory } from '@linli/shared';
import { call, eventually, must, next, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { createTestCommunity } from '../support/community.js';
import { parseConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/lib/logger.js';
import { consoleSmsDriver } from '../../server/src/auth/sms.js';
import { createApp } from '../../server/src/app.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Provider = 'wecom' | 'dingtalk' | 'feishu';

interface Received {
  provider: Provider;
  token: string;
  url: URL;
  body: Record<string, unknown>;
  /** What the provider made of it. */
  accepted: boolean;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * One HTTP server standing in for the three providers' robot endpoints.
 * `robots` holds each robot's token and secret (as the provider knows them);
 * `script` queues the next answers for a token (rate limits, outages).
 */
function providerStandIn() {
  const robots = new Map<string, { provider: Provider; secret: string }>();
  const script = new Map<string, Answer[]>();
  const received: Received[] = [];

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });

  const withinHour = (ms: number) => Number.isFinite(ms) && Math.abs(Date.now() - ms) < HOUR;

  /** What the provider answers when it refuses; null when the request is as documented. */
  function check(provider: Provider, token: string, url: URL, body: Record<string, unknown>, contentType: string): Answer | null {
    if (!contentType.startsWith('application/json')) return { status: 200, body: { errcode: 40001, errmsg: 'content type must be json' } };
    const robot = robots.get(token);
    if (provider === 'wecom') {
      if (!robot || robot.provider !== 'wecom') return { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } };
      const markdown = body.markdown as { content?: unknown } | undefined;
      if (body.msgtype !== 'markdown' || typeof markdown?.content !== 'string' || Buffer.byteLength(markdown.content) > 4096) return { status: 200, body: { errcode: 40008, errmsg: 'invalid message type' } };
      return null;
    }
    if (provider === 'dingtalk') {
      if (!robot || robot.provider !== 'dingtalk') return { status: 200, body: { errcode: 300001, errmsg: 'token is not exist' } };
      if (robot.secret) {
        const timestamp = url.searchParams.get('timestamp') ?? '';
        const sign = url.searchParams.get('sign') ?? '';
        const expected = createHmac('sha256', robot.secret).update(`${timestamp}\n${robot.secret}`).digest('base64');
        if (!withinHour(Number(timestamp)) || sign !== expected) return { status: 200, body: { errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' } };
      }
      const markdown = body.markdown as { title?: unknown; text?: unknown } | undefined;
      if (body.msgtype !== 'markdown' || typeof markdown?.title !== 'string' || typeof markdown.text !== 'string') return { status: 200, body: { errcode: 40035, errmsg: '缺少参数 json' } };
      return null;
    }
    if (!robot || robot.provider !== 'feishu') return { status: 200, body: { code: 19001, msg: 'param invalid: incoming webhook access token invalid', data: {} } };
    if (robot.secret) {
      const timestamp = String(body.timestamp ?? '');
      const expected = createHmac('sha256', `${timestamp}\n${robot.secret}`).update('').digest('base64');
      if (!withinHour(Number(timestamp) * 1000) || body.sign !== expected) return { status: 200, body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} } };
    }
    const card = body.card as { header?: { title?: { content?: unknown } }; elements?: unknown } | undefined;
    if (body.msg_type !== 'interactive' || typeof card?.header?.title?.content !== 'string' || !Array.isArray(card.elements)) return { status: 200, body: { code: 9499, msg: 'Bad Request', data: {} } };
    return null;
  }

  const server: Server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      let provider: Provider | null = null;
      let token = '';
      if (req.method === 'POST' && url.pathname === '/cgi-bin/webhook/send') [provider, token] = ['wecom', url.searchParams.get('key') ?? ''];
      else if (req.method === 'POST' && url.pathname === '/robot/send') [provider, token] = ['dingtalk', url.searchParams.get('access_token') ?? ''];
      else if (req.method === 'POST' && url.pathname.startsWith('/open-apis/bot/v2/hook/')) [provider, token] = ['feishu', url.pathname.split('/').pop() ?? ''];
      if (!provider) {
        res.writeHead(404).end();
        return;
      }
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // An empty body fails the checks below.
      }
      const refusal = check(provider, token, url, body, req.headers['content-type'] ?? '');
      const scripted = refusal ? undefined : script.get(token)?.shift();
      const answer = refusal ?? scripted ?? { status: 200, body: provider === 'feishu' ? { code: 0, msg: 'success', data: {} } : { errcode: 0, errmsg: 'ok' } };
      received.push({ provider, token, url, body, accepted: !refusal && !scripted });
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(JSON.stringify(answer.body));
    });
  });

  return {
    server,
    robots,
    script,
    received,
    /** Messages a robot accepted (shown in its group). */
    shown: (token: string) => received.filter((r) => r.token === token && r.accepted),
    async start(): Promise<number> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as AddressInfo).port;
    },
  };
}

/** The text a robot's group shows, whatever the provider. */
const textOf = (r: Received): string => JSON.stringify(r.body);

describe('group robots (hooks)', () => {
  const standIn = providerStandIn();
  let base: string;
  let c: Cluster;
  let now = Date.parse('2026-12-01T09:00:00Z');
  const clock = () => new Date(now);
  let communityId: string;
  let admin: ClientSocket;
  let moderator: ClientSocket;
  let resident: ClientSocket;
  let orgStaff: ClientSocket;
  let outsider: ClientSocket;
  const users: Record<string, Session> = {};
  let announcements: Channel;
  let chat: Channel;
  let categories: IssueCategory[];
  let propertyId: string;

  const token = () => randomBytes(16).toString('hex');
  const robot = (provider: Provider, secret = '') => {
    const t = token();
    standIn.robots.set(t, { provider, secret });
    const url =
      provider === 'wecom' ? `${base}/cgi-bin/webhook/send?key=${t}` : provider === 'dingtalk' ? `${base}/robot/send?access_token=${t}` : `${base}/open-apis/bot/v2/hook/${t}`;
    return { token: t, url, secret };
  };
  const wecom = { ...{ token: '', url: '', secret: '' }, hook: null as Hook | null };
  const dingtalk = { ...wecom };
  const feishu = { ...wecom };
  const sweepAll = () => Promise.all(c.nodes.map((node) => node.app.services.hooks.sweep()));
  const deliveries = (hookId?: string) => must(admin, 'hook:deliveries', { communityId, ...(hookId ? { hookId } : {}), limit: 50 });
  const counts = async () => ({ hooks: await c.models.Hook.countDocuments({}), deliveries: await c.models.HookDelivery.countDocuments({}) });

  beforeAll(async () => {
    const port = await standIn.start();
    base = `http://127.0.0.1:${port}`;
    c = await startCluster({
      nodes: 2,
      clock,
      env: { HOOKS_ALLOW_HOSTS: `127.0.0.1:${port}`, PUBLIC_URL: 'https://linli.example.cn', HOOK_MAX_ATTEMPTS: '3', HOOK_SECRET_KEY: 'k'.repeat(40) },
    });
    const community = await createTestCommunity(c, '群机器人测试社区', users);
    ({ admin, communityId } = community);
    moderator = await community.join('moderator', '13900600001', '李社工', 1);
    resident = await community.join('resident', '13900600002', '王阿姨', 0);
    orgStaff = await community.join('orgStaff', '13900600003', '物业小陈', 1);
    await community.setRole('moderator', 'moderator');
    const property = await community.addStaff(await community.organisation('物业公司', 'property_management'), 'orgStaff', '客服');
    propertyId = property.id;
    users.outsider = await c.login('13900600009', '外人');
    outsider = await c.connect(users.outsider, 0);
    moderator.disconnect();
    moderator = await c.connect(users.moderator!, 1);
    orgStaff.disconnect();
    orgStaff = await c.connect(users.orgStaff!, 1);
    admin.disconnect();
    admin = await c.connect(users.admin!, 0);
    const channels = await must(admin, 'channel:list', { communityId });
    announcements = channels.find((channel) => channel.kind === 'announcements')!;
    chat = channels.find((channel) => channel.kind === 'chat')!;
    categories = await must(resident, 'issue:categories', { communityId });
  });

  afterAll(async () => {
    await c?.stop();
    await new Promise<void>((resolve) => standIn.server.close(() => resolve()));
  });

  it('only admins manage hooks: moderators and residents are refused, outsiders do not see the community, and nothing is stored', async () => {
    const r = robot('dingtalk', 'SEC' + token());
    const payload = { communityId, provider: 'dingtalk' as const, name: '业主群', url: r.url, secret: r.secret };
    const before = await counts();
    for (const [socket, code] of [
      [moderator, 'FORBIDDEN'],
      [resident, 'FORBIDDEN'],
      [outsider, 'NOT_FOUND'],
    ] as const) {
      expect(await call(socket, 'hook:create', payload)).toMatchObject({ ok: false, error: { code } });
      expect(await call(socket, 'hook:list', { communityId })).toMatchObject({ ok: false, error: { code } });
      expect(await call(socket, 'hook:deliveries', { communityId })).toMatchObject({ ok: false, error: { code } });
    }
    expect(await counts()).toEqual(before);
  });

  it('bad input is VALIDATION_FAILED and stores nothing: foreign hosts, wrong paths, http to a provider, a WeCom secret, a chat channel', async () => {
    const before = await counts();
    const bad: Record<string, unknown>[] = [
      { provider: 'dingtalk', url: 'https://evil.example.com/robot/send?access_token=abcdef0123456789' },
      { provider: 'dingtalk', url: 'http://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789' },
      { provider: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send' },
      { provider: 'wecom', url: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789' },
      { provider: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/' },
      { provider: 'feishu', url: 'https://open.feishu.cn.evil.example/open-apis/bot/v2/hook/abcdef0123456789' },
      { provider: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdef0123456789', secret: 'SECabcdef' },
      { provider: 'wecom', url: 'not a url' },
      { provider: 'slack', url: 'https://hooks.slack.com/services/x' },
      { provider: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789', name: '' },
      { provider: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789', channelId: chat.id },
      { provider: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789', secret: 'has space' },
    ];
    for (const fields of bad) {
      const answer = await call(admin, 'hook:create', { communityId, name: '群', ...fields } as never);
      expect(answer, JSON.stringify(fields)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(await counts()).toEqual(before);
  });

  it('admins add a robot of each provider; the secret and the token are never returned, and are sealed at rest', async () => {
    Object.assign(wecom, robot('wecom'));
    Object.assign(dingtalk, robot('dingtalk', 'SEC' + token() + token()));
    Object.assign(feishu, robot('feishu', token()));
    wecom.hook = await must(admin, 'hook:create', { communityId, provider: 'wecom', name: '企业微信业主群', url: wecom.url });
    dingtalk.hook = await must(admin, 'hook:create', { communityId, provider: 'dingtalk', name: '钉钉楼长群', url: dingtalk.url, secret: dingtalk.secret });
    feishu.hook = await must(admin, 'hook:create', { communityId, provider: 'feishu', name: '飞书物业群', url: feishu.url, secret: feishu.secret });
    expect(wecom.hook).toMatchObject({ provider: 'wecom', secretHint: null, channelId: null, failed: 0, pending: 0 });
    expect(dingtalk.hook.urlHint).toBe(`${new URL(base).host} …${dingtalk.token.slice(-4)}`);
    expect(dingtalk.hook.secretHint).toMatch(/^SEC….{4}$/);
    const listed = await must(admin, 'hook:list', { communityId });
    expect(listed.map((hook) => hook.name).sort()).toEqual(['企业微信业主群', '钉钉楼长群', '飞书物业群'].sort());
    const everything = JSON.stringify([listed, wecom.hook, dingtalk.hook, feishu.hook]);
    const stored = JSON.stringify(await c.models.Hook.find({ communityId }).lean());
    for (const secret of [wecom.token, dingtalk.token, dingtalk.secret, feishu.token, feishu.secret]) {
      expect(everything).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
    const audit = await must(admin, 'audit:list', { communityId, limit: 50 });
    expect(audit.filter((entry) => entry.action === 'hook.create')).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain(dingtalk.secret);
  });

  it('测试 sends a test message in each provider’s documented format, signed, with an absolute link back', async () => {
    for (const r of [wecom, dingtalk, feishu]) {
      const delivery = await must(admin, 'hook:test', { communityId, hookId: r.hook!.id });
      expect(delivery).toMatchObject({ kind: 'test', state: 'sent', attempts: 1, lastError: null });
      const [shown] = standIn.shown(r.token);
      expect(shown, r.hook!.provider).toBeDefined();
      expect(textOf(shown!)).toContain(`https://linli.example.cn/c/${communityId}/manage`);
      expect(textOf(shown!)).toContain('邻里');
    }
    // DingTalk: signed in the address; Feishu: in the body.
    const ding = standIn.shown(dingtalk.token)[0]!;
    expect(ding.url.searchParams.get('timestamp')).toMatch(/^\d{13}$/);
    expect(ding.body).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('测试') } });
    const fei = standIn.shown(feishu.token)[0]!;
    expect(fei.body).toMatchObject({ msg_type: 'interactive', timestamp: expect.stringMatching(/^\d{10}$/), sign: expect.any(String) });
    expect(standIn.shown(wecom.token)[0]!.body).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('测试') } });
  });

  it('a robot the provider refuses (wrong signing secret) fails at once, with the provider’s answer shown to admins', async () => {
    const r = robot('feishu', token());
    const hook = await must(admin, 'hook:create', { communityId, provider: 'feishu', name: '密钥填错的群', url: r.url, secret: 'wrong-' + token() });
    const delivery = await must(admin, 'hook:test', { communityId, hookId: hook.id });
    expect(delivery).toMatchObject({ state: 'failed', attempts: 1, lastError: expect.stringContaining('19021') });
    expect(standIn.shown(r.token)).toHaveLength(0);
    const [listed] = (await must(admin, 'hook:list', { communityId })).filter((h) => h.id === hook.id);
    expect(listed).toMatchObject({ failed: 1 });
    expect((await must(admin, 'audit:list', { communityId, limit: 50 })).some((entry) => entry.action === 'hook.deliveryFailed' && entry.targetId === hook.id)).toBe(true);
    await must(admin, 'hook:remove', { communityId, hookId: hook.id });
    expect((await must(admin, 'hook:list', { communityId })).map((h) => h.id)).not.toContain(hook.id);
    expect(await call(admin, 'hook:test', { communityId, hookId: hook.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('announcements, problem reports filed and resolved, polls opening and closing, decisions and their progress reach every robot once, with links back', async () => {
    const sentBefore = standIn.received.length;
    // A chat message is not forwarded; an announcement is.
    await must(resident, 'message:send', { channelId: chat.id, clientId: `chat-${token()}`, body: '今天天气不错' });
    const notice = await must(admin, 'message:send', { channelId: announcements.id, clientId: `ann-${token()}`, body: '本周六上午9点停水，请提前储水。' });
    let issue: Issue = await must(resident, 'issue:file', { communityId, title: '3栋电梯异响', description: '运行时有刺耳的声音', categoryId: categories[0]!.id });
    issue = await must(moderator, 'issue:act', { issueId: issue.id, version: issue.version, action: 'assign', organisationIds: [propertyId], leadOrganisationId: propertyId });
    issue = await must(orgStaff, 'issue:act', { issueId: issue.id, version: issue.version, action: 'resolve', reason: '已更换导轨滑块' });
    const poll = await must(moderator, 'poll:create', { communityId, kind: 'yesno', title: '是否加装充电桩', closesAt: new Date(now + 7 * 24 * HOUR).toISOString() } as EventInput<'poll:create'>);
    await must(moderator, 'poll:close', { pollId: poll.id, reason: '测试结束' });
    const decision = await must(moderator, 'decision:record', { communityId, title: '加装充电桩', rationale: '居民投票通过' });
    const item = await must(moderator, 'decision:saveItem', { decisionId: decision.id, title: '招标', owner: { type: 'organisation', organisationId: propertyId }, dueAt: new Date(now + 30 * 24 * HOUR).toISOString() });
    await must(orgStaff, 'decision:progress', { itemId: item.id, text: '招标公告已发布', percent: 20 });

    const expected = [
      ['本周六上午9点停水', `/c/${communityId}/channels/${announcements.id}?message=${notice.id}`],
      ['新问题', `/c/${communityId}/issues/${issue.id}`],
      ['已办结', `/c/${communityId}/issues/${issue.id}`],
      ['投票开始', `/c/${communityId}/polls/`],
      ['投票结果', `/c/${communityId}/polls/`],
      ['新决议', `/c/${communityId}/decisions/`],
      ['招标公告已发布', `/c/${communityId}/decisions/`],
    ] as const;
    for (const r of [wecom, dingtalk, feishu]) {
      await eventually(() => standIn.shown(r.token).length >= 1 + expected.length, 10_000, `${r.hook!.provider} got every event`);
      const texts = standIn.shown(r.token).slice(1).map(textOf);
      for (const [words, path] of expected) {
        const matching = texts.filter((text) => text.includes(words));
        expect(matching, `${r.hook!.provider}: ${words}`).toHaveLength(1);
        expect(matching[0], `${r.hook!.provider}: ${words}`).toContain(`https://linli.example.cn${path}`);
      }
      expect(texts.some((text) => text.includes('今天天气不错'))).toBe(false);
    }
    // Each robot got each message exactly once, and nothing more is on its way.
    await sweepAll();
    expect(standIn.received.length - sentBefore).toBe(3 * expected.length);
    // (The last attempts' answers may still be being written.)
    await eventually(async () => (await deliveries()).every((row) => row.state !== 'pending'), 5000, 'nothing pending');
  });

  it('a rate-limited robot is retried after the provider’s hold (DingTalk: 10 minutes), with backoff, by one node only', async () => {
    standIn.script.set(dingtalk.token, [{ status: 200, body: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } }]);
    const shownBefore = standIn.shown(dingtalk.token).length;
    await must(admin, 'message:send', { channelId: announcements.id, clientId: `ann-${token()}`, body: '限流测试公告' });
    let row: HookDelivery | undefined;
    await eventually(async () => {
      row = (await deliveries(dingtalk.hook!.id)).find((d) => d.title.includes('公告') && d.attempts === 1 && d.state === 'pending' && d.lastError !== null);
      return row !== undefined;
    });
    expect(row!.lastError).toContain('130101');
    expect(Date.parse(row!.nextAttemptAt!) - now).toBeGreaterThanOrEqual(10 * MINUTE);
    // Before the hold is over nothing is sent, however often the nodes sweep.
    now += 9 * MINUTE;
    await sweepAll();
    expect(standIn.shown(dingtalk.token)).toHaveLength(shownBefore);
    now += 2 * MINUTE;
    await Promise.all([sweepAll(), sweepAll(), sweepAll()]);
    await eventually(() => standIn.shown(dingtalk.token).length === shownBefore + 1);
    expect(standIn.shown(dingtalk.token).at(-1)!.body).toMatchObject({ markdown: { text: expect.stringContaining('限流测试公告') } });
    await eventually(async () => (await deliveries(dingtalk.hook!.id)).find((d) => d.id === row!.id)?.state === 'sent');
    expect((await deliveries(dingtalk.hook!.id)).find((d) => d.id === row!.id)).toMatchObject({ state: 'sent', attempts: 2 });
    // Exactly one more request reached the provider for it (no second node sent it too).
    expect(standIn.received.filter((r) => r.token === dingtalk.token && textOf(r).includes('限流测试公告'))).toHaveLength(2);
  });

  it('an outage is retried with exponential backoff, then given up after HOOK_MAX_ATTEMPTS and shown to admins (deliveries, live event, audit log)', async () => {
    const outage = { status: 502, body: { message: 'bad gateway' } };
    standIn.script.set(wecom.token, [outage, outage, outage, outage]);
    standIn.script.set(feishu.token, [{ status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'retry-after': '180' } }]);
    const live = next(admin, 'hook:delivery', 15_000);
    await must(admin, 'message:send', { channelId: announcements.id, clientId: `ann-${token()}`, body: '故障测试公告' });
    const at = new Date(now).toISOString();
    const row = async (hookId: string) => (await deliveries(hookId)).find((d) => d.kind === 'announcement' && d.createdAt === at);
    /** The row once no attempt at it is in flight (a claim moves nextAttemptAt two minutes ahead until its answer is written). */
    const find = async (hookId: string) => {
      let found: HookDelivery | undefined;
      await eventually(async () => {
        found = await row(hookId);
        return found !== undefined && (found.state !== 'pending' || (found.lastError !== null && Date.parse(found.nextAttemptAt!) - now !== 2 * MINUTE));
      });
      return found;
    };
    await eventually(async () => (await row(wecom.hook!.id))?.attempts === 1 && (await row(feishu.hook!.id))?.attempts === 1);
    expect((await live).communityId).toBe(communityId);
    const first = (await find(wecom.hook!.id))!;
    expect(first).toMatchObject({ state: 'pending', lastError: expect.stringContaining('502') });
    expect(Date.parse(first.nextAttemptAt!) - now).toBe(30_000);
    // Feishu's HTTP 429: at least its Retry-After.
    expect(Date.parse((await find(feishu.hook!.id))!.nextAttemptAt!) - now).toBe(180_000);
    now += 30_000;
    await sweepAll();
    const second = (await find(wecom.hook!.id))!;
    expect(second).toMatchObject({ state: 'pending', attempts: 2 });
    expect(Date.parse(second.nextAttemptAt!) - now).toBe(60_000);
    now += 59_000;
    await sweepAll();
    expect((await find(wecom.hook!.id))!.attempts).toBe(2);
    now += 1_000;
    await sweepAll();
    const given = (await find(wecom.hook!.id))!;
    expect(given).toMatchObject({ state: 'failed', attempts: 3, nextAttemptAt: null, lastError: expect.stringContaining('502') });
    expect((await must(admin, 'hook:deliveries', { communityId, state: 'failed', limit: 50 })).map((d) => d.id)).toContain(given.id);
    expect((await must(admin, 'hook:list', { communityId })).find((h) => h.id === wecom.hook!.id)).toMatchObject({ failed: 1 });
    const audit = await must(admin, 'audit:list', { communityId, limit: 50 });
    expect(audit.find((entry) => entry.action === 'hook.deliveryFailed' && entry.targetId === wecom.hook!.id)).toMatchObject({ actorName: '系统' });
    expect(JSON.stringify([audit, await deliveries()])).not.toContain(wecom.token);
    // Feishu's message went out once its wait was over (90 s gone, 90 s to go).
    now += 89_000;
    await sweepAll();
    expect((await find(feishu.hook!.id))!).toMatchObject({ state: 'pending', attempts: 1 });
    now += 1_000;
    await sweepAll();
    expect((await find(feishu.hook!.id))!).toMatchObject({ state: 'sent', attempts: 2 });
    standIn.script.delete(wecom.token);
  });

  it('a hook scoped to an announcements channel forwards only that channel; a removed hook sends nothing more', async () => {
    const second = await must(admin, 'channel:create', { communityId, name: '3栋公告', kind: 'announcements', topicPlan: '3栋的停水停电、电梯检修等通知。' });
    const r = robot('dingtalk');
    const scoped = await must(admin, 'hook:create', { communityId, provider: 'dingtalk', name: '3栋楼长群', url: r.url, channelId: second.id });
    expect(scoped.channelId).toBe(second.id);
    await must(admin, 'message:send', { channelId: announcements.id, clientId: `ann-${token()}`, body: '全小区公告' });
    await must(admin, 'message:send', { channelId: second.id, clientId: `ann-${token()}`, body: '3栋电梯检修' });
    await eventually(() => standIn.shown(r.token).length === 1);
    expect(textOf(standIn.shown(r.token)[0]!)).toContain('3栋电梯检修');
    await eventually(() => standIn.shown(wecom.token).some((x) => textOf(x).includes('3栋电梯检修')));
    await must(admin, 'hook:remove', { communityId, hookId: scoped.id });
    expect(await call(admin, 'hook:remove', { communityId, hookId: scoped.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await must(admin, 'message:send', { channelId: second.id, clientId: `ann-${token()}`, body: '3栋停电通知' });
    await eventually(() => standIn.shown(wecom.token).some((x) => textOf(x).includes('3栋停电通知')));
    await sweepAll();
    expect(standIn.shown(r.token)).toHaveLength(1);
  });

  it('no webhook token or secret reaches the log, while retries and give-ups are logged', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const log = createLogger('info', false, sink);
    const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', HOOKS_ALLOW_HOSTS: new URL(base).host, PUBLIC_URL: 'https://linli.example.cn', HOOK_MAX_ATTEMPTS: '2', HOOK_SECRET_KEY: 'k'.repeat(40) });
    // Its own clock: the cluster's nodes never find this test's row due, so every attempt is this node's.
    let thirdNow = now;
    const third = createApp({ config, models: c.models, redis: null, log, sms: consoleSmsDriver(log), clock: () => new Date(thirdNow) });
    try {
      const r = robot('dingtalk', 'SEC' + token() + token());
      standIn.script.set(r.token, [
        { status: 500, body: { errcode: -1, errmsg: `系统繁忙 ${r.token}` } },
        { status: 500, body: { errcode: -1, errmsg: '系统繁忙' } },
      ]);
      const hook = await must(admin, 'hook:create', { communityId, provider: 'dingtalk', name: '日志测试群', url: r.url, secret: r.secret });
      third.services.hooks.publish(communityId, { key: `log-${token()}`, kind: 'announcement', title: '日志测试', path: `/c/${communityId}` });
      // The first attempt done (not only claimed: the claim counts it before the send answers), then due again.
      await eventually(() => lines.some((line) => line.includes('will be retried')), 20_000, 'the first attempt logged');
      thirdNow += 30_000;
      await third.services.hooks.sweep();
      await eventually(() => lines.some((line) => line.includes('given up')), 20_000, 'the give-up logged');
      const all = lines.join('\n');
      for (const secret of [r.token, r.secret, dingtalk.token, dingtalk.secret]) expect(all).not.toContain(secret);
      // The provider's answer that echoed the token is scrubbed for admins too.
      const rows = await deliveries(hook.id);
      expect(rows[0]!.state).toBe('failed');
      expect(JSON.stringify(rows)).not.toContain(r.token);
      await must(admin, 'hook:remove', { communityId, hookId: hook.id });
    } finally {
      await third.close();
    }
  });
});
