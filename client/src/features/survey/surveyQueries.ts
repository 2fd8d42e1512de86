/** Surveys in the query cache. Keys start with ['surveys', communityId] so one prefix reaches every survey query of a community. */
import { queryOptions } from '@tanstack/react-query';
import type { Bilingual, EventResults, Survey, SurveyPhase } from '@linli/shared';
import { requestData, socketQueryFn } from '../../lib/query';

export type SurveyListData = EventResults['survey:list'];
export type SurveyDetail = EventResults['survey:get'];

export const surveyKeys = {
  all: (communityId: string) => ['surveys', communityId] as const,
  list: (communityId: string) => ['surveys', communityId, 'list'] as const,
  detail: (communityId: string, surveyId: string) => ['surveys', communityId, 'detail', surveyId] as const,
  results: (communityId: string, surveyId: string) => ['surveys', communityId, 'results', surveyId] as const,
};

/** Surveys per page of the list (it loads more as you scroll). */
export const SURVEY_PAGE = 20;

export const surveyListQuery = (communityId: string) =>
  queryOptions({ queryKey: surveyKeys.list(communityId), queryFn: socketQueryFn('survey:list', { communityId, limit: SURVEY_PAGE }) });

/** The page after `last` (numbers only grow, so new surveys never shift it). */
export const surveyPageAfter = (communityId: string, last: Survey) => requestData('survey:list', { communityId, beforeNumber: last.number, limit: SURVEY_PAGE });

/** Joins a further page's "answered" marks onto the list. */
export const mergeSurveyPage = (list: SurveyListData, page: SurveyListData): SurveyListData => ({ ...list, answered: [...new Set([...list.answered, ...page.answered])] });

export const surveyQuery = (communityId: string, surveyId: string) =>
  queryOptions({ queryKey: surveyKeys.detail(communityId, surveyId), queryFn: socketQueryFn('survey:get', { surveyId }) });

export const surveyResultsQuery = (communityId: string, surveyId: string) =>
  queryOptions({ queryKey: surveyKeys.results(communityId, surveyId), queryFn: socketQueryFn('survey:results', { surveyId }) });

/** The label in the interface language (Chinese when the survey has no English). */
export const labelOf = (text: Bilingual, language: string): string => (language.startsWith('en') && text.en ? text.en : text['zh-CN']);

/** The phase by this device's clock (a survey opens and closes by time; no push is needed for it). */
export function phaseNow(survey: Pick<Survey, 'status' | 'opensAt' | 'closesAt'>, now = Date.now()): SurveyPhase {
  if (survey.status === 'draft') return 'draft';
  if (now < Date.parse(survey.opensAt)) return 'scheduled';
  return now < Date.parse(survey.closesAt) ? 'open' : 'closed';
}
