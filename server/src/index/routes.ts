import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { indexComponentKeys, monthPattern } from '@linli/shared';
import { AppError, parseInput } from '../lib/errors.js';
import { csvDocument } from '../lib/csv.js';
import { readSessionToken } from '../auth/cookies.js';
import type { AuthService } from '../auth/auth.service.js';
import type { Caller } from '../context/caller.js';
import type { IndexService } from './index.service.js';

const componentLabels: Record<(typeof indexComponentKeys)[number], string> = {
  response: '响应率 response',
  onTimeResolution: '按期办结率 on-time resolution',
  residentConfirmed: '居民确认率 resident-confirmed',
  satisfaction: '满意率 satisfaction',
  participation: '参与广度 participation',
  deliberation: '先议后决 deliberation before decision',
  followThrough: '决议落实 follow-through',
  survey: '问卷总分 survey',
};

/**
 * GET /api/index/:regionId/:month.csv — a street's or district's ranking for a
 * month: one row per community (published figures where published), every
 * component's score with its numerator and denominator. Its overseers only.
 */
export function indexRoutes(deps: { auth: Pick<AuthService, 'resolveSession'>; index: Pick<IndexService, 'exportRows'> }) {
  const router = Router();
  router.get('/:regionId/:month.csv', (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      const session = await deps.auth.resolveSession(readSessionToken(req.headers.cookie));
      if (!session) throw new AppError('UNAUTHENTICATED', 'Please sign in');
      const caller: Caller = { userId: session.user.id, sessionId: session.sessionId, displayName: session.user.displayName, isPlatformAdmin: session.user.isPlatformAdmin };
      const regionId = parseInput(z.string().regex(/^[a-f0-9]{24}$/), req.params.regionId);
      const month = parseInput(z.string().regex(monthPattern), req.params.month);
      const { region, rows } = await deps.index.exportRows(caller, regionId, month);
      const header = ['排名 rank', '社区 community', '街道 street', '月份 month', '总分 total', '已发布 published', '最弱项 weakest', '事件数 events', '成员 members'];
      for (const key of indexComponentKeys) header.push(componentLabels[key], `${key} numerator`, `${key} denominator`);
      const body = rows.map((row) => {
        const f = row.figures;
        const cells: (string | number | null)[] = [row.rank, f.communityName, row.streetName, f.month, f.enoughData ? f.total : '数据不足 not enough data', row.published ? row.publishedAt : '', f.weakest, f.events, f.members];
        for (const key of indexComponentKeys) {
          const part = f.components.find((c) => c.key === key);
          cells.push(part?.value ?? null, part?.numerator ?? 0, part?.denominator ?? 0);
        }
        return cells;
      });
      res.set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="index-${region.id}-${month}.csv"`,
        'Cache-Control': 'no-store',
      });
      res.send(csvDocument([header, ...body]));
    })().catch(next);
  });
  return router;
}
