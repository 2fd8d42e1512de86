import { describe, expect, it } from 'vitest';
import { push } from './contract.js';
import { inQuietHours, minutesOf } from './types.js';

const at = (time: string) => minutesOf(time);

describe('quiet hours', () => {
  it('a window within one day includes its start and excludes its end', () => {
    const quiet = { start: '12:00', end: '14:00' };
    expect([at('11:59'), at('12:00'), at('13:59'), at('14:00')].map((m) => inQuietHours(quiet, m))).toEqual([false, true, true, false]);
  });

  it('a window across midnight (22:00 to 07:00) holds late evening and early morning only', () => {
    const quiet = { start: '22:00', end: '07:00' };
    expect([at('21:59'), at('22:00'), at('23:59'), at('00:00'), at('06:59'), at('07:00'), at('12:00')].map((m) => inQuietHours(quiet, m))).toEqual([
      false, true, true, true, true, false, false,
    ]);
  });

  it('no quiet hours: never quiet', () => {
    expect(inQuietHours(null, at('03:00'))).toBe(false);
  });
});

describe('push preferences schema', () => {
  const valid = { kinds: ['mention'], quietHours: { start: '22:00', end: '07:00' }, timeZone: 'Asia/Shanghai' };
  it('repeated kinds are kept once', () => {
    expect(push.setPreferences.parse({ ...valid, kinds: ['mention', 'poll', 'mention'] }).kinds).toEqual(['mention', 'poll']);
  });
  it.each([
    ['an unknown kind', { ...valid, kinds: ['gossip'] }],
    ['an empty window', { ...valid, quietHours: { start: '07:00', end: '07:00' } }],
    ['an hour past 23', { ...valid, quietHours: { start: '24:00', end: '07:00' } }],
    ['an unknown time zone', { ...valid, timeZone: 'Asia/Atlantis' }],
  ])('%s is refused', (_what, payload) => {
    expect(push.setPreferences.safeParse(payload).success).toBe(false);
  });
});
