/** The study's questionnaire (community-survey.json), the ready template: "use the template" starts a draft from it. */
import raw from './community-survey.json' with { type: 'json' };
import type { Bilingual, SurveyDefinition } from './types.js';

const bilingual = (x: { 'zh-CN': string; en: string }): Bilingual => ({ 'zh-CN': x['zh-CN'], en: x.en });

/** The study's questionnaire as a survey's questionnaire (both languages), with its template id and title. */
export const studyTemplate: { id: string; title: Bilingual; definition: SurveyDefinition } = {
  id: raw.id,
  title: bilingual(raw.title),
  definition: {
    scale: { options: raw.scale.options.map((o) => ({ value: o.value, score: o.score, ...bilingual(o) })) },
    demographics: raw.demographics.map((d) => ({ id: d.id, ...bilingual(d), options: d.options.map((o) => ({ id: o.id, ...bilingual(o) })) })),
    awareness: raw.awareness.map((a) => ({ id: a.id, ...bilingual(a), kind: 'text' as const })),
    dimensions: raw.dimensions.map((d) => ({ id: d.id, ...bilingual(d), items: d.items.map((i) => ({ id: i.id, ...bilingual(i) })) })),
    questions: [],
  },
};
