import { Router, type NextFunction, type Request, type Response } from 'express';
import { computeIssueFigures, type IssueFigures, type Rate } from '@linli/shared';
import { AppError, parseInput } from '../lib/errors.js';
import { op } from '../lib/db.js';
import { csvDocument } from '../lib/csv.js';
import { readSessionToken } from '../auth/cookies.js';
import type { AuthService } from '../auth/auth.service.js';
import type { Caller } from '../context/caller.js';
import { requireAccess, type AccessDeps } from '../context/access.js';
import type { IssueDoc, IssueEventDoc } from './issue.model.js';
import { figureInputOf } from './presenters.js';
import { z } from 'zod';

type Cell = string | number | null;
const query = z.object({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
const DAY = 24 * 3_600_000;
const iso = (date: Date | null | undefined) => (date ? date.toISOString() : '');
const percent = (rate: Rate) => (rate.value === null ? '' : `${(rate.value * 100).toFixed(1)}%`);

/** The figures section: each figure beside its formula, as on the figures page. */
function figureRows(figures: IssueFigures): Cell[][] {
  const rate = (name: string, formula: string, value: Rate): Cell[] => [name, formula, value.numerator, value.denominator, percent(value)];
  return [
    ['指标 figure', '公式 formula', '分子 numerator', '分母 denominator', '值 value'],
    rate('响应率 response rate', '期限内受理 / 提交 (answered by the response deadline / filed)', figures.responseRate),
    rate('按期办结率 on-time resolution', '期限内办结 / 已办结或已逾期 (resolved by the deadline / resolved or past it)', figures.onTimeResolutionRate),
    rate('居民确认率 resident-confirmed', '居民确认 / 曾办结 (confirmed by the reporter / resolved)', figures.residentConfirmedRate),
    rate('自动确认率 auto-confirmed', '超时自动确认 / 曾办结 (confirmed automatically / resolved)', figures.autoConfirmedRate),
    rate('满意率 satisfaction', '(非常满意 + 满意) / 已评价 ((very satisfied + satisfied) / rated)', figures.satisfactionRate),
    ['响应时长中位数（小时）median response hours', '提交到首次处理 (filed to first answer)', null, null, figures.medianResponseHours],
    ['办结时长中位数（小时）median resolution hours', '提交到办结 (filed to resolved)', null, null, figures.medianResolutionHours],
  ];
}

/**
 * GET /api/communities/:communityId/issues.csv?from&to — the community's problem
 * reports for staff, with their public timelines and the period's figures.
 * No phone numbers, and no internal notes (an exported file travels further than the app).
 */
export function issueExportRoutes(deps: AccessDeps & { auth: Pick<AuthService, 'resolveSession'>; clock: () => Date }) {
  const router = Router();
  router.get('/:communityId/issues.csv', (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      const session = await deps.auth.resolveSession(readSessionToken(req.headers.cookie));
      if (!session) throw new AppError('UNAUTHENTICATED', 'Please sign in');
      const caller: Caller = { userId: session.user.id, sessionId: session.sessionId, displayName: session.user.displayName, isPlatformAdmin: session.user.isPlatformAdmin };
      const communityId = parseInput(z.string().regex(/^[a-f0-9]{24}$/), req.params.communityId);
      await requireAccess(deps, caller, communityId, 'issue.export');
      const period = parseInput(query, req.query);
      const now = deps.clock();
      const to = period.to ? new Date(period.to) : now;
      const from = period.from ? new Date(period.from) : new Date(to.getTime() - 365 * DAY);
      const issues = (await deps.models.Issue.find({ communityId, createdAt: op({ $gte: from, $lt: to }) }).sort({ number: 1 }).lean()) as IssueDoc[];
      const events = issues.length
        ? ((await deps.models.IssueEvent.find({ issueId: op({ $in: issues.map((issue) => issue._id) }), internal: false }).sort({ at: 1 }).lean()) as IssueEventDoc[])
        : [];
      const byIssue = new Map<string, IssueEventDoc[]>();
      for (const event of events) byIssue.set(event.issueId.toString(), [...(byIssue.get(event.issueId.toString()) ?? []), event]);

      const rows: Cell[][] = [
        ['编号 number', '标题 title', '分类 category', '状态 state', '位置 location', '反映人 reporter', '代填 filed by', '提交 filed', '受理期限 respond by', '办结期限 resolve by', '督办级别 overdue level', '承办单位 organisations', '支持数 supporters', '评价 rating', '评价说明 rating comment', '自动确认 auto-confirmed', '时间线 timeline'],
      ];
      for (const issue of issues) {
        const timeline = (byIssue.get(issue._id.toString()) ?? [])
          .map((event) => `${iso(event.at)} ${event.kind}${event.action ? `:${event.action}` : ''} ${event.actorName}${event.text ? `: ${event.text}` : ''}`)
          .join('\n');
        const location = [issue.location.building, issue.location.unit, issue.location.text].filter(Boolean).join(' ');
        const organisations = [...issue.assignments].sort((a, b) => Number(b.lead) - Number(a.lead)).map((assignment) => assignment.organisationName).join('、');
        rows.push([
          issue.number,
          issue.title,
          issue.categoryName,
          issue.state,
          location,
          issue.reporterName,
          issue.filedByName ?? '',
          iso(issue.createdAt),
          iso(issue.respondBy),
          iso(issue.resolveBy),
          issue.overdueLevel ?? 0,
          organisations,
          issue.supportCount ?? 0,
          issue.rating ?? '',
          issue.ratingComment ?? '',
          issue.autoConfirmed ? 'yes' : '',
          timeline,
        ]);
      }
      const inputs = issues.map((issue) => figureInputOf(issue, byIssue.get(issue._id.toString()) ?? []));
      rows.push([], [`统计期 period ${from.toISOString()} – ${to.toISOString()}`], ...figureRows(computeIssueFigures(inputs, from.toISOString(), to.toISOString(), now.toISOString())));

      res.set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="issues-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv"`,
        'Cache-Control': 'private, no-store',
      });
      res.send(csvDocument(rows));
    })().catch(next);
  });
  return router;
}
