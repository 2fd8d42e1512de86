import { csvColumns, studyTemplate, templateOf, writeResponsesCsv, type SurveyResponse } from '@linli/shared';
import type { LinliApp } from '../app.js';
import type { Models } from '../models.js';
import { DEMO_COMMUNITY, demoCallers } from './demo.js';

const DAY = 24 * 3_600_000;

/** 30 paper questionnaires of the study's questionnaire, the same every run (a small deterministic generator). */
export function demoPaperResponses(count = 30): SurveyResponse[] {
  let seed = 20241206;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  // Each section leans its own way, as in the study: outcomes and responsibility high, hard infrastructure and actors lower.
  const lean: Record<string, number> = { outcomes: 3.9, responsibility: 4.2, soft: 3.6, hard: 3.3, actors: 3.1 };
  const ages = ['18-30', '31-50', '31-50', '51-65', '51-65', '66plus'];
  const education = ['secondary-or-below', 'junior-college', 'bachelor', 'bachelor', 'master-plus'];
  const incomes = ['18k-30k', '30k-50k', '50k-80k', 'gt80k'];
  return Array.from({ length: count }, (_, r) => {
    const answers: Record<string, number> = {};
    for (const d of studyTemplate.definition.dimensions) {
      for (const item of d.items) {
        if (next() < 0.03) continue; // now and then a skipped item
        answers[item.id] = Math.min(5, Math.max(1, Math.round(lean[d.id]! + (next() - 0.5) * 2.6)));
      }
    }
    return {
      respondent: `P${String(r + 1).padStart(3, '0')}`,
      demographics: { gender: r % 2 ? 'male' : 'female', age: ages[r % ages.length]!, education: education[r % education.length]!, income: incomes[r % incomes.length]! },
      awareness: { 'community-name': r % 3 === 2 ? '' : '桃源社区', 'compound-name': r % 2 ? '桃源居' : '' },
      answers,
    };
  });
}

/**
 * Surveys in the demo community, through the real services: a closed first wave of the
 * study's questionnaire with 30 paper questionnaires imported through the CSV import (the
 * path staff use), and its second wave open for two weeks, for residents to answer (the
 * results compare the two item by item). Returns the two ids, or null when the demo
 * community is missing or already has them.
 */
export async function seedDemoSurveys(models: Models, app: LinliApp): Promise<{ closedId: string; openId: string } | null> {
  const community = await models.Community.findOne({ inviteCode: DEMO_COMMUNITY.inviteCode }).lean();
  if (!community) return null;
  const communityId = community._id.toString();
  if (await models.Survey.exists({ communityId, templateId: studyTemplate.id })) return null;
  const { surveys } = app.services;
  const [, worker] = await demoCallers(models);

  const now = Date.now();
  const first = await surveys.create(worker, {
    communityId,
    template: 'study',
    previousWaveId: null,
    title: { 'zh-CN': '社区治理共同体建设评价问卷（第一轮，纸质）', en: 'Community governance survey (wave 1, paper)' },
    description: '入户发放的纸质问卷，由社工录入。',
    audience: 'members',
    anonymous: true,
    opensAt: new Date(now + 60_000).toISOString(),
    closesAt: new Date(now + DAY).toISOString(),
    clientId: 'demo-survey-wave-1',
  });
  const published = await surveys.publish(worker, { surveyId: first.id, version: first.version });
  const template = templateOf({ id: studyTemplate.id, title: studyTemplate.title, definition: studyTemplate.definition });
  const csv = writeResponsesCsv(template, demoPaperResponses());
  if (csvColumns(template)[0] !== 'respondent') throw new Error('unexpected CSV format');
  const report = await surveys.importCsv(worker, published.id, csv, false);
  if (report.stored !== 30) throw new Error(`demo survey import stored ${report.stored}: ${JSON.stringify(report.invalid.slice(0, 3))}`);
  await surveys.close(worker, { surveyId: published.id });

  const second = await surveys.create(worker, {
    communityId,
    template: null,
    previousWaveId: published.id,
    title: { 'zh-CN': '社区治理共同体建设评价问卷（第二轮）', en: 'Community governance survey (wave 2)' },
    description: '请根据您的真实感受作答，约需 5 分钟。问卷匿名，结果用于改进社区工作。',
    audience: 'members',
    anonymous: true,
    closesAt: new Date(now + 14 * DAY).toISOString(),
    clientId: 'demo-survey-wave-2',
  });
  const open = await surveys.publish(worker, { surveyId: second.id, version: second.version });
  return { closedId: published.id, openId: open.id };
}
