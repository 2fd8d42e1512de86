import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { AppError } from '../lib/errors.js';

/** Normalises a phone number typed by a person (default region CN) to E.164. */
export function normalisePhone(input: string): string {
  const parsed = parsePhoneNumberFromString(input, 'CN');
  if (!parsed || !parsed.isValid()) {
    throw new AppError('VALIDATION_FAILED', 'Not a valid phone number', {
      issues: [{ path: 'phone', message: 'not a valid phone number' }],
    });
  }
  return parsed.number;
}

/** National significant number, for masking (+8613812345678 -> 13812345678). */
export function nationalNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.nationalNumber ?? e164.replace(/\D/g, '');
}
