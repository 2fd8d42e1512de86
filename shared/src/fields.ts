/** Field schemas every capability builds its payloads from. */
import { z } from 'zod';
import { LIMITS } from './limits.js';

/** A MongoDB ObjectId in hex. */
export const id = z.string().regex(/^[a-f0-9]{24}$/, 'must be an id');

/** Trimmed single-line text with length bounds and no control characters. */
export const line = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** Trimmed multi-line text (newlines allowed). */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // Control characters other than tab and newlines.
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F]*$/, 'must not contain control characters');

/** Multi-line text that must say something. */
export const requiredText = (max: number) => text(max).pipe(z.string().min(1, 'must not be empty'));

/** A page size: 1..max, the usual page when omitted. */
export const pageLimit = (fallback: number = LIMITS.pageSize.default, max: number = LIMITS.pageSize.max) => z.int().min(1).max(max).default(fallback);

/** The community a command is about. */
export const inCommunity = { communityId: id };
