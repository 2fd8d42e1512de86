/**
 * Cursors for lists ordered newest first by a time and then by _id (both descending):
 * the next page starts strictly after the last item seen in that total order, so items
 * added meanwhile (newer, so ahead of the cursor) neither shift nor repeat a page.
 */
import { objectId, op } from './db.js';

/**
 * `base` narrowed to what sorts after (`before`, `beforeId`) in { [field]: -1, _id: -1 }.
 * Without `beforeId` (older callers) it is everything strictly older than `before`.
 */
export function olderThan(base: Record<string, unknown>, field: string, before?: string, beforeId?: string): Record<string, unknown> {
  if (!before) return base;
  const at = new Date(before);
  if (!beforeId) return { ...base, [field]: op({ $lt: at }) };
  // Every operator object is marked trusted: sanitizeFilter looks at each one on its own.
  return { ...base, $or: [{ [field]: op({ $lt: at }) }, { [field]: at, _id: op({ $lt: objectId(beforeId) }) }] };
}
