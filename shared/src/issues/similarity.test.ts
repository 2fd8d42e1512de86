import { describe, expect, it } from 'vitest';
import { bigramsOf, issueSimilarity, similarityOf } from './similarity.js';

describe('similar issues by character bigrams', () => {
  it('splits Chinese into overlapping pairs and keeps Latin words whole', () => {
    expect([...bigramsOf('路灯坏了')]).toEqual(['路灯', '灯坏', '坏了']);
    expect([...bigramsOf('3栋 Elevator 坏')]).toEqual(['3', '栋', 'elevator', '坏']);
  });

  it('finds the same problem said differently', () => {
    const existing = { title: '3栋门口路灯坏了', description: '晚上很黑，老人出门不安全' };
    expect(issueSimilarity({ title: '三栋门口的路灯不亮', description: '' }, existing)).toBeGreaterThan(0.3);
    expect(issueSimilarity({ title: '小区垃圾桶满了没人清理', description: '' }, existing)).toBeLessThan(0.15);
  });

  it('is 1 for the same text and 0 for nothing shared', () => {
    expect(similarityOf(bigramsOf('电梯故障'), bigramsOf('电梯故障'))).toBe(1);
    expect(similarityOf(bigramsOf('电梯'), bigramsOf('停车'))).toBe(0);
    expect(similarityOf(new Set(), bigramsOf('停车'))).toBe(0);
  });
});
