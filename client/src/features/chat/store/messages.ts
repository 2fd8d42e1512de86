/** Pure helpers over message lists and ids. */
import type { Message } from '@linli/shared';

/** The later of two ISO timestamps (null is "none yet"). */
export const later = (first: string | null, second: string | null): string | null =>
  !first ? second : !second ? first : first > second ? first : second;

/** Inserts or replaces by id, keeping ascending seq; never lets an older copy win. */
export function upsertSorted(list: Message[], message: Message): Message[] {
  const index = list.findIndex((item) => item.id === message.id);
  if (index !== -1) {
    const old = list[index]!;
    if (old.updatedAt > message.updatedAt) return list;
    const next = list.slice();
    next[index] = message;
    return next;
  }
  const next = list.slice();
  let at = next.length;
  while (at > 0 && next[at - 1]!.seq > message.seq) at--;
  next.splice(at, 0, message);
  return next;
}

export function newClientId(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; plain http on a LAN address still has getRandomValues.
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
