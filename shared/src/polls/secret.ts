/**
 * What a secret poll's ballot secret s (128 random bits made by the client, see
 * README "Secret ballots") derives, each under its own domain tag and the poll's id:
 * - the voter record's commit: binds the voter to s (and nothing else);
 * - the ballot key: the filled slot's unique key (one slot per s);
 * - the receipt: what the voter checks in the published list.
 * None can be computed without s, and none from another. WebCrypto, so the client
 * recomputes its receipt from its stored secret and the server derives the same.
 */

const encoder = new TextEncoder();

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Receipts read aloud and typed: Crockford base32 (no I, L, O, U). */
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 60 bits as "XXXX-XXXX-XXXX". */
export function formatReceipt(bytes: Uint8Array): string {
  let bits = 0n;
  for (let i = 0; i < 8; i++) bits = (bits << 8n) | BigInt(bytes[i] ?? 0);
  bits >>= 4n; // 60 bits
  let out = '';
  for (let i = 0; i < 12; i++) {
    out = (RECEIPT_ALPHABET[Number(bits & 31n)] ?? '0') + out;
    bits >>= 5n;
  }
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

/** The receipt format, for a search box. */
export const receiptPattern = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export async function voterCommit(pollId: string, secret: string): Promise<string> {
  return hex(await sha256(`linli-poll-voter:${pollId}:${secret}`));
}

export async function ballotKey(pollId: string, secret: string): Promise<string> {
  return hex(await sha256(`linli-poll-ballot:${pollId}:${secret}`));
}

/** The receipt of a secret poll's ballot: the same on every device holding s, for a retry and after a change. */
export async function receiptOfSecret(pollId: string, secret: string): Promise<string> {
  return formatReceipt(await sha256(`linli-poll-receipt:${pollId}:${secret}`));
}
