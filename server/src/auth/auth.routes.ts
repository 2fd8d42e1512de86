import { Router, type Request, type Response, type NextFunction } from 'express';
import { ok, schemas } from '@linli/shared';
import { AppError, parseInput } from '../lib/errors.js';
import type { AuthService } from './auth.service.js';
import type { Notifier } from '../realtime/notifier.js';
import { SESSION_COOKIE, readSessionToken } from './cookies.js';

type Handler = (req: Request, res: Response) => Promise<void>;
const wrap = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => handler(req, res).catch(next);

export function authRoutes(deps: { auth: AuthService; notify: Notifier; secureCookies: boolean; sessionTtlDays: number }) {
  const { auth } = deps;
  const router = Router();
  const ip = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

  router.post(
    '/request-code',
    wrap(async (req, res) => {
      const input = parseInput(schemas.auth.requestCode, req.body);
      res.json(ok(await auth.requestCode(input.phone, ip(req))));
    }),
  );

  router.post(
    '/verify',
    wrap(async (req, res) => {
      const input = parseInput(schemas.auth.verifyCode, req.body);
      const result = await auth.verifyCode(input, ip(req), req.get('user-agent') ?? '');
      res.cookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        path: '/',
        maxAge: deps.sessionTtlDays * 86400_000,
      });
      res.json(ok({ user: result.user, isNew: result.isNew }));
    }),
  );

  router.post(
    '/logout',
    wrap(async (req, res) => {
      const session = await auth.resolveSession(readSessionToken(req.headers.cookie));
      if (session) {
        await auth.endSession(session.sessionId);
        deps.notify.endSessions({ sessionId: session.sessionId }, 'logout');
      }
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.json(ok({}));
    }),
  );

  router.get(
    '/me',
    wrap(async (req, res) => {
      const session = await auth.resolveSession(readSessionToken(req.headers.cookie));
      if (!session) throw new AppError('UNAUTHENTICATED', 'Please sign in');
      res.json(ok({ user: await auth.me(session.user.id) }));
    }),
  );

  return router;
}
