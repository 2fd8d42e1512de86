/**
 * Open311 GeoReport v2 over real HTTP against two nodes, the embedded database and
 * Redis: every endpoint in XML (parsed with a real parser) and JSON, every error,
 * API keys (admins only, shown once, revocable), filings that join the issue
 * lifecycle live, jurisdiction isolation, rate limits, and no reporter's name,
 * phone or email anywhere in the output.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import type { Issue, IssueCategory, MyCommunity } from '@linli/shared';
import { PLATFORM_ADMIN_PHONE, call, collect, eventually, must, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';

interface Answer {
  status: number;
  type: string;
  text: string;
  headers: Headers;
}

/** Elements that repeat in GeoReport v2: always arrays, even when there is one. */
const repeated = new Set(['request', 'service', 'error', 'endpoint', 'format', 'attribute']);
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => repeated.has(name) });
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

type Row = Record<string, unknown>;

describe('Open311 GeoReport v2', () => {
  let c: Cluster;
  const users: Record<string, Session> = {};
  let admin: ClientSocket;
  let moderator: ClientSocket;
  let resident: ClientSocket;
  let outsider: ClientSocket;
  let alpha: MyCommunity;
  let beta: MyCommunity;
  let categories: IssueCategory[];
  let key: string;
  let keyId: string;
  let betaKey: string;
  /** Every key created here, to check that none reaches the audit log. */
  const minted: string[] = [];
  /** Every Open311 answer body, checked at the end for personal data. */
  const seen: string[] = [];
  let ipCounter = 0;
  const nextIp = () => `203.0.113.${(ipCounter++ % 250) + 1}`;

  const reporter = { first_name: '小明', last_name: '欧阳', phone: '13912345678', email: 'xiaoming@example.com', device_id: 'device-42', account_id: 'acct-7' };

  async function get(path: string, init: { node?: number; ip?: string; origin?: string } = {}): Promise<Answer> {
    const res = await fetch(`${c.nodes[init.node ?? 0]!.url}/open311/v2/${path}`, {
      headers: { 'x-forwarded-for': init.ip ?? nextIp(), ...(init.origin ? { origin: init.origin } : {}) },
    });
    const text = await res.text();
    seen.push(text);
    return { status: res.status, type: res.headers.get('content-type') ?? '', text, headers: res.headers };
  }

  async function post(path: string, fields: Record<string, string>, init: { node?: number; ip?: string; origin?: string } = {}): Promise<Answer> {
    const res = await fetch(`${c.nodes[init.node ?? 0]!.url}/open311/v2/${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'x-forwarded-for': init.ip ?? nextIp(),
        ...(init.origin ? { origin: init.origin } : {}),
      },
      body: new URLSearchParams(fields).toString(),
    });
    const text = await res.text();
    seen.push(text);
    return { status: res.status, type: res.headers.get('content-type') ?? '', text, headers: res.headers };
  }

  const json = <T = Row[]>(answer: Answer): T => {
    expect(answer.type).toBe('application/json; charset=utf-8');
    return JSON.parse(answer.text) as T;
  };
  const xml = (answer: Answer): Record<string, Row> => {
    expect(answer.type).toBe('text/xml; charset=utf-8');
    expect(answer.text.startsWith(DECLARATION)).toBe(true);
    return parser.parse(answer.text) as Record<string, Row>;
  };
  /** The spec's error list, in JSON or XML: [{ code, description }]. */
  const errorsOf = (answer: Answer, format: 'json' | 'xml'): { code: number; description: string }[] => {
    if (format === 'json') return json<{ code: number; description: string }[]>(answer);
    const doc = xml(answer);
    expect(Object.keys(doc).filter((name) => name !== '?xml')).toEqual(['errors']);
    return (doc.errors!.error as Row[]).map((entry) => ({ code: Number(entry.code), description: String(entry.description) }));
  };

  const repairs = () => categories.find((category) => category.name === '维修报修')!;
  const filing = (extra: Record<string, string> = {}) => ({
    api_key: key,
    jurisdiction_id: 'alpha',
    service_code: repairs().id,
    lat: '22.5431',
    long: '113.9428',
    address_string: '3栋东门',
    description: '东门路灯坏了\n晚上很黑，老人出入不安全',
    ...reporter,
    ...extra,
  });

  beforeAll(async () => {
    c = await startCluster({ nodes: 2 });
    users.admin = await c.login(PLATFORM_ADMIN_PHONE, '平台管理员');
    admin = await c.connect(users.admin, 0);
    alpha = await must(admin, 'community:create', { name: '阿尔法社区', street: '测试街道', district: '测试区' });
    beta = await must(admin, 'community:create', { name: '贝塔社区', street: '测试街道', district: '测试区' });
    users.moderator = await c.login('13900400001', '李社工', 1);
    moderator = await c.connect(users.moderator, 1);
    await must(moderator, 'community:joinByCode', { inviteCode: alpha.inviteCode! });
    await must(admin, 'member:setRole', { communityId: alpha.community.id, userId: users.moderator.user.id, role: 'moderator' });
    users.resident = await c.login('13900400002', '王阿姨', 0);
    resident = await c.connect(users.resident, 0);
    await must(resident, 'community:joinByCode', { inviteCode: alpha.inviteCode! });
    users.outsider = await c.login('13900400003', '外人', 0);
    outsider = await c.connect(users.outsider, 0);
    // Rooms follow the role on connect: the moderator reconnects as staff.
    moderator.disconnect();
    moderator = await c.connect(users.moderator, 1);
    categories = await must(resident, 'issue:categories', { communityId: alpha.community.id });
  });

  afterAll(async () => {
    await c?.stop();
  });

  describe('jurisdiction and keys (socket commands, admins only)', () => {
    it('a community is not on Open311 until its admins set a jurisdiction_id', async () => {
      expect(await must(admin, 'open311:keys', { communityId: alpha.community.id })).toEqual({ jurisdictionId: null, keys: [] });
      expect((await get(`services.json?jurisdiction_id=alpha`)).status).toBe(404);
      expect(await must(admin, 'open311:setJurisdiction', { communityId: alpha.community.id, jurisdictionId: 'alpha' })).toEqual({ communityId: alpha.community.id, jurisdictionId: 'alpha' });
      expect(await must(admin, 'open311:setJurisdiction', { communityId: beta.community.id, jurisdictionId: 'beta' })).toMatchObject({ jurisdictionId: 'beta' });
      expect((await get(`services.json?jurisdiction_id=alpha`)).status).toBe(200);
    });

    it('jurisdiction ids are lower-case letters, digits and hyphens, and unique', async () => {
      for (const jurisdictionId of ['Alpha', 'al_pha', '-alpha', 'a', 'alpha.gov']) {
        expect(await call(admin, 'open311:setJurisdiction', { communityId: alpha.community.id, jurisdictionId }), jurisdictionId).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      }
      expect(await call(admin, 'open311:setJurisdiction', { communityId: beta.community.id, jurisdictionId: 'alpha' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect((await must(admin, 'open311:keys', { communityId: beta.community.id })).jurisdictionId).toBe('beta');
    });

    it('two communities claiming one jurisdiction_id at once: one gets it, the other CONFLICT', async () => {
      const claimants = [
        await must(admin, 'community:create', { name: '伽马社区', street: '测试街道', district: '测试区' }),
        await must(admin, 'community:create', { name: '德尔塔社区', street: '测试街道', district: '测试区' }),
      ];
      const answers = await Promise.all(claimants.map((claimant) => call(admin, 'open311:setJurisdiction', { communityId: claimant.community.id, jurisdictionId: 'shared-id' })));
      expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
      expect(answers.filter((answer) => !answer.ok)).toMatchObject([{ ok: false, error: { code: 'CONFLICT' } }]);
      expect(await c.models.Open311Jurisdiction.countDocuments({ jurisdictionId: 'shared-id' })).toBe(1);
      // The holder may rename its own.
      const holder = claimants[answers.findIndex((answer) => answer.ok)]!;
      expect(await must(admin, 'open311:setJurisdiction', { communityId: holder.community.id, jurisdictionId: 'shared-id-2' })).toMatchObject({ jurisdictionId: 'shared-id-2' });
      expect(json(await get('services.json?jurisdiction_id=shared-id-2')).length).toBeGreaterThan(0);
      expect((await get('services.json?jurisdiction_id=shared-id')).status).toBe(404);
    });

    it('a key is shown once; only its SHA-256 is stored; residents and outsiders cannot manage keys', async () => {
      const created = await must(admin, 'open311:createKey', { communityId: alpha.community.id, label: '市民热线' });
      key = created.key;
      keyId = created.info.id;
      minted.push(key);
      expect(key).toMatch(/^linli311_[A-Za-z0-9_-]{32}$/);
      expect(created.info).toMatchObject({ label: '市民热线', lastUsed: null, revoked: null });
      const stored = await c.models.Open311Key.findOne({ _id: keyId }).lean();
      expect(stored!.hash).toBe(createHash('sha256').update(key).digest('hex'));
      expect(JSON.stringify(stored)).not.toContain(key);
      const listed = await must(admin, 'open311:keys', { communityId: alpha.community.id });
      expect(listed.keys).toEqual([created.info]);
      expect(JSON.stringify(listed)).not.toContain(key);
      betaKey = (await must(admin, 'open311:createKey', { communityId: beta.community.id, label: 'beta app' })).key;
      minted.push(betaKey);

      expect(await call(resident, 'open311:createKey', { communityId: alpha.community.id, label: 'mine' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call(moderator, 'open311:keys', { communityId: alpha.community.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call(moderator, 'open311:setJurisdiction', { communityId: alpha.community.id, jurisdictionId: 'mine' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call(outsider, 'open311:revokeKey', { communityId: alpha.community.id, keyId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      // A key of another community is not found from this one.
      const betaKeyId = (await must(admin, 'open311:keys', { communityId: beta.community.id })).keys[0]!.id;
      expect(await call(admin, 'open311:revokeKey', { communityId: alpha.community.id, keyId: betaKeyId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    });
  });

  describe('discovery and services', () => {
    it('discovery in JSON and XML', async () => {
      const body = json<Row>(await get('discovery.json'));
      expect(body).toMatchObject({ endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: ['text/xml', 'application/json'] }] });
      expect((body.endpoints as Row[])[0]!.url).toMatch(/\/open311\/v2$/);
      expect(body.changeset).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Object.keys(body).sort()).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
      const doc = xml(await get('discovery.xml'));
      const endpoint = (doc.discovery!.endpoints as { endpoint: Row[] }).endpoint[0]!;
      expect(endpoint).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: { format: ['text/xml', 'application/json'] } });
      expect(Object.keys(doc.discovery!).sort()).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
    });

    it("services are the community's categories, in JSON and XML", async () => {
      const services = json(await get('services.json?jurisdiction_id=alpha'));
      expect(services.map((service) => service.service_name)).toEqual(categories.map((category) => category.name));
      expect(services[0]).toMatchObject({ service_code: categories[0]!.id, metadata: false, type: 'realtime', group: '阿尔法社区' });
      expect(Object.keys(services[0]!).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
      const doc = xml(await get('services.xml?jurisdiction_id=ALPHA'));
      const listed = doc.services!.service as Row[];
      expect(listed).toHaveLength(categories.length);
      expect(listed[1]).toMatchObject({ service_code: categories[1]!.id, service_name: categories[1]!.name, metadata: 'false', type: 'realtime' });
      // Each community its own services.
      const betaServices = json(await get('services.json?jurisdiction_id=beta'));
      expect(betaServices.map((service) => service.service_code)).not.toContain(categories[0]!.id);
    });

    it('a service definition has no attributes (metadata false)', async () => {
      expect(json<Row>(await get(`services/${repairs().id}.json?jurisdiction_id=alpha`))).toEqual({ service_code: repairs().id, attributes: [] });
      const doc = xml(await get(`services/${repairs().id}.xml?jurisdiction_id=alpha`));
      expect(doc.service_definition).toEqual({ service_code: repairs().id, attributes: '' });
      // Another jurisdiction's category, or none at all: 404.
      expect(errorsOf(await get(`services/${repairs().id}.xml?jurisdiction_id=beta`), 'xml')).toEqual([{ code: 404, description: expect.stringContaining('service_code') }]);
      expect((await get('services/nope.json?jurisdiction_id=alpha')).status).toBe(404);
    });

    it('jurisdiction_id is required (400) and must exist (404), answered in the requested format', async () => {
      for (const format of ['json', 'xml'] as const) {
        const missing = await get(`services.${format}`);
        expect(missing.status).toBe(400);
        expect(errorsOf(missing, format)).toEqual([{ code: 400, description: 'jurisdiction_id was not provided' }]);
        const unknown = await get(`requests.${format}?jurisdiction_id=nowhere`);
        expect(unknown.status).toBe(404);
        expect(errorsOf(unknown, format)).toEqual([{ code: 404, description: 'jurisdiction_id nowhere was not found' }]);
      }
      expect((await get('requests/0123456789abcdef01234567.json')).status).toBe(400);
      expect((await get('tokens/abcdefghijkl.xml?jurisdiction_id=nowhere')).status).toBe(404);
    });

    it('unknown resources and formats: 404', async () => {
      expect(errorsOf(await get('services.html?jurisdiction_id=alpha'), 'json')[0]!.code).toBe(404);
      expect((await get('nothing.xml')).status).toBe(404);
      expect((await get('nothing.xml')).type).toBe('text/xml; charset=utf-8');
    });
  });

  describe('filing (POST requests)', () => {
    let filedId: string;

    it('files through the issues service: live on a staff socket of the other node, in issue:list, with the category deadline', async () => {
      const staffSaw = collect(moderator, 'issue:saved');
      const residentSaw = collect(resident, 'issue:saved');
      const before = Date.now();
      const answer = await post('requests.json', filing());
      expect(answer.status).toBe(200);
      const [created] = json(answer);
      expect(Object.keys(created!).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
      expect(created).toMatchObject({ service_notice: expect.stringContaining('24 hours'), account_id: null });
      filedId = String(created!.service_request_id);
      expect(filedId).toMatch(/^[a-f0-9]{24}$/);

      await eventually(() => staffSaw.some((issue) => issue.id === filedId), 5000, 'issue:saved on the staff socket');
      const live = staffSaw.find((issue) => issue.id === filedId)!;
      expect(live).toMatchObject({
        communityId: alpha.community.id,
        state: 'submitted',
        title: '东门路灯坏了',
        categoryId: repairs().id,
        reporterId: null,
        reporterName: 'Open311: 小明',
        filedByName: 'Open311 市民热线',
        showName: false,
        location: { text: '3栋东门', lat: 22.5431, lng: 113.9428 },
      });
      expect(Date.parse(live.respondBy) - Date.parse(live.createdAt)).toBe(repairs().responseHours * 3_600_000);
      expect(JSON.stringify(live)).not.toMatch(/13912345678|xiaoming@example\.com|欧阳|device-42|acct-7/);
      // Residents see it too, without the reporter.
      await eventually(() => residentSaw.some((issue) => issue.id === filedId), 5000, 'issue:saved on a resident socket');
      expect(residentSaw.find((issue) => issue.id === filedId)).toMatchObject({ reporterName: null, filedByName: null });

      const list = await must(moderator, 'issue:list', { communityId: alpha.community.id });
      expect(list.items.map((issue) => issue.id)).toContain(filedId);
      const { timeline } = await must(moderator, 'issue:get', { issueId: filedId });
      expect(timeline).toEqual([expect.objectContaining({ kind: 'filed', to: 'submitted', actorName: 'Open311 市民热线' })]);
      // The key records its use.
      const [info] = (await must(admin, 'open311:keys', { communityId: alpha.community.id })).keys;
      expect(Date.parse(info!.lastUsed!)).toBeGreaterThanOrEqual(before - 1000);
    });

    it('answers in XML with the spec element names; address_string alone is a location', async () => {
      const answer = await post('requests.xml', filing({ lat: '', long: '', address_string: '5栋 地下车库', description: '车库积水' }));
      expect(answer.status).toBe(200);
      const doc = xml(answer);
      const [request] = doc.service_requests!.request as Row[];
      expect(Object.keys(request!).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
      const issue = await c.models.Issue.findOne({ _id: String(request!.service_request_id) }).lean();
      expect(issue).toMatchObject({ title: '车库积水', location: { text: '5栋 地下车库', lat: null, lng: null }, state: 'submitted' });
    });

    it('jurisdiction_id may come in the query string of the POST (as node-open311 sends it)', async () => {
      const { jurisdiction_id: _inBody, ...fields } = filing({ description: '查询串里的辖区' });
      const answer = await post('requests.json?jurisdiction_id=alpha', fields);
      expect(answer.status).toBe(200);
      const issue = await c.models.Issue.findOne({ _id: String(json(answer)[0]!.service_request_id) }).lean();
      expect(issue!.communityId.toString()).toBe(alpha.community.id);
    });

    it('a POST from another origin goes through (no cookie, the key authorises it), while /api keeps its origin check', async () => {
      const answer = await post('requests.json', filing({ description: '跨域提交的报告' }), { origin: 'https://civic-app.example' });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      const api = await c.post('/api/auth/request-code', { phone: '13900400009' }, { origin: 'https://civic-app.example' });
      expect(api.status).toBe(403);
      const preflight = await fetch(`${c.nodes[0]!.url}/open311/v2/requests.json`, { method: 'OPTIONS', headers: { origin: 'https://civic-app.example', 'access-control-request-method': 'POST' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    });

    it('media_url is kept in the description as text (never fetched), and never served back as media_url', async () => {
      const answer = await post('requests.json', filing({ description: '井盖松动', media_url: 'https://photos.example/manhole.jpg' }));
      const id = String(json(answer)[0]!.service_request_id);
      const issue = await c.models.Issue.findOne({ _id: id }).lean();
      expect(issue!.description).toContain('https://photos.example/manhole.jpg');
      const [request] = json(await get(`requests/${id}.json?jurisdiction_id=alpha`));
      expect(request).not.toHaveProperty('media_url');
    });

    it('a token per POST answers with the request it created', async () => {
      const token = await c.models.Open311Token.findOne({ issueId: filedId }).lean();
      expect(token).not.toBeNull();
      expect(json(await get(`tokens/${token!._id}.json?jurisdiction_id=alpha`))).toEqual([{ service_request_id: filedId, token: token!._id }]);
      const doc = xml(await get(`tokens/${token!._id}.xml?jurisdiction_id=alpha`));
      expect(doc.service_requests!.request).toEqual([{ service_request_id: filedId, token: token!._id }]);
      // Not from another jurisdiction; an unknown token: 404.
      expect((await get(`tokens/${token!._id}.json?jurisdiction_id=beta`)).status).toBe(404);
      expect(errorsOf(await get('tokens/unknowntoken1.xml?jurisdiction_id=alpha'), 'xml')).toEqual([{ code: 404, description: 'token unknowntoken1 was not found' }]);
      expect(await c.models.Open311Token.countDocuments({ communityId: alpha.community.id })).toBe(await c.models.Issue.countDocuments({ communityId: alpha.community.id, filedByName: 'Open311 市民热线' }));
    });

    it('errors: 403 for a missing, wrong or foreign key; 400 lists every problem; 404 when what is named does not exist; nothing stored', async () => {
      const before = await c.models.Issue.countDocuments({});
      const cases: [Record<string, string>, number, string[]][] = [
        [filing({ api_key: '' }), 403, ['api_key was not provided']],
        [filing({ api_key: 'linli311_wrong' }), 403, ["Invalid api_key received -- can't proceed with create_request."]],
        [filing({ api_key: betaKey }), 403, ['This api_key is not valid for jurisdiction_id alpha']],
        [filing({ service_code: '', lat: '', long: '', address_string: '' }), 400, ['service_code: was not provided', 'location: a location is required: lat and long, or address_string']],
        [filing({ lat: '95', long: 'east' }), 400, ['lat: must be between -90 and 90', 'long: must be a decimal number']],
        [filing({ lat: '22.5', long: '' }), 400, ['long: lat and long must be sent together']],
        [filing({ jurisdiction_id: '' }), 400, ['jurisdiction_id: was not provided']],
        [filing({ jurisdiction_id: 'nowhere' }), 404, ['jurisdiction_id: nowhere was not found']],
        [filing({ service_code: 'ffffffffffffffffffffffff' }), 404, ['service_code: ffffffffffffffffffffffff was not found']],
        // Unknown service_code next to a bad field: 400, both listed.
        [filing({ service_code: 'nonsense', email: 'not-an-email' }), 400, ['email: must be an email address', 'service_code: nonsense was not found']],
        [filing({ description: 'x'.repeat(2001) }), 400, ['description: must be at most 2000 characters']],
      ];
      for (const [fields, status, descriptions] of cases) {
        for (const format of ['json', 'xml'] as const) {
          const answer = await post(`requests.${format}`, fields);
          expect(answer.status, `${JSON.stringify(descriptions)} ${format}`).toBe(status);
          const errors = errorsOf(answer, format);
          expect(errors.map((entry) => entry.description).sort()).toEqual([...descriptions].sort());
          expect(errors.every((entry) => [400, 403, 404].includes(entry.code))).toBe(true);
        }
      }
      expect(await c.models.Issue.countDocuments({})).toBe(before);
    });

    it('a revoked key is refused (403) and files nothing', async () => {
      const spare = await must(admin, 'open311:createKey', { communityId: alpha.community.id, label: '临时' });
      minted.push(spare.key);
      expect((await post('requests.json', filing({ api_key: spare.key, description: '临时钥匙的报告' }))).status).toBe(200);
      const revoked = await must(admin, 'open311:revokeKey', { communityId: alpha.community.id, keyId: spare.info.id });
      expect(revoked.revoked).not.toBeNull();
      // Revoking twice answers the same.
      expect(await must(admin, 'open311:revokeKey', { communityId: alpha.community.id, keyId: spare.info.id })).toEqual(revoked);
      const before = await c.models.Issue.countDocuments({});
      for (const format of ['json', 'xml'] as const) {
        const answer = await post(`requests.${format}`, filing({ api_key: spare.key }), { node: 1 });
        expect(answer.status).toBe(403);
        expect(errorsOf(answer, format)).toEqual([{ code: 403, description: 'This api_key was revoked' }]);
      }
      expect(await c.models.Issue.countDocuments({})).toBe(before);
      const keys = (await must(admin, 'open311:keys', { communityId: alpha.community.id })).keys;
      expect(keys.find((entry) => entry.id === spare.info.id)).toMatchObject({ label: '临时', revoked: revoked.revoked });
    });

    it('a key of one community cannot file into another', async () => {
      const answer = await post('requests.xml', filing({ jurisdiction_id: 'beta', service_code: repairs().id }));
      expect(answer.status).toBe(403);
      expect(await c.models.Issue.countDocuments({ communityId: beta.community.id })).toBe(0);
      // With its own key and one of its own categories, beta takes it.
      const betaCode = String(json(await get('services.json?jurisdiction_id=beta'))[0]!.service_code);
      const own = await post('requests.json', filing({ api_key: betaKey, jurisdiction_id: 'beta', service_code: betaCode }));
      expect(own.status).toBe(200);
      expect(await c.models.Issue.countDocuments({ communityId: beta.community.id })).toBe(1);
    });
  });

  describe('reading requests', () => {
    let rejected: Issue;
    let resolved: Issue;
    let organisationName: string;

    beforeAll(async () => {
      // One closed (rejected), one resolved by its assignee (still open until confirmed).
      rejected = await must(resident, 'issue:file', { communityId: alpha.community.id, title: '楼下噪音扰民', categoryId: categories[5]!.id, showName: true });
      rejected = await must(moderator, 'issue:act', { issueId: rejected.id, version: rejected.version, action: 'reject', reason: '请联系派出所' });
      const organisation = await must(admin, 'organisation:create', { communityId: alpha.community.id, name: '阿尔法物业', kind: 'property_management' });
      organisationName = organisation.name;
      await must(admin, 'organisation:addStaff', { organisationId: organisation.id, userId: users.moderator!.user.id, title: '客服' });
      resolved = await must(resident, 'issue:file', { communityId: alpha.community.id, title: '电梯按钮失灵', categoryId: repairs().id, location: { building: '3栋', unit: '2单元' } });
      resolved = await must(moderator, 'issue:act', { issueId: resolved.id, version: resolved.version, action: 'assign', organisationIds: [organisation.id], leadOrganisationId: organisation.id });
      // Staffing reaches the other node through the cache sync: retry until the moderator acts as the assignee.
      const assigned = resolved;
      await eventually(async () => {
        const answer = await call(moderator, 'issue:act', { issueId: assigned.id, version: assigned.version, action: 'resolve', reason: '已更换按钮' });
        if (answer.ok) resolved = answer.data;
        return answer.ok;
      }, 5000, 'the assignee resolves');
    });

    it('one request, in JSON and XML, with the spec fields and the Linli state in status_notes', async () => {
      const [row] = json(await get(`requests/${resolved.id}.json?jurisdiction_id=alpha`));
      expect(row).toEqual({
        service_request_id: resolved.id,
        status: 'open',
        status_notes: "resolved, awaiting the resident's confirmation",
        service_name: '维修报修',
        service_code: repairs().id,
        description: '电梯按钮失灵',
        agency_responsible: organisationName,
        service_notice: null,
        requested_datetime: resolved.createdAt.replace(/\.\d{3}Z$/, 'Z'),
        updated_datetime: resolved.updatedAt.replace(/\.\d{3}Z$/, 'Z'),
        expected_datetime: resolved.resolveBy!.replace(/\.\d{3}Z$/, 'Z'),
        address: '3栋 2单元',
      });
      const doc = xml(await get(`requests/${rejected.id}.xml?jurisdiction_id=alpha`));
      const [request] = doc.service_requests!.request as Row[];
      expect(request).toMatchObject({ service_request_id: rejected.id, status: 'closed', status_notes: 'rejected by community staff', service_name: categories[5]!.name, agency_responsible: '', expected_datetime: '' });
      expect(Object.keys(request!)).toEqual([
        'service_request_id',
        'status',
        'status_notes',
        'service_name',
        'service_code',
        'description',
        'agency_responsible',
        'service_notice',
        'requested_datetime',
        'updated_datetime',
        'expected_datetime',
        'address',
      ]);
      // A filed request with coordinates has lat and long.
      const withCoordinates = json(await get(`requests.json?jurisdiction_id=alpha&service_code=${repairs().id}`)).find((entry) => entry.lat !== undefined);
      expect(withCoordinates).toMatchObject({ lat: 22.5431, long: 113.9428, address: '3栋东门', status_notes: 'submitted, awaiting acknowledgement by community staff' });
    });

    it('404 for an unknown request, or one of another jurisdiction', async () => {
      for (const format of ['json', 'xml'] as const) {
        expect(errorsOf(await get(`requests/ffffffffffffffffffffffff.${format}?jurisdiction_id=alpha`), format)).toEqual([{ code: 404, description: 'service_request_id ffffffffffffffffffffffff was not found' }]);
        expect((await get(`requests/${resolved.id}.${format}?jurisdiction_id=beta`)).status).toBe(404);
        expect((await get(`requests/not-an-id.${format}?jurisdiction_id=alpha`)).status).toBe(404);
      }
    });

    it('filters: service_request_id (overrides the rest), service_code, status, start_date / end_date', async () => {
      const ids = async (query: string) => json(await get(`requests.json?jurisdiction_id=alpha${query}`)).map((row) => String(row.service_request_id));
      const all = await ids('');
      expect(all).toContain(rejected.id);
      expect(all).toContain(resolved.id);
      expect(all.length).toBe(await c.models.Issue.countDocuments({ communityId: alpha.community.id }));
      // Newest first.
      expect(all[0]).toBe(resolved.id);

      const betaIssue = await c.models.Issue.findOne({ communityId: beta.community.id }).lean();
      expect((await ids(`&service_request_id=${rejected.id},${resolved.id},${betaIssue!._id.toString()}&status=closed`)).sort()).toEqual([rejected.id, resolved.id].sort());
      expect(await ids(`&status=closed`)).toEqual([rejected.id]);
      expect(await ids(`&status=open`)).not.toContain(rejected.id);
      expect((await ids(`&status=open,closed`)).length).toBe(all.length);
      expect((await ids(`&status=open&status=closed`)).length).toBe(all.length);
      expect(await ids(`&service_code=${categories[5]!.id}`)).toEqual([rejected.id]);
      expect(await ids(`&service_code=${categories[5]!.id},${repairs().id}&status=closed`)).toEqual([rejected.id]);

      const now = Date.now();
      const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
      expect((await ids(`&start_date=${iso(now - 3_600_000)}&end_date=${iso(now + 60_000)}`)).length).toBe(all.length);
      expect(await ids(`&start_date=${iso(now - 40 * 86_400_000)}&end_date=${iso(now - 30 * 86_400_000)}`)).toEqual([]);
      expect((await ids(`&start_date=${encodeURIComponent(new Date(now - 3_600_000).toISOString().replace('Z', '+00:00'))}`)).length).toBe(all.length);
      // end_date alone: the 90 days before it.
      expect(await ids(`&end_date=${iso(now - 3_600_000)}`)).toEqual([]);
      const empty = xml(await get(`requests.xml?jurisdiction_id=alpha&end_date=${iso(now - 3_600_000)}`));
      expect(empty.service_requests).toBe('');
    });

    it('bad filters: 400 with each problem, in the requested format', async () => {
      const now = Date.now();
      const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const cases: [string, string[]][] = [
        [`&start_date=${iso(now - 100 * 86_400_000)}&end_date=${iso(now)}`, ['start_date and end_date may not span more than 90 days']],
        [`&start_date=${iso(now)}&end_date=${iso(now - 86_400_000)}`, ['end_date: is before start_date']],
        ['&start_date=yesterday&status=pending', ['start_date: must be a W3C datetime with a time zone, e.g. 2010-01-01T00:00:00Z', 'status.0: must be open or closed']],
        ['&start_date=2026-01-01T00:00:00', ['start_date: must be a W3C datetime with a time zone, e.g. 2010-01-01T00:00:00Z']],
        ['&service_code=drop-table', ['service_code.0: service_code is not one this server issued']],
      ];
      for (const [query, descriptions] of cases) {
        for (const format of ['json', 'xml'] as const) {
          const answer = await get(`requests.${format}?jurisdiction_id=alpha${query}`);
          expect(answer.status, query).toBe(400);
          expect(errorsOf(answer, format).map((entry) => entry.description).sort()).toEqual([...descriptions].sort());
        }
      }
    });

    it('the list in XML: service_requests/request with the spec element names', async () => {
      const doc = xml(await get(`requests.xml?jurisdiction_id=alpha&service_request_id=${resolved.id}`));
      expect(Object.keys(doc).filter((name) => name !== '?xml')).toEqual(['service_requests']);
      expect(doc.service_requests!.request).toEqual([
        expect.objectContaining({ service_request_id: resolved.id, status: 'open', agency_responsible: organisationName, address: '3栋 2单元', service_notice: '' }),
      ]);
    });

    it('GET answers carry Access-Control-Allow-Origin: * and are served to any origin', async () => {
      const answer = await get('services.json?jurisdiction_id=alpha', { origin: 'https://elsewhere.example' });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    });
  });

  describe('rate limits', () => {
    it('per client address: POSTs beyond the limit get 429 in the spec format', async () => {
      const ip = '203.0.113.254';
      let last: Answer | null = null;
      for (let i = 0; i < 121; i++) last = await post('requests.json', { api_key: 'linli311_guess', jurisdiction_id: 'alpha' }, { ip });
      expect(last!.status).toBe(429);
      expect(errorsOf(last!, 'json')).toEqual([{ code: 429, description: 'Too many requests, try again later' }]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another address is not held back.
      expect((await post('requests.json', { api_key: 'linli311_guess', jurisdiction_id: 'alpha' })).status).toBe(403);
    });

    it('per key, across nodes and addresses', async () => {
      const limited = await must(admin, 'open311:createKey', { communityId: alpha.community.id, label: '限流测试' });
      minted.push(limited.key);
      const statuses: number[] = [];
      for (let batch = 0; batch < 30; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, i) => post('requests.xml', { api_key: limited.key, jurisdiction_id: 'alpha' }, { node: i % 2 })),
        );
        statuses.push(...answers.map((answer) => answer.status));
      }
      // 300 requests spend the key's hour (each refused as incomplete: nothing filed).
      expect(statuses.every((status) => status === 400)).toBe(true);
      const over = await post('requests.xml', filing({ api_key: limited.key }), { node: 1 });
      expect(over.status).toBe(429);
      expect(errorsOf(over, 'xml')[0]!.code).toBe(429);
      // Other keys are not held back.
      expect((await post('requests.json', filing({ description: '另一把钥匙' }))).status).toBe(200);
    });
  });

  describe('audit log', () => {
    const entriesOf = async (communityId: string, action: string) =>
      (await must(admin, 'audit:list', { communityId, limit: 100 })).filter((entry) => entry.action === action);

    it('setting the jurisdiction_id is recorded with the old and the new id; the same id again, a refused one or a stranger records nothing', async () => {
      const set = await entriesOf(alpha.community.id, 'open311.setJurisdiction');
      expect(set).toEqual([
        expect.objectContaining({ actorId: users.admin!.user.id, actorName: '平台管理员', targetType: 'community', targetId: alpha.community.id, details: { from: null, to: 'alpha' } }),
      ]);
      expect(await must(admin, 'open311:setJurisdiction', { communityId: alpha.community.id, jurisdictionId: 'alpha' })).toMatchObject({ jurisdictionId: 'alpha' });
      expect(await call(admin, 'open311:setJurisdiction', { communityId: alpha.community.id, jurisdictionId: 'Not Valid' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await call(admin, 'open311:setJurisdiction', { communityId: alpha.community.id, jurisdictionId: 'beta' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(await entriesOf(alpha.community.id, 'open311.setJurisdiction')).toHaveLength(1);

      // A change: from the old id to the new, newest first.
      await must(admin, 'open311:setJurisdiction', { communityId: alpha.community.id, jurisdictionId: 'alpha-2' });
      await must(admin, 'open311:setJurisdiction', { communityId: alpha.community.id, jurisdictionId: 'alpha' });
      expect((await entriesOf(alpha.community.id, 'open311.setJurisdiction')).map((entry) => entry.details)).toEqual([
        { from: 'alpha-2', to: 'alpha' },
        { from: 'alpha', to: 'alpha-2' },
        { from: null, to: 'alpha' },
      ]);
    });

    it('each key created and each key revoked is recorded with its label (revoking twice: once)', async () => {
      const keys = (await must(admin, 'open311:keys', { communityId: alpha.community.id })).keys;
      const created = await entriesOf(alpha.community.id, 'open311.createKey');
      expect(created.map((entry) => entry.targetId).sort()).toEqual(keys.map((entry) => entry.id).sort());
      expect(created.map((entry) => entry.details.name).sort()).toEqual(['市民热线', '临时', '限流测试'].sort());
      expect(created.every((entry) => Object.keys(entry.details).join() === 'name')).toBe(true);
      expect(created.every((entry) => entry.targetType === 'open311Key' && entry.actorId === users.admin!.user.id)).toBe(true);
      const spare = keys.find((entry) => entry.label === '临时')!;
      expect(await entriesOf(alpha.community.id, 'open311.revokeKey')).toEqual([
        expect.objectContaining({ actorName: '平台管理员', targetType: 'open311Key', targetId: spare.id, details: { name: '临时' } }),
      ]);
      // Each community its own log.
      expect((await entriesOf(beta.community.id, 'open311.createKey')).map((entry) => entry.details)).toEqual([{ name: 'beta app' }]);
      expect(await entriesOf(beta.community.id, 'open311.revokeKey')).toEqual([]);
    });

    it('a failed revoke records nothing; no key, nor its hash, is ever in the audit log', async () => {
      const before = await c.models.Audit.countDocuments({ communityId: alpha.community.id });
      expect(await call(admin, 'open311:revokeKey', { communityId: alpha.community.id, keyId: 'ffffffffffffffffffffffff' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await call(moderator, 'open311:createKey', { communityId: alpha.community.id, label: 'no' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await c.models.Audit.countDocuments({ communityId: alpha.community.id })).toBe(before);

      expect(minted.length).toBeGreaterThanOrEqual(4);
      const stored = JSON.stringify(await c.models.Audit.find({}).lean());
      const listed = JSON.stringify([...(await must(admin, 'audit:list', { communityId: alpha.community.id, limit: 100 })), ...(await must(admin, 'audit:list', { communityId: beta.community.id, limit: 100 }))]);
      expect(listed).toContain('open311.createKey');
      for (const secret of minted) {
        const hash = createHash('sha256').update(secret).digest('hex');
        for (const text of [stored, listed]) {
          expect(text).not.toContain(secret);
          expect(text).not.toContain(hash);
        }
      }
      expect(stored).not.toContain('linli311_');
    });
  });

  it('no reporter name, phone, email, device or account id in any Open311 answer', () => {
    expect(seen.length).toBeGreaterThan(50);
    const all = seen.join('\n');
    for (const secret of ['小明', '欧阳', '13912345678', 'xiaoming@example.com', 'device-42', 'acct-7', '王阿姨', 'Open311: ', '市民热线', users.resident!.user.id]) {
      expect(all, secret).not.toContain(secret);
    }
  });
});
