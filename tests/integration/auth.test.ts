import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, disconnected, must, next, startCluster, untyped, type Cluster } from '../support/cluster.js';

let c: Cluster;
beforeAll(async () => {
  c = await startCluster({ nodes: 2 });
});
afterAll(async () => {
  await c?.stop();
});

describe('phone login', () => {
  it('creates an account with a correct code and sets an httpOnly session cookie', async () => {
    const ip = '198.51.100.10';
    const sent = await c.post('/api/auth/request-code', { phone: '139 0000 1001' }, { ip });
    expect(sent.body).toEqual({ ok: true, data: { resendAfterSeconds: 60, expiresInSeconds: 300 } });
    const res = await c.post('/api/auth/verify', { phone: '13900001001', code: c.codeFor('1001'), displayName: '测试' }, { ip });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^linli\.sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const user = (res.body as unknown as { data: { user: { phoneMasked: string; displayName: string } } }).data.user;
    expect(user.phoneMasked).toBe('139****1001');
    expect(JSON.stringify(res.body)).not.toContain('13900001001');
    // stored as E.164, one account per number
    expect(await c.models.User.countDocuments({ phone: '+8613900001001' })).toBe(1);
  });

  it('stores only a hash of the code', async () => {
    await c.post('/api/auth/request-code', { phone: '13900001002' }, { ip: '198.51.100.11' });
    const otp = await c.models.Otp.findOne({ phone: '+8613900001002' }).lean();
    expect(otp?.codeHash).toMatch(/^[a-f0-9]{64}$/);
    expect(otp?.codeHash).not.toContain(c.codeFor('1002'));
  });

  it('rejects a wrong code with OTP_INVALID and creates no session', async () => {
    const ip = '198.51.100.12';
    await c.post('/api/auth/request-code', { phone: '13900001003' }, { ip });
    const wrong = c.codeFor('1003') === '000000' ? '111111' : '000000';
    const res = await c.post('/api/auth/verify', { phone: '13900001003', code: wrong, displayName: 'x' }, { ip });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'OTP_INVALID' } });
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await c.models.Session.countDocuments({})).toBe(1); // only the first test's
  });

  it('rejects an expired code with OTP_EXPIRED', async () => {
    const ip = '198.51.100.13';
    await c.post('/api/auth/request-code', { phone: '13900001004' }, { ip });
    await c.models.Otp.updateOne({ phone: '+8613900001004' }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await c.post('/api/auth/verify', { phone: '13900001004', code: c.codeFor('1004'), displayName: 'x' }, { ip });
    expect(res.body).toMatchObject({ ok: false, error: { code: 'OTP_EXPIRED' } });
  });

  it('locks the code after 5 wrong tries, even if the right code follows', async () => {
    const ip = '198.51.100.14';
    await c.post('/api/auth/request-code', { phone: '13900001005' }, { ip });
    const right = c.codeFor('1005');
    const wrong = right === '000000' ? '111111' : '000000';
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await c.post('/api/auth/verify', { phone: '13900001005', code: wrong, displayName: 'x' }, { ip });
      codes.push(r.body.ok ? 'ok' : r.body.error.code);
    }
    expect(codes).toEqual(['OTP_INVALID', 'OTP_INVALID', 'OTP_INVALID', 'OTP_INVALID', 'OTP_LOCKED']);
    const after = await c.post('/api/auth/verify', { phone: '13900001005', code: right, displayName: 'x' }, { ip });
    expect(after.body).toMatchObject({ ok: false, error: { code: 'OTP_LOCKED' } });
    expect(await c.models.User.countDocuments({ phone: '+8613900001005' })).toBe(0);
  });

  it('refuses a code twice: single use', async () => {
    const ip = '198.51.100.15';
    await c.post('/api/auth/request-code', { phone: '13900001006' }, { ip });
    const body = { phone: '13900001006', code: c.codeFor('1006'), displayName: 'x' };
    expect((await c.post('/api/auth/verify', body, { ip })).body.ok).toBe(true);
    expect((await c.post('/api/auth/verify', body, { ip })).body).toMatchObject({ ok: false, error: { code: 'OTP_INVALID' } });
  });

  it('will not resend within 60 s, and says how long to wait', async () => {
    const ip = '198.51.100.16';
    await c.post('/api/auth/request-code', { phone: '13900001007' }, { ip });
    const again = await c.post('/api/auth/request-code', { phone: '13900001007' }, { ip });
    expect(again.status).toBe(429);
    expect(again.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    const wait = (again.body as { error: { retryAfterSeconds: number } }).error.retryAfterSeconds;
    expect(wait).toBeGreaterThan(50);
    expect(wait).toBeLessThanOrEqual(60);
  });

  it('limits sends per phone number across nodes (5 an hour)', async () => {
    const results: string[] = [];
    for (let i = 0; i < 6; i++) {
      // each send from another address and node; move the last send back past the resend wait
      await c.models.Otp.updateOne({ phone: '+8613900001008' }, { $set: { sentAt: new Date(Date.now() - 61_000) } });
      const r = await c.post('/api/auth/request-code', { phone: '13900001008' }, { ip: `198.51.100.${100 + i}`, node: i % 2 });
      results.push(r.body.ok ? 'ok' : r.body.error.code);
    }
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'RATE_LIMITED']);
  });

  it('limits sends per IP address across nodes (20 an hour)', async () => {
    const results: string[] = [];
    for (let i = 0; i < 21; i++) {
      const r = await c.post('/api/auth/request-code', { phone: `1390000${String(2000 + i)}` }, { ip: '198.51.100.99', node: i % 2 });
      results.push(r.body.ok ? 'ok' : r.body.error.code);
    }
    expect(results.slice(0, 20).every((r) => r === 'ok')).toBe(true);
    expect(results[20]).toBe('RATE_LIMITED');
  });

  it('rejects an invalid phone number with VALIDATION_FAILED', async () => {
    const res = await c.post('/api/auth/request-code', { phone: '12345' }, { ip: '198.51.100.17' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [{ path: 'phone' }] } });
  });

  it('asks a new account for a display name without spending the code', async () => {
    const ip = '198.51.100.18';
    await c.post('/api/auth/request-code', { phone: '13900001009' }, { ip });
    const code = c.codeFor('1009');
    const noName = await c.post('/api/auth/verify', { phone: '13900001009', code }, { ip });
    expect(noName.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [{ path: 'displayName' }] } });
    const withName = await c.post('/api/auth/verify', { phone: '13900001009', code, displayName: '新居民' }, { ip });
    expect(withName.body.ok).toBe(true);
  });
});

describe('login codes under concurrency', () => {
  type Outcome = 'ok' | string;
  /** Sends the guesses all at once, alternating nodes and addresses; returns each answer's code. */
  const burst = async (phone: string, codes: string[], net: number): Promise<Outcome[]> =>
    Promise.all(
      codes.map(async (code, i) => {
        const r = await c.post('/api/auth/verify', { phone, code, displayName: '并发' }, { ip: `203.0.113.${net + i}`, node: i % 2 });
        return r.body.ok ? 'ok' : r.body.error.code;
      }),
    );
  const wrongFor = (right: string) => (right === '000000' ? '111111' : '000000');
  const attemptsOf = async (e164: string) => (await c.models.Otp.findOne({ phone: e164 }).lean())?.attempts;

  it('20 wrong guesses at once count at most 5 tries, and the right code is refused after them', async () => {
    await c.post('/api/auth/request-code', { phone: '13900004001' }, { ip: '203.0.113.1' });
    const right = c.codeFor('4001');
    const wrong = wrongFor(right);
    expect(await burst('13900004001', [wrong], 2)).toEqual(['OTP_INVALID']);
    const answers = await burst('13900004001', Array<string>(20).fill(wrong), 10);
    // tries 2-4 are told how many are left, the fifth and all later ones are locked
    expect(answers.filter((a) => a === 'OTP_INVALID')).toHaveLength(3);
    expect(answers.filter((a) => a === 'OTP_LOCKED')).toHaveLength(17);
    expect(await attemptsOf('+8613900004001')).toBe(5);
    const late = await burst('13900004001', Array<string>(5).fill(right), 40);
    expect(late).toEqual(Array<string>(5).fill('OTP_LOCKED'));
    expect(await c.models.User.countDocuments({ phone: '+8613900004001' })).toBe(0);
  });

  it('19 wrong guesses and the right code at once: the right code counts as one of the 5 tries or is refused', async () => {
    await c.post('/api/auth/request-code', { phone: '13900004002' }, { ip: '203.0.113.50' });
    const right = c.codeFor('4002');
    const wrong = wrongFor(right);
    expect(await burst('13900004002', [wrong], 51)).toEqual(['OTP_INVALID']);
    const guesses = Array<string>(19).fill(wrong);
    guesses.splice(10, 0, right);
    const detailed = await Promise.all(
      guesses.map(async (code, i) => {
        const r = await c.post('/api/auth/verify', { phone: '13900004002', code, displayName: '并发' }, { ip: `203.0.113.${60 + i}`, node: i % 2 });
        return r.body.ok ? { code: 'ok', message: '' } : { code: r.body.error.code, message: r.body.error.message };
      }),
    );
    const answers = detailed.map((answer) => answer.code);
    const signedIn = answers[10] === 'ok';
    // Every try left was counted, unless the right code was spent first (a spent code counts no more tries).
    const tries = (await attemptsOf('+8613900004002')) ?? 0;
    expect(tries, 'tries counted').toBeLessThanOrEqual(5);
    if (!signedIn) expect(tries, 'tries counted').toBe(5);
    // four tries were left: each went to a wrong guess (told what is left) or to the right code; guesses after
    // that are refused as locked, or (once the right code was spent) as having no code to check
    expect(answers.filter((a) => a === 'ok')).toHaveLength(signedIn ? 1 : 0);
    const counted = detailed.filter((answer) => answer.code === 'OTP_INVALID' && answer.message.includes('tries left')).length;
    expect(counted + (signedIn ? 1 : 0)).toBeLessThanOrEqual(4);
    // The right code and the wrong guesses told what is left are counted tries (the last counted one may say locked).
    expect(counted + (signedIn ? 1 : 0)).toBeLessThanOrEqual(tries - 1);
    expect(answers.every((a) => a === 'ok' || a === 'OTP_INVALID' || a === 'OTP_LOCKED')).toBe(true);
    expect(await c.models.User.countDocuments({ phone: '+8613900004002' })).toBe(signedIn ? 1 : 0);
    // either way the code is done: used, or locked
    const again = await burst('13900004002', [right], 90);
    expect(again).toEqual([signedIn ? 'OTP_INVALID' : 'OTP_LOCKED']);
  });

  it('the right code sent 20 times at once signs in exactly once', async () => {
    await c.post('/api/auth/request-code', { phone: '13900004003' }, { ip: '203.0.113.100' });
    const right = c.codeFor('4003');
    const answers = await burst('13900004003', Array<string>(20).fill(right), 101);
    expect(answers.filter((a) => a === 'ok')).toHaveLength(1);
    expect(answers.every((a) => a === 'ok' || a === 'OTP_INVALID' || a === 'OTP_LOCKED')).toBe(true);
    const user = await c.models.User.findOne({ phone: '+8613900004003' }).lean();
    expect(user).not.toBeNull();
    expect(await c.models.Session.countDocuments({ userId: user!._id })).toBe(1);
    expect(await burst('13900004003', [right], 130)).toEqual(['OTP_INVALID']);
  });
});

describe('sessions', () => {
  it('one session serves HTTP and the socket handshake', async () => {
    const s = await c.login('13900003001', '共享');
    const me = await fetch(`${c.nodes[1]!.url}/api/auth/me`, { headers: { cookie: s.cookie } });
    expect(me.status).toBe(200);
    const socket = await c.connect(s, 1);
    expect(await must(socket, 'community:list', {})).toEqual([]);
  });

  it('refuses a socket without a session', async () => {
    await expect(c.connect(null)).rejects.toThrow('UNAUTHENTICATED');
    await expect(c.connect({ cookie: 'linli.sid=forged', user: null as never })).rejects.toThrow('UNAUTHENTICATED');
  });

  it('refuses a socket from a foreign Origin on both transports', async () => {
    const s = await c.login('13900003002');
    await expect(c.connect(s, 0, { origin: 'https://evil.example', transports: ['websocket'] })).rejects.toThrow();
    await expect(c.connect(s, 0, { origin: 'https://evil.example', transports: ['polling'] })).rejects.toThrow();
    const own = await c.connect(s, 0, { origin: c.nodes[0]!.url, transports: ['polling'] });
    expect(own.connected).toBe(true);
  });

  it('refuses credentialed HTTP writes from a foreign Origin', async () => {
    const res = await c.post('/api/auth/request-code', { phone: '13900003003' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.models.Otp.countDocuments({ phone: '+8613900003003' })).toBe(0);
  });

  it('logout ends the session and disconnects its sockets on every node within 5 s', async () => {
    const s = await c.login('13900003004');
    const a = await c.connect(s, 0);
    const b = await c.connect(s, 1);
    const endedA = next(a, 'session:ended');
    const goneA = disconnected(a);
    const goneB = disconnected(b);
    const out = await c.post('/api/auth/logout', {}, { cookie: s.cookie, node: 0 });
    expect(out.body.ok).toBe(true);
    expect(await endedA).toEqual({ reason: 'logout' });
    await Promise.all([goneA, goneB]);
    const me = await fetch(`${c.nodes[0]!.url}/api/auth/me`, { headers: { cookie: s.cookie } });
    expect(me.status).toBe(401);
    await expect(c.connect(s, 1)).rejects.toThrow('UNAUTHENTICATED');
  });

  it('an unknown event is answered with UNKNOWN_EVENT and the server keeps serving', async () => {
    const s = await c.login('13900003005');
    const socket = await c.connect(s, 0);
    const res: unknown = await untyped(socket).timeout(5000).emitWithAck('nope:nothing', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
    untyped(socket).emit('also:unknown');
    expect((await call(socket, 'community:list', {})).ok).toBe(true);
  });
});
