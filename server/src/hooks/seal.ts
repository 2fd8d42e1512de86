import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for the hooks' webhook addresses and secrets at rest. The key is
 * SHA-256 of HOOK_SECRET_KEY (any length), or of OTP_PEPPER when that is unset.
 * Sealed text: `v1:<iv>:<tag>:<ciphertext>`, base64url parts.
 */
export function createSealer(keyText: string) {
  const key = createHash('sha256').update(`linli-hooks\u0000${keyText}`, 'utf8').digest();
  return {
    seal(plain: string): string {
      if (plain === '') return '';
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
    },
    open(sealed: string): string {
      if (sealed === '') return '';
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Not a sealed hook secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

export type Sealer = ReturnType<typeof createSealer>;
