import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { clientEvents, type ClientEventName, type EventInput } from './events.js';
import { LIMITS } from './limits.js';
import { auth, channelVisibility, cleanDisplayName, id } from './schemas.js';

const ID = 'a1b2c3d4e5f60718293a4b5c';
const ID2 = 'ffffffffffffffffffffffff';

/** One valid payload per client event, as a client would send it. */
const valid: { [E in ClientEventName]: EventInput<E> } = {
  'profile:update': { displayName: '王阿姨' },
  'community:list': {},
  'community:create': { name: '桃源社区', street: '桃源街道', district: '南山区', description: '老小区' },
  'community:update': { communityId: ID, name: '桃源新村' },
  'community:discover': { query: '桃源' },
  'community:joinByCode': { inviteCode: 'ABCD2345' },
  'community:requestJoin': { communityId: ID, message: '3栋住户' },
  'community:listJoinRequests': { communityId: ID, status: 'pending' },
  'community:decideJoinRequest': { requestId: ID, approve: true },
  'community:rotateInviteCode': { communityId: ID },
  'community:leave': { communityId: ID },
  'member:list': { communityId: ID, query: '王' },
  'member:setRole': { communityId: ID, userId: ID2, role: 'moderator' },
  'member:ban': { communityId: ID, userId: ID2, reason: 'spam' },
  'member:unban': { communityId: ID, userId: ID2, reason: '已道歉' },
  'household:set': { communityId: ID, building: '3栋', unit: '2单元', room: '1201' },
  'household:verify': { communityId: ID, userId: ID2, approve: false },
  'organisation:list': { communityId: ID },
  'organisation:create': { communityId: ID, name: '居民委员会', kind: 'residents_committee', description: '' },
  'organisation:update': { organisationId: ID, name: '业主委员会' },
  'organisation:remove': { organisationId: ID },
  'organisation:addStaff': { organisationId: ID, userId: ID2, title: '主任' },
  'organisation:removeStaff': { organisationId: ID, userId: ID2 },
  'channel:list': { communityId: ID, includeArchived: true },
  'channel:create': {
    communityId: ID,
    name: '闲聊',
    kind: 'chat',
    topicPlan: '邻里日常',
    ownerId: ID2,
    visibility: { type: 'organisation', organisationId: ID2 },
  },
  'channel:update': { channelId: ID, name: '公告', position: 3 },
  'channel:archive': { channelId: ID, archived: true },
  'audit:list': { communityId: ID, before: '2025-01-01T00:00:00Z', limit: 20 },
  'message:send': { channelId: ID, clientId: 'c-0001-abcdef', body: '大家好', parentId: ID2 },
  'message:edit': { messageId: ID, body: '改一下' },
  'message:delete': { messageId: ID },
  'message:react': { messageId: ID, emoji: '👍' },
  'message:history': { channelId: ID, beforeSeq: 10, limit: 20 },
  'message:thread': { messageId: ID },
  'message:sync': { channelId: ID, afterSeq: 5, updatedSince: '2025-01-01T00:00:00Z' },
  'message:report': { messageId: ID, reason: '广告' },
  'message:hide': { messageId: ID, reason: '违规' },
  'channel:markRead': { channelId: ID, seq: 12 },
  'channel:readStates': { communityId: ID },
  'typing:start': { channelId: ID },
  'presence:list': { communityId: ID },
  'notification:list': { limit: 10 },
  'notification:markRead': { ids: [ID] },
  'push:vapidKey': {},
  'push:subscribe': { endpoint: 'https://fcm.googleapis.com/fcm/send/abc123', keys: { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) } },
  'push:unsubscribe': { endpoint: 'https://fcm.googleapis.com/fcm/send/abc123' },
  'push:preferences': {},
  'push:setPreferences': { kinds: ['mention', 'poll'], quietHours: { start: '22:00', end: '07:00' }, timeZone: 'Asia/Shanghai' },
  'report:list': { communityId: ID, status: 'open' },
  'report:resolve': { reportId: ID, action: 'hide' },
  'member:mute': { communityId: ID, userId: ID2, minutes: 60, reason: '刷屏' },
  'issue:categories': { communityId: ID },
  'issue:saveCategory': { communityId: ID, name: '维修报修', defaultOrganisationId: ID2, responseHours: 24, resolutionDays: 7 },
  'issue:file': { communityId: ID, title: '3栋电梯停运', description: '老人不便', categoryId: ID2, location: { building: '3栋', unit: '2单元', text: '', lat: null, lng: null }, photoIds: [ID2], showName: false },
  'issue:similar': { communityId: ID, categoryId: ID2, title: '电梯停运' },
  'issue:list': { communityId: ID, status: 'open', sort: 'support' },
  'issue:get': { issueId: ID },
  'issue:support': { issueId: ID, on: true },
  'issue:follow': { issueId: ID, on: false },
  'issue:act': { issueId: ID, version: 3, action: 'reject', reason: '不属于社区事务' },
  'issue:comment': { issueId: ID, body: '已安排师傅上门', internal: true },
  'issue:figures': { communityId: ID, from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' },
  'open311:keys': { communityId: ID },
  'open311:createKey': { communityId: ID, label: '市民热线 app' },
  'open311:revokeKey': { communityId: ID, keyId: ID2 },
  'open311:setJurisdiction': { communityId: ID, jurisdictionId: 'taoyuan' },
  'hook:list': { communityId: ID },
  'hook:create': { communityId: ID, provider: 'dingtalk', name: '业主群', url: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789', secret: 'SEC0123456789abcdef' },
  'hook:test': { communityId: ID, hookId: ID2 },
  'hook:remove': { communityId: ID, hookId: ID2 },
  'hook:deliveries': { communityId: ID },
  'deliberation:list': { communityId: ID, state: 'open', issueId: ID2 },
  'deliberation:get': { deliberationId: ID },
  'deliberation:propose': { communityId: ID, title: '小区停车位怎么分', description: '车位不够，先到先得还是抽签？', issueIds: [ID2] },
  'deliberation:open': { communityId: ID, title: '3栋加装电梯', issueIds: [ID2], clientId: 'open-elevator-1' },
  'deliberation:review': { deliberationId: ID, action: 'reject', reason: '与已有议题重复' },
  'deliberation:support': { deliberationId: ID, on: true },
  'deliberation:close': { deliberationId: ID, summaryFor: '方便老人出行', summaryAgainst: '一楼住户担心采光', conclusion: '进入投票' },
  'deliberation:settings': { communityId: ID },
  'deliberation:configure': { communityId: ID, supportThreshold: 8 },
  'decision:list': { communityId: ID, state: 'in_progress', issueId: ID2, deliberationId: ID2, pollId: ID2 },
  'decision:get': { decisionId: ID },
  'decision:record': { communityId: ID, title: '3栋加装电梯', rationale: '投票通过，按方案B实施', pollId: ID2, issueIds: [ID2], clientId: 'record-elevator-1' },
  'decision:saveItem': {
    decisionId: ID,
    title: '电梯井道施工',
    owner: { type: 'organisation', organisationId: ID2 },
    dueAt: '2026-12-31T00:00:00Z',
    milestones: [{ title: '设计图纸确认', dueAt: '2026-12-01T00:00:00Z' }],
  },
  'decision:abandonItem': { itemId: ID, version: 2, reason: '方案变更' },
  'decision:progress': { itemId: ID, text: '井道已开挖', percent: 40, photoIds: [ID2] },
  'decision:milestone': { itemId: ID, milestoneId: ID2, done: true },
  'decision:rate': { decisionId: ID, rating: 'satisfied', comment: '按时完成' },
  'decision:overdue': { communityId: ID },
  'region:mine': {},
  'region:overview': {},
  'region:saveDistrict': { districtId: ID, name: '南山区', deliberationDays: 7, weights: { response: 1, onTimeResolution: 1, residentConfirmed: 1, satisfaction: 1, participation: 2, deliberation: 2, followThrough: 1, survey: 1 } },
  'region:saveStreet': { districtId: ID, name: '桃源街道' },
  'region:assign': { communityId: ID, streetId: ID2 },
  'region:grant': { phone: '+8613800000002', regionType: 'street', regionId: ID },
  'region:revoke': { userId: ID2, regionType: 'street', regionId: ID },
  'index:ranking': { regionId: ID, month: '2026-10' },
  'index:trend': { regionId: ID, month: '2026-10', months: 6 },
  'index:community': { communityId: ID, month: '2026-10' },
  'index:publish': { communityId: ID, month: '2026-10' },
  'insights:get': { communityId: ID, period: 'quarter' },
  'agenda:get': { communityId: ID },
  'sms:get': { communityId: ID },
  'sms:set': { communityId: ID, notices: true },
  'sms:list': { communityId: ID },
  'sms:setSmsOnly': { communityId: ID, userId: ID2, smsOnly: true },
  'sms:register': { communityId: ID, phone: '138 0013 8000', displayName: '张奶奶' },
  'sms:setAssistContact': { communityId: ID, assistContact: '0755-1234567' },
  'poll:list': { communityId: ID, state: 'active', deliberationId: ID2, issueId: ID2 },
  'poll:get': { pollId: ID },
  'poll:create': {
    communityId: ID,
    kind: 'budget',
    title: '公共收益怎么用',
    description: '三个项目，预算 10 万',
    options: [{ label: '加装扶手', cost: 30000 }, { label: '修缮凉亭', cost: 50000 }, { label: '更换路灯', cost: 40000 }],
    budget: 100000,
    quorum: 0.3,
    eligibility: 'household',
    visibility: 'sealed',
    ballot: 'secret',
    allowChange: true,
    opensAt: '2026-12-01T00:00:00Z',
    closesAt: '2026-12-08T00:00:00Z',
    deliberationId: ID2,
    minDeliberationHours: 72,
    issueIds: [ID2],
    clientId: 'poll-create-1',
  },
  'poll:update': { pollId: ID, version: 2, description: '补充说明', closesAt: '2026-12-09T00:00:00+08:00' },
  'poll:cast': { pollId: ID, choice: ['o2', 'o1'], ballotSecret: 'AAAAAAAAAAAAAAAAAAAAAA' },
  'poll:castFor': { pollId: ID, userId: ID2, choice: 'yes' },
  'poll:close': { pollId: ID, reason: '议题撤回' },
  'poll:watch': { pollId: ID },
  'poll:unwatch': { pollId: ID },
  'poll:result': { pollId: ID },
  'survey:list': { communityId: ID },
  'survey:get': { surveyId: ID },
  'survey:create': { communityId: ID, template: 'study', audience: 'household', anonymous: true, opensAt: '2026-12-01T00:00:00+08:00', closesAt: '2026-12-15T00:00:00+08:00', clientId: 'survey-create-1' },
  'survey:update': {
    surveyId: ID,
    version: 1,
    title: { 'zh-CN': '加装电梯意见调查', en: 'Elevator survey' },
    definition: {
      demographics: [{ id: 'age', 'zh-CN': '年龄', options: [{ id: 'young', 'zh-CN': '50岁以下' }, { id: 'old', 'zh-CN': '50岁及以上' }] }],
      awareness: [{ id: 'comment', 'zh-CN': '其他意见' }],
      dimensions: [{ id: 'need', 'zh-CN': '需求', items: [{ id: 'n1', 'zh-CN': '我需要电梯' }] }],
      questions: [{ id: 'floor', kind: 'multiple', 'zh-CN': '楼层', options: [{ id: 'low', 'zh-CN': '低层' }, { id: 'high', 'zh-CN': '高层' }] }],
    },
  },
  'survey:publish': { surveyId: ID, version: 2 },
  'survey:close': { surveyId: ID },
  'survey:submit': { surveyId: ID, answers: { demographics: { gender: 'female' }, awareness: { 'community-name': '桃源社区' }, items: { q1: 5, q2: 3 }, choices: {} } },
  'survey:enterFor': { surveyId: ID, userId: ID2, answers: { items: { q1: 4 } } },
  'survey:results': { surveyId: ID },
  'activity:list': { communityId: ID, kind: 'quiz', phase: 'open' },
  'activity:get': { activityId: ID },
  'activity:createCall': { communityId: ID, title: '暑期亲子活动点子征集', description: '说说你想要的活动', closesAt: '2026-12-08T00:00:00+08:00', clientId: 'call-summer-1' },
  'activity:createQuiz': {
    communityId: ID,
    title: '垃圾分类知识问答',
    opensAt: '2026-12-01T00:00:00Z',
    closesAt: '2026-12-08T00:00:00Z',
    timing: 'question',
    seconds: 20,
    questions: [
      { text: '废电池属于哪一类？', kind: 'single', options: ['可回收物', '有害垃圾', '厨余垃圾'], correct: [1], points: 10 },
      { text: '哪些属于可回收物？', kind: 'multiple', options: ['旧报纸', '塑料瓶', '果皮'], correct: [0, 1], points: 20, seconds: 30 },
    ],
    prizes: [{ fromRank: 1, toRank: 3, name: '环保购物袋' }],
  },
  'activity:createEvent': { communityId: ID, title: '重阳节包饺子', place: '社区活动室', startsAt: '2026-12-05T09:00:00+08:00', endsAt: '2026-12-05T11:00:00+08:00', capacity: 20 },
  'activity:updateEvent': { activityId: ID, version: 1, place: '社区食堂', capacity: 30 },
  'activity:cancel': { activityId: ID, reason: '天气原因' },
  'activity:propose': { activityId: ID, title: '周末跳蚤市场', description: '闲置物品交换', clientId: 'idea-flea-1' },
  'activity:support': { ideaId: ID, support: false },
  'activity:shortlist': { ideaId: ID, shortlisted: true },
  'activity:toPoll': { activityId: ID, ideaIds: [ID, ID2], title: '选出本月活动', closesAt: '2026-12-15T00:00:00Z' },
  'activity:quizStart': { activityId: ID },
  'activity:quizAnswer': { activityId: ID, index: 0, choice: [1] },
  'activity:leaderboard': { activityId: ID, limit: 20 },
  'activity:publishResults': { activityId: ID },
  'activity:givePrize': { attemptId: ID },
  'activity:signUp': { activityId: ID },
  'activity:withdraw': { activityId: ID },
  'activity:checkIn': { activityId: ID, code: '042917' },
  'activity:attendance': { activityId: ID },
};

const eventNames = Object.keys(clientEvents) as ClientEventName[];

/** Parses `payload` with the schema of `event`. */
const parse = (event: ClientEventName, payload: unknown) => (clientEvents[event] as z.ZodType).safeParse(payload);

/** The valid payload of `event` with `field` replaced. */
const withField = (event: ClientEventName, field: string, value: unknown): Record<string, unknown> => ({
  ...(valid[event] as Record<string, unknown>),
  [field]: value,
});

/** Parses successfully and returns the output as a record, or fails the test. */
function parsedOk(event: ClientEventName, payload: unknown): Record<string, unknown> {
  const r = parse(event, payload);
  if (!r.success) throw new Error(`${event} refused ${JSON.stringify(payload)}: ${r.error.message}`);
  return r.data as Record<string, unknown>;
}

const isIdValue = (v: unknown): boolean => typeof v === 'string' && /^[a-f0-9]{24}$/.test(v);

describe('clientEvents', () => {
  it('every event has a valid fixture here, and every fixture is an event', () => {
    expect(Object.keys(valid).sort()).toEqual([...eventNames].sort());
  });

  it.each(eventNames)('%s accepts its valid payload', (event) => {
    expect(parse(event, valid[event]).success).toBe(true);
  });

  describe.each(eventNames)('%s', (event) => {
    it.each([
      ['null', null],
      ['undefined', undefined],
      ['a string', '{}'],
      ['a number', 42],
      ['a boolean', true],
      ['an array', [valid[event]]],
    ])('rejects %s as payload', (_label, payload) => {
      expect(parse(event, payload).success).toBe(false);
    });

    it('rejects unknown keys (strict)', () => {
      const r = parse(event, withField(event, '$where', 'sleep(1000)'));
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => i.code)).toContain('unrecognized_keys');
    });

    it('rejects an operator object in place of any top-level string field', () => {
      const stringFields = Object.entries(valid[event] as Record<string, unknown>)
        .filter(([, v]) => typeof v === 'string')
        .map(([k]) => k);
      for (const field of stringFields) {
        expect(parse(event, withField(event, field, { $gt: '' })).success, field).toBe(false);
        expect(parse(event, withField(event, field, { $ne: null })).success, field).toBe(false);
      }
    });
  });

  it('every id field of every event refuses an operator object and a malformed id', () => {
    let idFields = 0;
    for (const event of eventNames) {
      for (const [field, value] of Object.entries(valid[event] as Record<string, unknown>)) {
        if (!isIdValue(value)) continue;
        idFields += 1;
        expect(parse(event, withField(event, field, { $gt: '' })).success, `${event}.${field}`).toBe(false);
        expect(parse(event, withField(event, field, [ID])).success, `${event}.${field}`).toBe(false);
        expect(parse(event, withField(event, field, ID.slice(1))).success, `${event}.${field}`).toBe(false);
        expect(parse(event, withField(event, field, `${ID}0`)).success, `${event}.${field}`).toBe(false);
        expect(parse(event, withField(event, field, 'zzzzzzzzzzzzzzzzzzzzzzzz')).success, `${event}.${field}`).toBe(false);
      }
    }
    // Guards against the loop silently checking nothing.
    expect(idFields).toBeGreaterThanOrEqual(28);
  });

  it('an id nested in the channel visibility refuses an operator object', () => {
    const payload = withField('channel:create', 'visibility', { type: 'organisation', organisationId: { $gt: '' } });
    expect(parse('channel:create', payload).success).toBe(false);
  });

  it('the nested visibility object refuses extra keys', () => {
    const payload = withField('channel:create', 'visibility', { type: 'all', $where: '1' });
    expect(parse('channel:create', payload).success).toBe(false);
  });
});

describe('id', () => {
  it('accepts 24 lowercase hex digits only', () => {
    expect(id.safeParse(ID).success).toBe(true);
    expect(id.safeParse(ID.toUpperCase()).success).toBe(false);
    expect(id.safeParse(` ${ID}`).success).toBe(false);
    expect(id.safeParse(123).success).toBe(false);
  });
});

describe('trimming', () => {
  // event, field: every free-text field a person types.
  const textFields: [ClientEventName, string][] = [
    ['profile:update', 'displayName'],
    ['community:create', 'name'],
    ['community:create', 'street'],
    ['community:create', 'district'],
    ['community:create', 'description'],
    ['community:update', 'name'],
    ['community:discover', 'query'],
    ['community:requestJoin', 'message'],
    ['member:list', 'query'],
    ['member:ban', 'reason'],
    ['household:set', 'building'],
    ['household:set', 'unit'],
    ['household:set', 'room'],
    ['organisation:create', 'name'],
    ['organisation:create', 'description'],
    ['organisation:update', 'name'],
    ['organisation:addStaff', 'title'],
    ['channel:create', 'name'],
    ['channel:create', 'topicPlan'],
    ['channel:update', 'name'],
  ];

  it.each(textFields)('%s trims %s', (event, field) => {
    const out = parsedOk(event, withField(event, field, '  桃源 3栋\t '));
    expect(out[field]).toBe('桃源 3栋');
  });

  it('auth phone is trimmed', () => {
    expect(auth.requestCode.parse({ phone: ' 138 1234 5678 ' }).phone).toBe('138 1234 5678');
  });

  it.each([
    ['profile:update', 'displayName'],
    ['community:create', 'name'],
    ['channel:create', 'name'],
    ['channel:create', 'topicPlan'],
    ['household:set', 'room'],
  ] as [ClientEventName, string][])('%s refuses a %s of only whitespace', (event, field) => {
    expect(parse(event, withField(event, field, '   ')).success).toBe(false);
  });
});

describe('LIMITS', () => {
  // event, field, min, max: the boundary on both sides of max (and min where > 0).
  const bounded: [ClientEventName, string, number, number][] = [
    ['profile:update', 'displayName', LIMITS.displayName.min, LIMITS.displayName.max],
    ['community:create', 'name', LIMITS.communityName.min, LIMITS.communityName.max],
    ['community:create', 'street', 1, LIMITS.place.max],
    ['community:create', 'description', 0, LIMITS.description.max],
    ['community:requestJoin', 'message', 0, LIMITS.joinMessage.max],
    ['household:set', 'building', LIMITS.householdPart.min, LIMITS.householdPart.max],
    ['organisation:create', 'name', LIMITS.organisationName.min, LIMITS.organisationName.max],
    ['organisation:addStaff', 'title', 0, LIMITS.staffTitle.max],
    ['channel:create', 'name', LIMITS.channelName.min, LIMITS.channelName.max],
    ['channel:create', 'topicPlan', LIMITS.topicPlan.min, LIMITS.topicPlan.max],
    ['channel:update', 'name', LIMITS.channelName.min, LIMITS.channelName.max],
  ];

  it.each(bounded)('%s.%s accepts [%i, %i] characters and nothing outside', (event, field, min, max) => {
    expect(parse(event, withField(event, field, '邻'.repeat(max))).success).toBe(true);
    expect(parse(event, withField(event, field, '邻'.repeat(max + 1))).success).toBe(false);
    if (min > 0) {
      expect(parse(event, withField(event, field, '邻'.repeat(min))).success).toBe(true);
      expect(parse(event, withField(event, field, '邻'.repeat(min - 1))).success).toBe(false);
    }
  });

  it('a channel name is measured after trimming: 41 characters fail, 40 padded with spaces pass', () => {
    expect(LIMITS.channelName.max).toBe(40);
    expect(parse('channel:create', withField('channel:create', 'name', 'x'.repeat(41))).success).toBe(false);
    expect(parse('channel:create', withField('channel:create', 'name', ` ${'x'.repeat(40)} `)).success).toBe(true);
  });

  it('audit page size is bounded by LIMITS.pageSize and defaults to its default', () => {
    expect(parse('audit:list', { communityId: ID, limit: LIMITS.pageSize.max }).success).toBe(true);
    expect(parse('audit:list', { communityId: ID, limit: LIMITS.pageSize.max + 1 }).success).toBe(false);
    expect(parse('audit:list', { communityId: ID, limit: 0 }).success).toBe(false);
    expect(parse('audit:list', { communityId: ID, limit: 2.5 }).success).toBe(false);
    expect(parsedOk('audit:list', { communityId: ID }).limit).toBe(LIMITS.pageSize.default);
  });

  it('audit cursor must be an ISO datetime', () => {
    expect(parse('audit:list', { communityId: ID, before: 'yesterday' }).success).toBe(false);
  });

  it('channel position must be a whole number within range', () => {
    expect(parse('channel:update', { channelId: ID, position: -1 }).success).toBe(false);
    expect(parse('channel:update', { channelId: ID, position: 1.5 }).success).toBe(false);
    expect(parse('channel:update', { channelId: ID, position: 10_001 }).success).toBe(false);
  });
});

describe('control characters', () => {
  it('single-line fields refuse newlines and NUL', () => {
    expect(parse('channel:create', withField('channel:create', 'name', 'a\nb')).success).toBe(false);
    expect(parse('community:create', withField('community:create', 'name', 'ab\u001bc')).success).toBe(false);
  });

  it('multi-line fields keep newlines but refuse NUL and escape', () => {
    expect(parsedOk('community:create', withField('community:create', 'description', '第一行\n第二行')).description).toBe(
      '第一行\n第二行',
    );
    expect(parse('community:create', withField('community:create', 'description', 'a\u0000b')).success).toBe(false);
    expect(parse('channel:create', withField('channel:create', 'topicPlan', 'a\u001bb')).success).toBe(false);
  });
});

describe('community:joinByCode', () => {
  it('upper-cases and trims the invite code', () => {
    expect(parsedOk('community:joinByCode', { inviteCode: ' abcd2345 ' }).inviteCode).toBe('ABCD2345');
  });

  it.each(['ABCD234', 'ABCD23456', 'ABCD-234', '邻里邻里邻里邻里', ''])('refuses %j', (inviteCode) => {
    expect(parse('community:joinByCode', { inviteCode }).success).toBe(false);
  });
});

describe('defaults', () => {
  it('optional fields get their documented defaults', () => {
    expect(parsedOk('community:create', { name: '桃源社区', street: '桃源街道', district: '南山区' }).description).toBe('');
    expect(parsedOk('community:discover', {}).query).toBe('');
    expect(parsedOk('community:listJoinRequests', { communityId: ID }).status).toBe('pending');
    expect(parsedOk('member:list', { communityId: ID })).toMatchObject({ query: '', householdPending: false });
    expect(parsedOk('channel:list', { communityId: ID }).includeArchived).toBe(false);
    expect(parsedOk('organisation:addStaff', { organisationId: ID, userId: ID2 }).title).toBe('');
    expect(
      parsedOk('channel:create', { communityId: ID, name: '闲聊', kind: 'chat', topicPlan: '日常' }).visibility,
    ).toEqual({ type: 'all' });
  });

  it('booleans are not coerced from strings', () => {
    expect(parse('community:decideJoinRequest', { requestId: ID, approve: 'true' }).success).toBe(false);
    expect(parse('channel:archive', { channelId: ID, archived: 1 }).success).toBe(false);
  });

  it('roles outside the vocabulary are refused', () => {
    expect(parse('member:setRole', withField('member:setRole', 'role', 'owner')).success).toBe(false);
    expect(parse('channel:create', withField('channel:create', 'kind', 'dm')).success).toBe(false);
  });
});

describe('channel visibility', () => {
  it.each([
    { type: 'all' },
    { type: 'roles', roles: ['resident'] },
    { type: 'roles', roles: ['resident', 'moderator', 'supervisor', 'admin'] },
    { type: 'organisation', organisationId: ID },
  ])('accepts %j', (visibility) => {
    expect(channelVisibility.safeParse(visibility).success).toBe(true);
    expect(parse('channel:create', withField('channel:create', 'visibility', visibility)).success).toBe(true);
    expect(parse('channel:update', { channelId: ID, visibility }).success).toBe(true);
  });

  it.each([
    ['roles: []', { type: 'roles', roles: [] }],
    ['an unknown role', { type: 'roles', roles: ['owner'] }],
    ['more than four roles', { type: 'roles', roles: ['resident', 'moderator', 'supervisor', 'admin', 'resident'] }],
    ['roles without a list', { type: 'roles' }],
    ['organisation without an id', { type: 'organisation' }],
    ['organisation with a malformed id', { type: 'organisation', organisationId: 'org-1' }],
    ['an unknown type', { type: 'everyone' }],
    ['no type', {}],
    ['extra keys on all', { type: 'all', roles: ['resident'] }],
    ['a string', 'all'],
  ])('refuses %s', (_label, visibility) => {
    expect(channelVisibility.safeParse(visibility).success).toBe(false);
    expect(parse('channel:create', withField('channel:create', 'visibility', visibility)).success).toBe(false);
  });
});

describe('auth (HTTP bodies)', () => {
  it('requestCode takes exactly a phone', () => {
    expect(auth.requestCode.safeParse({ phone: '13812345678' }).success).toBe(true);
    expect(auth.requestCode.safeParse({ phone: '13812345678', admin: true }).success).toBe(false);
    expect(auth.requestCode.safeParse({ phone: { $gt: '' } }).success).toBe(false);
    expect(auth.requestCode.safeParse(null).success).toBe(false);
  });

  it('verifyCode takes a six-digit code and an optional trimmed display name', () => {
    const ok = auth.verifyCode.safeParse({ phone: '13812345678', code: '123456', displayName: ' 王阿姨 ' });
    expect(ok.success && ok.data.displayName).toBe('王阿姨');
    for (const code of ['12345', '1234567', 'abcdef', ' 123456']) {
      expect(auth.verifyCode.safeParse({ phone: '13812345678', code }).success, code).toBe(false);
    }
    expect(auth.verifyCode.safeParse({ phone: '13812345678', code: { $ne: '' } }).success).toBe(false);
    expect(auth.verifyCode.safeParse({ phone: '13812345678', code: '123456', isPlatformAdmin: true }).success).toBe(false);
  });
});

describe('member:list roles filter', () => {
  it('takes one to four known roles', () => {
    expect(parsedOk('member:list', { communityId: ID, roles: ['moderator', 'supervisor', 'admin'] }).roles).toEqual(['moderator', 'supervisor', 'admin']);
    expect(parse('member:list', { communityId: ID, roles: [] }).success).toBe(false);
    expect(parse('member:list', { communityId: ID, roles: ['owner'] }).success).toBe(false);
    expect(parse('member:list', { communityId: ID, roles: { $ne: null } }).success).toBe(false);
  });
});

describe('display names', () => {
  const name = (displayName: string) => parse('profile:update', { displayName });

  it.each([
    ['right-to-left override', '\u202E张主任', '张主任'],
    ['bidi isolates and embeddings', '\u2066王\u2069\u202A阿姨\u202C', '王阿姨'],
    ['zero-width space, joiner, non-joiner, word joiner, BOM', '张\u200B主\u200D\u200C任\u2060\uFEFF', '张主任'],
    ['left-to-right and Arabic marks', '\u200E李\u200F\u061C四', '李四'],
    ['control characters', 'a\u0000b\u001b\u007f', 'ab'],
    ['tabs and newlines become one space', '王\t\n阿姨', '王 阿姨'],
    ['line and paragraph separators', '王\u2028阿\u2029姨', '王阿姨'],
    ['blank-looking fillers', '\u3164张\u2800三\u115F', '张三'],
    ['runs of spaces', '  张   三  ', '张 三'],
  ])('strips %s', (_what, raw, clean) => {
    const res = name(raw);
    expect(res.success && res.data).toEqual({ displayName: clean });
  });

  it('keeps emoji sequences joined by a zero-width joiner', () => {
    expect(cleanDisplayName('小王👨‍👩‍👧')).toBe('小王👨‍👩‍👧');
    expect(cleanDisplayName('👩🏽‍💻程序员')).toBe('👩🏽‍💻程序员');
  });

  it.each(['\u202E', '\u200B\u200D\u200C', '\u202E \u202C', '\u3164\u3164', ' \t '])('refuses a name with nothing visible left (%j)', (raw) => {
    const res = name(raw);
    expect(res.success).toBe(false);
    if (!res.success) expect(res.error.issues[0]!.path).toEqual(['displayName']);
  });

  it('measures the length after cleaning', () => {
    expect(name('\u200B'.repeat(10) + '邻'.repeat(LIMITS.displayName.max)).success).toBe(true);
    expect(name('邻'.repeat(LIMITS.displayName.max + 1)).success).toBe(false);
  });

  it('the name given at sign-up is cleaned the same way', () => {
    const res = auth.verifyCode.safeParse({ phone: '13812345678', code: '123456', displayName: '\u202E张主任' });
    expect(res.success && res.data.displayName).toBe('张主任');
    expect(auth.verifyCode.safeParse({ phone: '13812345678', code: '123456', displayName: '\u202E' }).success).toBe(false);
  });
});
