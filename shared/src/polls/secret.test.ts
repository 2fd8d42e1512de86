import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ballotKey, formatReceipt, receiptOfSecret, receiptPattern, voterCommit } from './secret.js';

const S = 'q0Vn3b1x2Jc9LkP7mZs4Tw';
const POLL = 'a1b2c3d4e5f60718293a4b5c';

describe('secret ballot derivations', () => {
  it('are SHA-256 under their own domain tag and the poll id', async () => {
    expect(await voterCommit(POLL, S)).toBe(createHash('sha256').update(`linli-poll-voter:${POLL}:${S}`).digest('hex'));
    expect(await ballotKey(POLL, S)).toBe(createHash('sha256').update(`linli-poll-ballot:${POLL}:${S}`).digest('hex'));
  });

  it('never coincide: the commit, the key and the receipt of one secret, or of one secret in two polls', async () => {
    const values = [await voterCommit(POLL, S), await ballotKey(POLL, S), await voterCommit('ffffffffffffffffffffffff', S), await ballotKey('ffffffffffffffffffffffff', S)];
    expect(new Set(values).size).toBe(4);
    expect(await receiptOfSecret(POLL, S)).not.toBe(await receiptOfSecret('ffffffffffffffffffffffff', S));
  });

  it('a receipt is 12 Crockford base32 characters in three groups, the same every time', async () => {
    const receipt = await receiptOfSecret(POLL, S);
    expect(receipt).toMatch(receiptPattern);
    expect(await receiptOfSecret(POLL, S)).toBe(receipt);
    expect(formatReceipt(new Uint8Array(8))).toBe('0000-0000-0000');
    expect(formatReceipt(new Uint8Array(8).fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ');
    expect(receiptPattern.test('IIII-0000-0000')).toBe(false);
  });
});
