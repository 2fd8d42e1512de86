/**
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
