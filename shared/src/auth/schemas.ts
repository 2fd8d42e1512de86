import { z } from 'zod';
import { LIMITS } from '../limits.js';

/**
 * Characters that show nothing or change how the text around them is shown:
 * control, bidirectional (U+202E ...), zero-width and other format characters,
 * line and paragraph separators, and fillers that render blank.
 * A zero-width joiner is handled apart (STRAY_ZWJ): inside an emoji it belongs.
 */
const INVISIBLE = /(?!\u200D)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/gu;
/** A zero-width joiner that does not join two pictographs (as in 👨‍👩‍👧). */
const STRAY_ZWJ = /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/** A display name as others will see it: invisible and direction-changing characters removed, spaces collapsed, trimmed. */
export function cleanDisplayName(raw: string): string {
  return raw
    .replace(/[\t\n\v\f\r]/g, ' ')
    .replace(INVISIBLE, '')
    .replace(STRAY_ZWJ, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Name other members see. Cleaned rather than refused, so a pasted name still
 * works; a name with nothing visible left is refused. Staff impersonation by an
 * identical name is answered by role badges in the client, not here.
 */
export const displayName = z
  .string()
  .max(LIMITS.displayName.max * 4)
  .transform(cleanDisplayName)
  .pipe(z.string().min(LIMITS.displayName.min, 'must not be empty').max(LIMITS.displayName.max));

/** HTTP bodies of the login flow (not socket events: there is no session yet). */
export const auth = {
  requestCode: z.strictObject({
    /** Phone number as typed; default region CN. */
    phone: z.string().trim().min(3).max(32),
  }),
  verifyCode: z.strictObject({
    phone: z.string().trim().min(3).max(32),
    /** The six-digit one-time code. */
    code: z.string().regex(/^\d{6}$/, 'must be 6 digits'),
    /** Name to show others; used only when the account is new. */
    displayName: displayName.optional(),
  }),
};

export const profile = {
  update: z.strictObject({
    /** Name other members see. */
    displayName,
  }),
};
