import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError, parseInput } from '../lib/errors.js';
import { readSessionToken } from '../auth/cookies.js';
import type { AuthService } from '../auth/auth.service.js';
import type { Caller } from '../context/caller.js';
import type { PollService } from './poll.service.js';

/**
 * GET /api/polls/:pollId/export — the recount file: exactly what
 * `npm run poll -- count --file` reads, ballots sorted (never in storage or vote
 * order), no voter identities. Members of the poll's community; a sealed poll
 * only once it closed.
 */
export function pollRoutes(deps: { auth: Pick<AuthService, 'resolveSession'>; polls: Pick<PollService, 'exportFile'> }) {
  const router = Router();
  router.get('/:pollId/export', (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      const session = await deps.auth.resolveSession(readSessionToken(req.headers.cookie));
      if (!session) throw new AppError('UNAUTHENTICATED', 'Please sign in');
      const caller: Caller = { userId: session.user.id, sessionId: session.sessionId, displayName: session.user.displayName, isPlatformAdmin: session.user.isPlatformAdmin };
      const pollId = parseInput(z.string().regex(/^[a-f0-9]{24}$/), req.params.pollId);
      const file = await deps.polls.exportFile(caller, pollId);
      res.setHeader('Content-Disposition', `attachment; filename="poll-${pollId}.json"`);
      res.setHeader('Cache-Control', 'no-store');
      res.type('application/json').send(`${JSON.stringify(file, null, 2)}\n`);
    })().catch(next);
  });
  return router;
}
