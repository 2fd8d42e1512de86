import { describe, expect, it } from 'vitest';
import { answerMs, prizeForRank, rankAttempts, scoreAnswer } from './quiz.js';

describe('quiz scoring', () => {
  const single = { correct: [1], points: 10 };
  const multiple = { correct: [2, 0], points: 20 };

  it('scores exactly the correct options, multiple choice all or nothing', () => {
    expect(scoreAnswer(single, [1], false)).toBe(10);
    expect(scoreAnswer(single, [0], false)).toBe(0);
    expect(scoreAnswer(single, [], false)).toBe(0);
    expect(scoreAnswer(multiple, [0, 2], false)).toBe(20);
    expect(scoreAnswer(multiple, [2, 0, 0], false)).toBe(20);
    expect(scoreAnswer(multiple, [0], false)).toBe(0);
    expect(scoreAnswer(multiple, [0, 1, 2], false)).toBe(0);
  });

  it('a late answer scores 0 even when correct', () => {
    expect(scoreAnswer(single, [1], true)).toBe(0);
  });

  it('time is capped at the deadline', () => {
    expect(answerMs(1000, 4000, 21_000)).toBe(3000);
    expect(answerMs(1000, 30_000, 21_000)).toBe(20_000);
    expect(answerMs(1000, 500, 21_000)).toBe(0);
  });

  it('ranks by points, then less time, then earlier finish', () => {
    const ranked = rankAttempts([
      { name: 'a', score: 20, totalMs: 9000, finishOrder: 1 },
      { name: 'b', score: 30, totalMs: 50_000, finishOrder: 2 },
      { name: 'c', score: 20, totalMs: 8000, finishOrder: 3 },
      { name: 'd', score: 20, totalMs: 8000, finishOrder: 4 },
    ]);
    expect(ranked.map((r) => r.name)).toEqual(['b', 'c', 'd', 'a']);
  });

  it('a rank takes the first band that holds it', () => {
    const bands = [
      { fromRank: 1, toRank: 1, name: '一等奖' },
      { fromRank: 2, toRank: 3, name: '二等奖' },
    ];
    expect(prizeForRank(bands, 1)).toBe('一等奖');
    expect(prizeForRank(bands, 3)).toBe('二等奖');
    expect(prizeForRank(bands, 4)).toBeNull();
  });
});
