import { describe, expect, it } from 'vitest';
import { advanceCursor } from './cursor.js';

const start = { settled: 0, heldAbove: [] };

describe('catch-up cursor', () => {
  it('moves over consecutive seqs', () => {
    expect(advanceCursor(start, [1, 2, 3])).toEqual({ settled: 3, heldAbove: [] });
  });

  it('stays below a seq that arrived late and moves once it arrives', () => {
    const c = advanceCursor(start, [1, 3, 4]);
    expect(c).toEqual({ settled: 1, heldAbove: [3, 4] });
    expect(advanceCursor(c, [2])).toEqual({ settled: 4, heldAbove: [] });
  });

  it('takes the server’s word that a gap never fills', () => {
    const c = advanceCursor(start, [1, 3, 5]);
    expect(advanceCursor(c, [], 3)).toEqual({ settled: 3, heldAbove: [5] });
    expect(advanceCursor(c, [4], 3)).toEqual({ settled: 5, heldAbove: [] });
  });

  it('never moves backwards', () => {
    expect(advanceCursor({ settled: 9, heldAbove: [11] }, [2, 5], 4)).toEqual({ settled: 9, heldAbove: [11] });
  });
});
