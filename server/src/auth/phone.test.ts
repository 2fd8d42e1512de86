import { describe, expect, it } from 'vitest';
import { maskPhone } from '@linli/shared';
import { AppError } from '../lib/errors.js';
import { nationalNumber, normalisePhone } from './phone.js';

describe('normalisePhone', () => {
  it.each(['13812345678', '+86 138 1234 5678', '138-1234-5678', '+8613812345678', ' 138 1234 5678 ', '0086 138 1234 5678'])(
    '%j becomes +8613812345678 (default region CN)',
    (input) => {
      expect(normalisePhone(input)).toBe('+8613812345678');
    },
  );

  it('keeps a valid foreign number in its own country', () => {
    expect(normalisePhone('+1 202 555 0143')).toBe('+12025550143');
  });

  it('accepts a Chinese landline with area code', () => {
    expect(normalisePhone('010 6552 9988')).toBe('+861065529988');
  });

  it.each(['123', 'abc', '1381234567', '138123456789', '', '+86'])('%j is refused with VALIDATION_FAILED', (input) => {
    let caught: unknown;
    try {
      normalisePhone(input);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    const err = caught as AppError;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.extra.issues).toEqual([{ path: 'phone', message: 'not a valid phone number' }]);
  });
});

describe('nationalNumber', () => {
  it('strips the country code of an E.164 number', () => {
    expect(nationalNumber('+8613812345678')).toBe('13812345678');
    expect(nationalNumber('+12025550143')).toBe('2025550143');
  });

  it('round-trips with normalisePhone for any accepted spelling', () => {
    expect(nationalNumber(normalisePhone('+86 138 1234 5678'))).toBe('13812345678');
  });

  it('falls back to the digits of something it cannot parse', () => {
    expect(nationalNumber('garbage-12')).toBe('12');
  });
});

describe('maskPhone', () => {
  it('shows the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('ignores non-digits in the input', () => {
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
  });

  it('masks the national number, never revealing the middle digits', () => {
    const masked = maskPhone(nationalNumber(normalisePhone('+86 138 1234 5678')));
    expect(masked).toBe('138****5678');
    expect(masked).not.toContain('1234');
  });

  it('short numbers keep only two digits', () => {
    expect(maskPhone('1234567')).toBe('12****');
  });
});
