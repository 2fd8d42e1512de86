import { describe, expect, it } from 'vitest';
import { decisionProgress, decisionStateOf, itemStateAfterProgress, ratingScore } from './types.js';

describe('decisionProgress', () => {
  it('is the mean of the items, done counted as 100, abandoned left out, rounded', () => {
    expect(decisionProgress([])).toBe(0);
    expect(decisionProgress([{ state: 'in_progress', progress: 40 }, { state: 'planned', progress: 0 }])).toBe(20);
    expect(decisionProgress([{ state: 'done', progress: 70 }, { state: 'in_progress', progress: 33 }])).toBe(67);
    expect(decisionProgress([{ state: 'abandoned', progress: 90 }, { state: 'in_progress', progress: 10 }])).toBe(10);
    expect(decisionProgress([{ state: 'abandoned', progress: 90 }])).toBe(0);
  });
});

describe('decisionStateOf', () => {
  it('done only when it has items that are not abandoned and all of them are done', () => {
    expect(decisionStateOf([])).toBe('in_progress');
    expect(decisionStateOf([{ state: 'abandoned' }])).toBe('in_progress');
    expect(decisionStateOf([{ state: 'done' }, { state: 'abandoned' }])).toBe('done');
    expect(decisionStateOf([{ state: 'done' }, { state: 'planned' }])).toBe('in_progress');
  });
});

describe('itemStateAfterProgress', () => {
  it('100 is done, anything above 0 is in progress, 0 leaves a planned item planned', () => {
    expect(itemStateAfterProgress('planned', 0)).toBe('planned');
    expect(itemStateAfterProgress('planned', 5)).toBe('in_progress');
    expect(itemStateAfterProgress('in_progress', 100)).toBe('done');
    expect(itemStateAfterProgress('done', 80)).toBe('in_progress');
    expect(itemStateAfterProgress('in_progress', 0)).toBe('in_progress');
  });

  it('the rating scale runs from 5 (very satisfied) to 1', () => {
    expect(Object.values(ratingScore)).toEqual([5, 4, 3, 2, 1]);
  });
});
