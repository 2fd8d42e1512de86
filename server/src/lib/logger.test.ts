import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

/** A logger at info level whose JSON lines are kept for the test to read. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger('info', false, sink), lines };
}

describe('createLogger redaction', () => {
  it('keeps error codes such as ECONNREFUSED, at the top level and on an err', () => {
    const { log, lines } = capture();
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    log.error({ err }, 'redis error');
    log.warn({ code: 'ETIMEDOUT' }, 'timeout');
    expect((lines[0]!.err as { code: string }).code).toBe('ECONNREFUSED');
    expect(lines[1]!.code).toBe('ETIMEDOUT');
  });

  it('redacts the login code where it travels: the verify body and its parsed input', () => {
    const { log, lines } = capture();
    log.info({ body: { phone: '13812345678', code: '123456' } }, 'verify body');
    log.info({ req: { body: { code: '654321' } } }, 'request');
    log.info({ input: { code: '111111', displayName: '张三' } }, 'input');
    log.info({ otp: '222222', loginCode: '333333' }, 'codes');
    const text = JSON.stringify(lines);
    for (const secret of ['123456', '654321', '111111', '222222', '333333', '13812345678']) expect(text).not.toContain(secret);
    expect((lines[2]!.input as { displayName: string }).displayName).toBe('张三');
  });

  it('still redacts phones and cookies', () => {
    const { log, lines } = capture();
    log.info({ phone: '13812345678', user: { phone: '13912345678' }, req: { headers: { cookie: 'sid=secret' } } }, 'x');
    const text = JSON.stringify(lines);
    expect(text).not.toContain('1381234');
    expect(text).not.toContain('1391234');
    expect(text).not.toContain('sid=secret');
  });
});
