/**
 * What this device keeps per poll and user in localStorage.
 *
 * The ballot secret of a secret poll: 128 random bits made on this device, kept per poll
 * and user in localStorage, so a retry after a lost answer, or a vote change, sends the
 * same secret (the server recognises the ballot by it without knowing who cast it).
 */
const keyOf = (userId: string, pollId: string) => `linli.pollSecret.${userId}.${pollId}`;

/** 16 random bytes as base64url (22 characters, no padding). */
export function newBallotSecret(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage blocked (private mode)
  }
}

/** The stored secret of this poll, or null. */
export function storedBallotSecret(userId: string, pollId: string): string | null {
  return storage()?.getItem(keyOf(userId, pollId)) ?? null;
}

/** The secret of this poll for this user: the stored one, or a new one stored now. */
export function ballotSecret(userId: string, pollId: string): string {
  const stored = storedBallotSecret(userId, pollId);
  if (stored) return stored;
  const secret = newBallotSecret();
  try {
    storage()?.setItem(keyOf(userId, pollId), secret);
  } catch {
    // Quota or blocked storage: the secret still serves this attempt (a retry in this page reuses it through state).
  }
  return secret;
}

const receiptKey = (userId: string, pollId: string) => `linli.pollReceipt.${userId}.${pollId}`;

/**
 * The last receipt this device got for a poll: a secret poll's server cannot tell the
 * voter their receipt again (nothing links them), so the device keeps it for the result page.
 */
export function storedReceipt(userId: string, pollId: string): string | null {
  return storage()?.getItem(receiptKey(userId, pollId)) ?? null;
}

export function storeReceipt(userId: string, pollId: string, receipt: string): void {
  try {
    storage()?.setItem(receiptKey(userId, pollId), receipt);
  } catch {
    // Blocked storage: the receipt is still on screen to copy.
  }
}

const pendingKey = (userId: string, pollId: string) => `linli.pollPending.${userId}.${pollId}`;

/**
 * A secret ballot being sent: kept until the server confirms it, so a cast interrupted
 * halfway (the server says "pending") can be finished with the same ballot and secret.
 */
export function storePendingChoice(userId: string, pollId: string, choice: unknown): void {
  try {
    storage()?.setItem(pendingKey(userId, pollId), JSON.stringify(choice));
  } catch {
    // Without storage the voter fills the ballot again; the secret still makes it one ballot.
  }
}

export function pendingChoice(userId: string, pollId: string): unknown {
  const raw = storage()?.getItem(pendingKey(userId, pollId));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

export function clearPendingChoice(userId: string, pollId: string): void {
  try {
    storage()?.removeItem(pendingKey(userId, pollId));
  } catch {
    // nothing kept
  }
}
