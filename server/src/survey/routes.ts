import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { SURVEY_LIMITS } from '@linli/shared';
import { AppError, parseInput } from '../lib/errors.js';
import { readSessionToken } from '../auth/cookies.js';
import type { AuthService } from '../auth/auth.service.js';
import type { Caller } from '../context/caller.js';
import type { SurveyService } from './survey.service.js';

/**
 * Surveys over HTTP (files, too large for a socket frame):
 *   GET  /api/surveys/:surveyId/export    the counted responses as CSV in the import format (staff)
 *   GET  /api/surveys/:surveyId/template  the questionnaire as `npm run survey -- score --template` reads it
 *   POST /api/surveys/:surveyId/import    a CSV of paper questionnaires (text/csv body; ?dryRun=1 only checks):
 *                                         answers the validation report; nothing is stored when any row is bad
 */
export function surveyRoutes(deps: { auth: Pick<AuthService, 'resolveSession'>; surveys: Pick<SurveyService, 'exportCsv' | 'templateFile' | 'importCsv'> }) {
  const router = Router();
  const surveyId = z.string().regex(/^[a-f0-9]{24}$/);

  const callerOf = async (req: Request): Promise<Caller> => {
    const session = await deps.auth.resolveSession(readSessionToken(req.headers.cookie));
    if (!session) throw new AppError('UNAUTHENTICATED', 'Please sign in');
    return { userId: session.user.id, sessionId: session.sessionId, displayName: session.user.displayName, isPlatformAdmin: session.user.isPlatformAdmin };
  };
  const route = (handle: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => void handle(req, res).catch(next);

  router.get(
    '/:surveyId/export',
    route(async (req, res) => {
      const caller = await callerOf(req);
      const id = parseInput(surveyId, req.params.surveyId);
      const { csv, number } = await deps.surveys.exportCsv(caller, id);
      res.setHeader('Content-Disposition', `attachment; filename="survey-${number}-${id}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      res.type('text/csv; charset=utf-8').send(csv);
    }),
  );

  router.get(
    '/:surveyId/template',
    route(async (req, res) => {
      const caller = await callerOf(req);
      const id = parseInput(surveyId, req.params.surveyId);
      const template = await deps.surveys.templateFile(caller, id);
      res.setHeader('Content-Disposition', `attachment; filename="survey-template-${id}.json"`);
      res.setHeader('Cache-Control', 'no-store');
      res.type('application/json').send(`${JSON.stringify(template, null, 2)}\n`);
    }),
  );

  router.post(
    '/:surveyId/import',
    express.text({ type: ['text/csv', 'text/plain'], limit: SURVEY_LIMITS.importBytes }),
    route(async (req, res) => {
      const caller = await callerOf(req);
      const id = parseInput(surveyId, req.params.surveyId);
      if (typeof req.body !== 'string') throw new AppError('VALIDATION_FAILED', 'Send the CSV as the request body (Content-Type: text/csv)');
      const dryRun = req.query.dryRun === '1' || req.query.dryRun === 'true';
      const report = await deps.surveys.importCsv(caller, id, req.body, dryRun);
      res.json({ ok: true, data: report });
    }),
  );
  return router;
}
