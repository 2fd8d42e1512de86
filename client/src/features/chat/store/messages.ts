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

export { newClientId } from '../../../lib/clientId';
