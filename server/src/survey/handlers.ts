import { capability } from '../capability.js';
import type { SurveyService } from './survey.service.js';

export const surveyCapability = (surveys: SurveyService) =>
  capability('survey', {
    'survey:list': (caller, input) => surveys.list(caller, input),
    'survey:get': (caller, input) => surveys.get(caller, input),
    'survey:create': (caller, input) => surveys.create(caller, input),
    'survey:update': (caller, input) => surveys.update(caller, input),
    'survey:publish': (caller, input) => surveys.publish(caller, input),
    'survey:close': (caller, input) => surveys.close(caller, input),
    'survey:submit': (caller, input) => surveys.submit(caller, input),
    'survey:enterFor': (caller, input) => surveys.enterFor(caller, input),
    'survey:results': (caller, input) => surveys.results(caller, input),
  });
