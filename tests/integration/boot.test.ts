import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { repoRoot, startServerProcess, type ServerProcess } from '../support/server-process.js';

const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
});

describe('booting the built server', () => {
  it('refuses to start in production with missing settings, listing every problem', () => {
    const r = spawnSync(process.execPath, ['server/dist/main.js'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PORT');
    const r2 = spawnSync(process.execPath, ['server/dist/main.js'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, NODE_ENV: 'production' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r2.status).toBe(1);
    for (const name of ['OTP_PEPPER', 'MONGODB_URI', 'ALLOWED_ORIGINS', 'VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT']) expect(r2.stderr).toContain(name);
  });

  it('runs in production mode with exactly the docker-compose variables', async () => {
    const origin = 'http://localhost:8080';
    const server = await startServerProcess({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      MONGODB_URI: `${inject('mongoUrl').replace(/\/$/, '')}/linli_prod_boot`,
      REDIS_URL: inject('redisUrl'),
      ALLOWED_ORIGINS: origin,
      OTP_PEPPER: 'a-long-random-production-pepper',
      VAPID_PUBLIC_KEY: 'BJ3b3J8ia0AM-W-G5FIyZntKHArcp4D8ArUuVeYHIQa6X6JWCXhaBtthfgIW-ugj3RIxBYdzKpRRdGOXb6OnWEs',
      VAPID_PRIVATE_KEY: 'RQIFQUmmfJWpz6gYgDMFL1U3tSYhRYcUa9z3dIByFzg',
      VAPID_SUBJECT: 'mailto:ops@linli.example.cn',
      PLATFORM_ADMIN_PHONES: '',
      SEED_DEMO: 'false',
      TRUST_PROXY: 'true',
    });
    running.push(server);
    const health = await fetch(`${server.url}/api/health`);
    expect(await health.json()).toEqual({ ok: true, data: { db: true, redis: true, degraded: false } });
    // production: no demo data, Secure cookies, foreign origins refused
    const sent = await fetch(`${server.url}/api/auth/request-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'x-forwarded-for': '203.0.113.5' },
      body: JSON.stringify({ phone: '13900020001' }),
    });
    expect(sent.status).toBe(200);
    const verify = await fetch(`${server.url}/api/auth/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'x-forwarded-for': '203.0.113.5' },
      body: JSON.stringify({ phone: '13900020001', code: await server.codeFor('0001'), displayName: '生产' }),
    });
    expect(verify.status).toBe(200);
    expect(verify.headers.get('set-cookie')).toMatch(/Secure/);
    const foreign = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('strict-transport-security')).toBeTruthy();
    expect(server.output()).not.toContain('13900020001');
  });
});
