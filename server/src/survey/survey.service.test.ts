import { describe, expect, it } from 'vitest';
import { studyTemplate, type SurveyAnswers } from '@linli/shared';
import { checkAnswers, phaseOf } from './survey.service.js';

const at = (iso: string) => new Date(iso);
const answers = (over: Partial<SurveyAnswers>): SurveyAnswers => ({ demographics: {}, awareness: {}, items: {}, choices: {}, ...over });

describe('survey phase by the clock', () => {
  const window = { opensAt: at('2026-12-01T00:00:00Z'), closesAt: at('2026-12-15T00:00:00Z') };
  it('draft, scheduled until opensAt, open until closesAt (exclusive), then closed', () => {
    expect(phaseOf({ status: 'draft', ...window }, at('2026-12-05T00:00:00Z'))).toBe('draft');
    expect(phaseOf({ status: 'published', ...window }, at('2026-11-30T23:59:59Z'))).toBe('scheduled');
    expect(phaseOf({ status: 'published', ...window }, at('2026-12-01T00:00:00Z'))).toBe('open');
    expect(phaseOf({ status: 'published', ...window }, at('2026-12-14T23:59:59Z'))).toBe('open');
    expect(phaseOf({ status: 'published', ...window }, at('2026-12-15T00:00:00Z'))).toBe('closed');
  });
});

describe('answers checked against the questionnaire', () => {
  const definition = {
    ...studyTemplate.definition,
    questions: [{ id: 'floor', kind: 'single' as const, 'zh-CN': '楼层', en: '', options: [{ id: 'low', 'zh-CN': '低', en: '' }, { id: 'high', 'zh-CN': '高', en: '' }] }],
  };
  const refused = (a: SurveyAnswers) => {
    try {
      checkAnswers(definition, a);
      return null;
    } catch (err) {
      return (err as { extra?: { issues?: { path: string }[] } }).extra?.issues?.map((i) => i.path) ?? (err as Error).message;
    }
  };
  it('accepts known ids and options, skipped questions included', () => {
    expect(refused(answers({ items: { q1: 5 }, demographics: { gender: 'female' }, choices: { floor: ['low'] } }))).toBeNull();
  });
  it('refuses unknown items and options, two picks for a single choice, and an empty response', () => {
    expect(refused(answers({ items: { q99: 3 } }))).toEqual(['answers.items.q99']);
    expect(refused(answers({ demographics: { gender: 'alien' } }))).toEqual(['answers.demographics.gender']);
    expect(refused(answers({ choices: { floor: ['low', 'high'] } }))).toEqual(['answers.choices.floor']);
    expect(refused(answers({ choices: { floor: ['up'] } }))).toEqual(['answers.choices.floor']);
    expect(refused(answers({ awareness: { 'community-name': '   ' } }))).toEqual(['answers']);
  });
});
