/**
 * A channel's catch-up cursor as a client keeps it. Messages can arrive out of seq
 * order (two server nodes write at once), so "the highest seq I hold" is no place to
 * catch up from: a message still in flight below it would be skipped for good.
 * `settled` is the highest seq up to which every seq is held or will never hold a
 * message; `heldAbove` are the seqs held beyond it.
 */
export interface CatchUpCursor {
  settled: number;
  heldAbove: number[];
}

/** Records seqs as held and moves the cursor over every gap that closed; `through` is a server's word that nothing more comes up to it. */
export function advanceCursor(cursor: CatchUpCursor, seqs: Iterable<number>, through = 0): CatchUpCursor {
  let settled = Math.max(cursor.settled, through);
  const above = new Set(cursor.heldAbove.filter((x) => x > settled));
  for (const x of seqs) if (x > settled) above.add(x);
  while (above.has(settled + 1)) above.delete(++settled);
  return { settled, heldAbove: [...above].sort((a, b) => a - b) };
}
