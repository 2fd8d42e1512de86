/**
 * Web push end to end: real actions on two nodes produce in-app notifications, and a
 * local push service (an HTTP server speaking RFC 8030) receives what Linli sends. It
 * checks what a push service checks — the VAPID JWT (RFC 8292: ES256 over `vapid t=..., k=...`
 * against k, aud = the endpoint's origin, exp in the future and at most a day ahead, sub) —
 * and decrypts the aes128gcm body (RFC 8291) with the device's private key and auth
 * secret, as the browser would. Devices answer as push services do: 201, 404/410 (gone),
 * 500, or never.
 */
import { createECDH, createPublicKey, generateKeyPairSync, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppNotification, Issue, Organisation, PushPayload } from '@linli/shared';
import { call, eventually, must, next, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { createTestCommunity, type TestCommunity } from '../support/community.js';
import { createLogger } from '../../server/src/lib/logger.js';
import { createPushSender } from '../../server/src/push/push.sender.js';

const ece = createRequire(import.meta.url)('http_ece') as { decrypt(body: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: Buffer }): Buffer };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SUBJECT = 'mailto:ops@linli.example.cn';

/** A VAPID key pair as `npx web-push generate-vapid-keys` prints it: the raw P-256 point and scalar, base64url. */
function vapidKeyPair(): { publicKey: string; privateKey: string } {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
  return { publicKey: point.toString('base64url'), privateKey: jwk.d! };
}

type Behaviour = 'ok' | 'gone404' | 'gone410' | 'fail500' | 'hang';

/** A browser profile that allowed notifications: its keys and its push service URL. */
interface Device {
  name: string;
  ecdh: ECDH;
  auth: Buffer;
  endpoint: string;
}

interface Received {
  device: string;
  payload: PushPayload;
  urgency: string | undefined;
  ttl: number;
}

const b64u = (buf: Buffer) => buf.toString('base64url');

/** The local push service: one URL per device; refuses what a real one refuses (401/400). */
class PushService {
  server!: Server;
  base = '';
  received: Received[] = [];
  refusals: string[] = [];
  /** Requests per device, whatever the answer. */
  hits = new Map<string, number>();
  behaviour = new Map<string, Behaviour>();
  devices = new Map<string, Device>();
  private hanging: ServerResponse[] = [];

  constructor(private readonly vapidPublicKey: string) {}

  async start() {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    this.base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  }

  async stop() {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  device(name: string, behaviour: Behaviour = 'ok'): Device {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const device = { name, ecdh, auth: randomBytes(16), endpoint: `${this.base}/wpush/v2/${name}-${b64u(randomBytes(12))}` };
    this.devices.set(new URL(device.endpoint).pathname, device);
    this.behaviour.set(name, behaviour);
    return device;
  }

  of(device: string) {
    return this.received.filter((r) => r.device === device);
  }

  private refuse(res: ServerResponse, status: number, why: string) {
    this.refusals.push(why);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code: status, error: why }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const device = this.devices.get(req.url ?? '');
    if (req.method !== 'POST' || !device) return this.refuse(res, 404, 'no such subscription');
    this.hits.set(device.name, (this.hits.get(device.name) ?? 0) + 1);
    // RFC 8292: Authorization: vapid t=<JWT>, k=<the application server's public key>.
    const auth = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? '');
    if (!auth) return this.refuse(res, 401, 'missing vapid authorization');
    const [, jwt, k] = auth as unknown as [string, string, string];
    if (k !== this.vapidPublicKey) return this.refuse(res, 403, 'k is not the key the subscription was made with');
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string; typ?: string };
    if (header.alg !== 'ES256') return this.refuse(res, 401, 'alg must be ES256');
    const point = Buffer.from(k, 'base64url');
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33, 65)) }, format: 'jwk' });
    if (!verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'))) return this.refuse(res, 401, 'bad vapid signature');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { aud?: string; exp?: number; sub?: string };
    if (claims.aud !== new URL(device.endpoint).origin) return this.refuse(res, 401, `aud ${claims.aud} is not the endpoint's origin`);
    const nowSeconds = Date.now() / 1000;
    if (!claims.exp || claims.exp <= nowSeconds || claims.exp > nowSeconds + 24 * 3600) return this.refuse(res, 401, 'exp must be in the future, within 24 hours');
    if (claims.sub !== SUBJECT) return this.refuse(res, 401, 'sub must be the configured contact');
    if (req.headers['content-encoding'] !== 'aes128gcm') return this.refuse(res, 415, 'content-encoding must be aes128gcm');
    const ttl = Number(req.headers.ttl);
    if (!Number.isInteger(ttl) || ttl < 0) return this.refuse(res, 400, 'TTL header required');
    if (body.length > 4096) return this.refuse(res, 413, 'payload too large');

    const behaviour = this.behaviour.get(device.name) ?? 'ok';
    if (behaviour === 'hang') {
      this.hanging.push(res);
      return;
    }
    if (behaviour === 'gone404') return this.refuse(res, 404, 'subscription expired');
    if (behaviour === 'gone410') return this.refuse(res, 410, 'subscription unsubscribed');
    if (behaviour === 'fail500') return this.refuse(res, 500, 'push service trouble');
    let payload: PushPayload;
    try {
      payload = JSON.parse(ece.decrypt(body, { version: 'aes128gcm', privateKey: device.ecdh, authSecret: device.auth }).toString('utf8')) as PushPayload;
    } catch (err) {
      return this.refuse(res, 400, `undecryptable: ${String(err)}`);
    }
    this.received.push({ device: device.name, payload, urgency: req.headers.urgency as string | undefined, ttl });
    res.writeHead(201, { location: `${this.base}/message/${b64u(randomBytes(8))}` }).end();
  }
}

describe('web push', () => {
  let c: Cluster;
  let now = Date.parse('2026-12-01T02:00:00Z'); // 10:00 in Shanghai
  const clock = () => new Date(now);
  const vapid = vapidKeyPair();
  const pushService = new PushService(vapid.publicKey);
  const users: Record<string, Session> = {};
  let community: TestCommunity;
  let communityId: string;
  let moderator: ClientSocket;
  let resident: ClientSocket;
  let neighbour: ClientSocket;
  let orgStaff: ClientSocket;
  let property: Organisation;
  let chatChannelId: string;
  const devices: Record<string, Device> = {};

  const subscribe = (socket: ClientSocket, device: Device) =>
    must(socket, 'push:subscribe', { endpoint: device.endpoint, keys: { p256dh: b64u(device.ecdh.getPublicKey()), auth: b64u(device.auth) } });
  /** Waits for the next push on a device after `from` pushes were already there. */
  const pushTo = async (device: string, from: number, what = `a push to ${device}`): Promise<Received> => {
    await eventually(() => pushService.of(device).length > from, 5000, what);
    return pushService.of(device)[from]!;
  };
  const count = (device: string) => pushService.of(device).length;
  const unread = async (socket: ClientSocket) => (await must(socket, 'notification:list', { limit: 100 })).items;
  let clientIds = 0;
  const say = (socket: ClientSocket, body: string, parentId?: string) =>
    must(socket, 'message:send', { channelId: chatChannelId, clientId: `push-test-${++clientIds}-${Date.now()}`, body, ...(parentId ? { parentId } : {}) });

  beforeAll(async () => {
    await pushService.start();
    c = await startCluster({ nodes: 2, clock, env: { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: SUBJECT } });
    community = await createTestCommunity(c, '推送测试社区', users);
    communityId = community.communityId;
    moderator = await community.join('moderator', '13900700001', '李社工', 0);
    resident = await community.join('resident', '13900700002', '王阿姨', 1, { building: '3栋', unit: '2单元', room: '1201', verify: true });
    neighbour = await community.join('neighbour', '13900700003', '刘大爷', 0, { building: '5栋', unit: '1单元', room: '302', verify: true });
    orgStaff = await community.join('orgStaff', '13900700004', '物业小陈', 1);
    await community.setRole('moderator', 'moderator');
    property = await community.organisation('物业公司', 'property_management');
    property = await community.addStaff(property, 'orgStaff', '客服');
    moderator.disconnect();
    moderator = await c.connect(users.moderator!, 0);
    orgStaff.disconnect();
    orgStaff = await c.connect(users.orgStaff!, 1);
    const channels = await must(resident, 'channel:list', { communityId });
    chatChannelId = channels.find((channel) => channel.kind === 'chat')!.id;
    for (const [name, socket] of [['resident', resident], ['neighbour', neighbour], ['orgStaff', orgStaff], ['moderator', moderator]] as const) {
      devices[name] = pushService.device(name);
      await subscribe(socket, devices[name]);
    }
  });

  afterAll(async () => {
    await c?.stop();
    await pushService.stop();
  });

  it('the VAPID key is the configured one; a device subscribes once whatever the retries; defaults are every kind but "other", no quiet hours, Asia/Shanghai', async () => {
    expect(await must(resident, 'push:vapidKey', {})).toEqual({ publicKey: vapid.publicKey });
    const again = await subscribe(resident, devices.resident!);
    expect(again).toEqual({ preferences: { kinds: ['mention', 'reply', 'issue', 'assignment', 'poll', 'decision'], quietHours: null, timeZone: 'Asia/Shanghai' }, devices: 1 });
    expect(await c.models.PushSubscription.countDocuments({ endpoint: devices.resident!.endpoint })).toBe(1);
  });

  it('malformed subscriptions and preferences are VALIDATION_FAILED and store nothing', async () => {
    const before = JSON.stringify(await c.models.PushSubscription.find({}).sort({ endpoint: 1 }).lean());
    const prefsBefore = await c.models.PushPreference.countDocuments({});
    for (const payload of [
      { endpoint: 'not a url', keys: { p256dh: b64u(devices.resident!.ecdh.getPublicKey()), auth: b64u(devices.resident!.auth) } },
      { endpoint: 'ftp://push.example.org/x', keys: { p256dh: b64u(devices.resident!.ecdh.getPublicKey()), auth: b64u(devices.resident!.auth) } },
      { endpoint: `${pushService.base}/wpush/v2/x`, keys: { p256dh: 'short', auth: b64u(devices.resident!.auth) } },
      { endpoint: `${pushService.base}/wpush/v2/x`, keys: { p256dh: b64u(devices.resident!.ecdh.getPublicKey()), auth: '!!!!!!!!!!!!!!!!!!!!!!' } },
    ]) {
      expect(await call(resident, 'push:subscribe', payload as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    for (const payload of [
      { kinds: ['mention', 'gossip'], quietHours: null, timeZone: 'Asia/Shanghai' },
      { kinds: ['mention'], quietHours: { start: '22:00', end: '22:00' }, timeZone: 'Asia/Shanghai' },
      { kinds: ['mention'], quietHours: { start: '25:00', end: '07:00' }, timeZone: 'Asia/Shanghai' },
      { kinds: ['mention'], quietHours: null, timeZone: 'Mars/Olympus_Mons' },
    ]) {
      expect(await call(resident, 'push:setPreferences', payload as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(JSON.stringify(await c.models.PushSubscription.find({}).sort({ endpoint: 1 }).lean())).toBe(before);
    expect(await c.models.PushPreference.countDocuments({})).toBe(prefsBefore);
  });

  let residentMessageId: string;

  it('a mention: signed, encrypted, opens the message in its channel', async () => {
    const from = count('resident');
    const mine = await say(resident, '大家好，我是3栋的王阿姨');
    residentMessageId = mine.id;
    const message = await say(neighbour, '@王阿姨 明天一起去义诊吗？');
    const push = await pushTo('resident', from);
    expect(push.payload).toEqual({
      title: '刘大爷 在消息中提到了您',
      body: '推送测试社区 · @王阿姨 明天一起去义诊吗？',
      url: `/c/${communityId}/channels/${chatChannelId}?message=${message.id}`,
      tag: `mention:${message.id}`,
    });
    expect(push.urgency).toBe('high');
    // Whoever wrote it hears nothing of their own message.
    expect(count('neighbour')).toBe(0);
  });

  it('a reply opens the reply', async () => {
    const from = count('resident');
    const reply = await say(neighbour, '我也去', residentMessageId);
    const push = await pushTo('resident', from);
    expect(push.payload).toMatchObject({ title: '刘大爷 回复了您的消息', url: `/c/${communityId}/channels/${chatChannelId}?message=${reply.id}` });
  });

  let issue: Issue;

  it("a problem's status change reaches its reporter; its assignment reaches the organisation's staff as an assignment", async () => {
    const categories = await must(resident, 'issue:categories', { communityId });
    issue = await must(resident, 'issue:file', { communityId, title: '3栋电梯经常停运', categoryId: categories[0]!.id });
    const fromResident = count('resident');
    issue = await must(moderator, 'issue:act', { issueId: issue.id, version: issue.version, action: 'acknowledge' });
    const acknowledged = await pushTo('resident', fromResident);
    expect(acknowledged.payload).toEqual({ title: '您关注的问题有新进展', body: '推送测试社区 · #1 已受理', url: `/c/${communityId}/issues/${issue.id}`, tag: `issue:${issue.id}` });

    const fromStaff = count('orgStaff');
    issue = await must(moderator, 'issue:act', { issueId: issue.id, version: issue.version, action: 'assign', organisationIds: [property.id], leadOrganisationId: property.id, reason: '' });
    const assigned = await pushTo('orgStaff', fromStaff, 'the assignment push');
    expect(assigned.payload).toMatchObject({ title: '您单位承办的问题有更新', body: '推送测试社区 · #1 → 物业公司', url: `/c/${communityId}/issues/${issue.id}` });
    expect((await pushTo('resident', fromResident + 1, 'the reporter hears of the assignment')).payload.title).toBe('您关注的问题有新进展');
  });

  let pollId: string;

  it('a poll opening reaches who may vote (not whoever opened it), and opens the poll', async () => {
    const from = { resident: count('resident'), neighbour: count('neighbour'), orgStaff: count('orgStaff'), moderator: count('moderator') };
    const poll = await must(moderator, 'poll:create', { communityId, kind: 'yesno', title: '换个门禁', eligibility: 'household', closesAt: new Date(now + 3 * DAY).toISOString() });
    pollId = poll.id;
    for (const who of ['resident', 'neighbour'] as const) {
      const push = await pushTo(who, from[who], `the poll reaches ${who}`);
      expect(push.payload).toEqual({ title: '新投票：换个门禁', body: '推送测试社区 · #1 12/4 10:00 截止', url: `/c/${communityId}/polls/${poll.id}`, tag: `poll:${poll.id}` });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    // 物业小陈 has no verified household (household poll); the moderator opened it.
    expect(count('orgStaff')).toBe(from.orgStaff);
    expect(count('moderator')).toBe(from.moderator);
  });

  it('a poll closing soon reminds, once across both nodes, only who may vote and has not', async () => {
    await must(resident, 'poll:cast', { pollId, choice: 'yes' });
    const from = { resident: count('resident'), neighbour: count('neighbour') };
    // Two days before the close: not yet "soon".
    expect(await c.nodes[0]!.app.services.push.sweep()).toBe(0);
    now += 2 * DAY + HOUR; // 23 hours left
    const sent = await Promise.all([c.nodes[0]!.app.services.push.sweep(), c.nodes[1]!.app.services.push.sweep()]);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    const push = await pushTo('neighbour', from.neighbour);
    expect(push.payload).toMatchObject({ title: '投票即将截止：换个门禁', url: `/c/${communityId}/polls/${pollId}` });
    expect(push.payload.body).toContain('您还没有投票');
    expect(await c.nodes[1]!.app.services.push.sweep()).toBe(0);
    expect(count('resident')).toBe(from.resident);
    expect(count('neighbour')).toBe(from.neighbour + 1);
    now -= 2 * DAY + HOUR;
  });

  it("a decision's record and its progress reach who it concerns and open the decision", async () => {
    const from = count('resident');
    const decision = await must(moderator, 'decision:record', { communityId, title: '更换3栋电梯', rationale: '居民议事会一致同意', issueIds: [issue.id] });
    const recorded = await pushTo('resident', from, 'the decision push');
    expect(recorded.payload).toMatchObject({ title: '与您有关的决议有新进展', url: `/c/${communityId}/decisions/${decision.id}`, tag: `decision:${decision.id}` });
    const item = await must(moderator, 'decision:saveItem', { decisionId: decision.id, title: '电梯招标', owner: { type: 'organisation', organisationId: property.id }, dueAt: new Date(now + 5 * DAY).toISOString() });
    await must(orgStaff, 'decision:progress', { itemId: item.id, text: '招标公告已发布', percent: 40 });
    await eventually(() => pushService.of('resident').some((r) => r.payload.body.includes('进度 40%')), 5000, 'the progress push');
    expect(pushService.of('resident').find((r) => r.payload.body.includes('进度 40%'))!.payload.url).toBe(`/c/${communityId}/decisions/${decision.id}`);
  });

  it('every pushed notification is one the bell has, with the page the bell opens', async () => {
    const bell = await unread(resident);
    const pushed = pushService.of('resident').filter((r) => !r.payload.tag.startsWith('poll:'));
    expect(pushed.length).toBeGreaterThan(0);
    for (const push of pushed) {
      const kind = push.payload.tag.split(':')[0] as AppNotification['kind'];
      expect(bell.some((n) => n.kind === kind), `${push.payload.tag} in the bell`).toBe(true);
    }
  });

  it('a kind turned off is not pushed; the bell still has it', async () => {
    const settings = await must(resident, 'push:setPreferences', { kinds: ['reply', 'issue', 'poll', 'decision'], quietHours: null, timeZone: 'Asia/Shanghai' });
    expect(settings).toEqual({ preferences: { kinds: ['reply', 'issue', 'poll', 'decision'], quietHours: null, timeZone: 'Asia/Shanghai' }, devices: 1 });
    expect(await must(resident, 'push:preferences', {})).toEqual(settings);
    const from = { resident: count('resident'), neighbour: count('neighbour') };
    const created = next(resident, 'notification:created');
    // The neighbour is mentioned too and still takes mentions: their push is the sign both were handled.
    await say(orgStaff, '@王阿姨 @刘大爷 电梯明天检修');
    expect((await created).kind).toBe('mention');
    await pushTo('neighbour', from.neighbour);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(count('resident')).toBe(from.resident);
  });

  it('quiet hours hold in the member\'s time zone: nothing during them (the bell has it), pushes again after', async () => {
    await must(resident, 'push:setPreferences', { kinds: ['mention', 'reply', 'issue', 'poll', 'decision'], quietHours: { start: '22:00', end: '07:00' }, timeZone: 'Asia/Shanghai' });
    now = Date.parse('2026-12-01T15:00:00Z'); // 23:00 in Shanghai
    const from = { resident: count('resident'), neighbour: count('neighbour') };
    const created = next(resident, 'notification:created');
    await say(orgStaff, '@王阿姨 @刘大爷 今晚停水');
    expect((await created).excerpt).toContain('今晚停水');
    await pushTo('neighbour', from.neighbour);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(count('resident')).toBe(from.resident);

    // The same hour read in London (15:00) is not quiet.
    await must(resident, 'push:setPreferences', { kinds: ['mention'], quietHours: { start: '22:00', end: '07:00' }, timeZone: 'Europe/London' });
    await say(orgStaff, '@王阿姨 伦敦时间');
    expect((await pushTo('resident', from.resident, 'a push outside London quiet hours')).payload.body).toContain('伦敦时间');

    // Back in Shanghai at 07:30: quiet hours are over.
    await must(resident, 'push:setPreferences', { kinds: ['mention'], quietHours: { start: '22:00', end: '07:00' }, timeZone: 'Asia/Shanghai' });
    now = Date.parse('2026-11-30T23:30:00Z');
    await say(orgStaff, '@王阿姨 早上好');
    expect((await pushTo('resident', from.resident + 1, 'a push after quiet hours')).payload.body).toContain('早上好');
    now = Date.parse('2026-12-01T02:00:00Z');
  });

  it('devices the push service answers 404 or 410 are removed; the others keep receiving', async () => {
    const gone404 = pushService.device('resident-old-phone', 'gone404');
    const gone410 = pushService.device('resident-old-browser', 'gone410');
    await subscribe(resident, gone404);
    expect((await subscribe(resident, gone410)).devices).toBe(3);
    const from = count('resident');
    await say(orgStaff, '@王阿姨 换手机了吗');
    await pushTo('resident', from);
    await eventually(async () => (await c.models.PushSubscription.countDocuments({ userId: users.resident!.user.id })) === 1, 5000, 'the gone devices removed');
    expect(await c.models.PushSubscription.countDocuments({ endpoint: devices.resident!.endpoint })).toBe(1);
    expect(pushService.hits.get('resident-old-phone')).toBe(1);
    expect(pushService.hits.get('resident-old-browser')).toBe(1);
    expect((await must(resident, 'push:preferences', {})).devices).toBe(1);
  });

  it('a device that never answers or fails does not hold up the command, the bell, or the other devices', async () => {
    const stuck = pushService.device('resident-stuck', 'hang');
    const broken = pushService.device('resident-broken', 'fail500');
    await subscribe(resident, stuck);
    await subscribe(resident, broken);
    const from = count('resident');
    const created = next(resident, 'notification:created', 2000);
    const started = Date.now();
    await say(orgStaff, '@王阿姨 快递到了');
    expect(Date.now() - started).toBeLessThan(2000);
    await created;
    await pushTo('resident', from);
    expect(Date.now() - started).toBeLessThan(3000);
    await eventually(() => (pushService.hits.get('resident-stuck') ?? 0) === 1 && (pushService.hits.get('resident-broken') ?? 0) === 1, 3000, 'both reached');
    // Failing is not gone: those devices stay subscribed.
    expect(await c.models.PushSubscription.countDocuments({ userId: users.resident!.user.id })).toBe(3);
    await must(resident, 'push:unsubscribe', { endpoint: stuck.endpoint });
    await must(resident, 'push:unsubscribe', { endpoint: broken.endpoint });
  });

  it("unsubscribing removes one's own device only; a device subscribing for another member moves to them", async () => {
    // Someone else's endpoint: nothing happens.
    expect((await must(neighbour, 'push:unsubscribe', { endpoint: devices.resident!.endpoint })).devices).toBe(1);
    expect(await c.models.PushSubscription.countDocuments({ endpoint: devices.resident!.endpoint, userId: users.resident!.user.id })).toBe(1);
    // The resident's family phone, later signed in as the neighbour, subscribes again: the device is the neighbour's now.
    const shared = pushService.device('shared-phone');
    await subscribe(resident, shared);
    await subscribe(neighbour, shared);
    expect(await c.models.PushSubscription.countDocuments({ endpoint: shared.endpoint })).toBe(1);
    expect((await c.models.PushSubscription.findOne({ endpoint: shared.endpoint }).lean())!.userId.toString()).toBe(users.neighbour!.user.id);
    const from = { shared: count('shared-phone'), resident: count('resident') };
    await say(orgStaff, '@王阿姨 只给王阿姨');
    await pushTo('resident', from.resident);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(count('shared-phone')).toBe(from.shared);
    expect((await must(resident, 'push:unsubscribe', { endpoint: devices.resident!.endpoint })).devices).toBe(0);
    expect(await c.models.PushSubscription.countDocuments({ endpoint: devices.resident!.endpoint })).toBe(0);
  });

  it('no push service refused a request: every push carried a valid VAPID signature and a decryptable body', () => {
    expect(pushService.refusals.filter((why) => !['subscription expired', 'subscription unsubscribed', 'push service trouble'].includes(why))).toEqual([]);
  });

  it('the sender logs neither endpoints nor keys when a push service fails', async () => {
    const lines: string[] = [];
    const log = createLogger('info', false, new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) }));
    const sender = createPushSender({ vapid: { ...vapid, subject: SUBJECT }, log, timeoutMs: 300 });
    const broken = pushService.device('log-broken', 'fail500');
    const stuck = pushService.device('log-stuck', 'hang');
    const target = (device: Device) => ({ endpoint: device.endpoint, p256dh: b64u(device.ecdh.getPublicKey()), auth: b64u(device.auth) });
    const payload = { title: 't', body: 'b', url: '/', tag: 'x' };
    expect(await sender.send(target(broken), payload)).toBe('failed');
    expect(await sender.send(target(stuck), payload)).toBe('failed');
    expect(await sender.send({ ...target(broken), endpoint: 'http://127.0.0.1:1/wpush/v2/closed-port-secret-path' }, payload)).toBe('failed');
    expect(lines.length).toBe(3);
    const text = lines.join('\n');
    for (const secret of [new URL(broken.endpoint).pathname, new URL(stuck.endpoint).pathname, 'closed-port-secret-path', target(broken).p256dh, target(broken).auth, vapid.privateKey]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('127.0.0.1');
  });
});
