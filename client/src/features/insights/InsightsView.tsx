import { Suspense, useMemo, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can, insightPeriods, type CommunityInsights, type InsightPeriod, type InsightRow, type MyCommunity } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { useSocketQuery } from '../../lib/query';
import { routePath, useNavigateTo, type Route } from '../../lib/route';
import { ErrorLine } from '../../ui/ErrorLine';
import { Tab } from '../../ui/Tab';
import { useCommunityActor } from '../communities/actor';
import type { CommunityData } from '../home/useCommunityData';
import { RowBars, TimeBars } from './charts';
import type { StackSeries } from './InsightsCharts';
import { insightsQuery } from './insightsQueries';
import './insights.css';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
  /** The open item, or null for the list (the analysis has no item pages). */
  itemId: string | null;
}

/** Calendar boundaries are China time on the server; dates are shown the same way wherever the browser is. */
const TIME_ZONE = 'Asia/Shanghai';

const colours = { open: '#7a5200', resolved: '#1d6637', other: '#8d9ca5' } as const;

/** Needs analysis (需求分析): staff only; residents who open the address are told so and nothing is asked of the server. */
export function InsightsView({ mine }: Props) {
  const { t } = useTranslation();
  const actor = useCommunityActor();
  if (!can(actor, 'insights.view')) {
    return (
      <section className="panel" data-testid="insights-view">
        <h2>{t('insights.title')}</h2>
        <p className="notice" role="status" data-testid="insights-staff-only">
          {t('insights.staffOnly')}
        </p>
      </section>
    );
  }
  return <InsightsPanel communityId={mine.community.id} />;
}

function InsightsPanel({ communityId }: { communityId: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [period, setPeriod] = useState<InsightPeriod>('month');
  const query = useSocketQuery(insightsQuery(communityId, period));
  const insights = query.data;
  const time = new Intl.DateTimeFormat(i18n.language, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });

  return (
    <section className="panel insights stack" aria-labelledby="insights-title" data-testid="insights-view">
      <h2 id="insights-title">{t('insights.title')}</h2>
      <p className="muted small">{t('insights.intro')}</p>
      <div className="tabs insights-periods" role="tablist" aria-label={t('insights.period')}>
        {insightPeriods.map((p) => (
          <Tab key={p} testId={`insights-period-${p}`} selected={period === p} onSelect={() => setPeriod(p)}>
            {t(`insights.periods.${p}`)}
          </Tab>
        ))}
      </div>
      <ErrorLine error={query.error && errorText(query.error)} testId="insights-error" />
      {!insights && !query.error && <p className="muted">{t('app.loading')}</p>}
      {insights && (
        <>
          <div className="row between insights-status">
            <p className="muted small" data-testid="insights-computed-at">
              {t('insights.computedAt', { time: time.format(new Date(insights.computedAt)) })}
            </p>
            <button type="button" className="ghost" onClick={() => void query.refetch()} disabled={query.isFetching}>
              {t('insights.refresh')}
            </button>
          </div>
          <Counts insights={insights} />
          <Rising insights={insights} />
          <Repeats insights={insights} communityId={communityId} />
        </>
      )}
    </section>
  );
}

/** open / resolved / other, per row or bucket: the three stacks of a chart. */
function stacks(rows: readonly { total: number; open: number; resolved: number }[], names: { open: string; resolved: string; other: string }): StackSeries[] {
  return [
    { name: names.open, values: rows.map((row) => row.open), color: colours.open },
    { name: names.resolved, values: rows.map((row) => row.resolved), color: colours.resolved },
    { name: names.other, values: rows.map((row) => row.total - row.open - row.resolved), color: colours.other },
  ];
}

function Counts({ insights }: { insights: CommunityInsights }) {
  const { t, i18n } = useTranslation();
  const { totals } = insights;
  const timeLabels = useMemo(() => {
    const format =
      insights.bucket === 'week'
        ? new Intl.DateTimeFormat(i18n.language, { timeZone: TIME_ZONE, month: 'numeric', day: 'numeric' })
        : new Intl.DateTimeFormat(i18n.language, { timeZone: TIME_ZONE, year: '2-digit', month: 'short' });
    return insights.overTime.map((bucket) => format.format(new Date(bucket.from)));
  }, [insights, i18n.language]);
  const timeTitle = t(`insights.overTime.${insights.bucket}`);
  const names = { open: t('insights.columns.open'), resolved: t('insights.columns.resolved'), other: t('insights.other') };

  return (
    <>
      <p className="insights-totals" data-testid="insights-totals" data-total={totals.total}>
        {t('insights.totals', { ...totals })}
      </p>
      {totals.total === 0 ? (
        <p className="muted">{t('insights.none')}</p>
      ) : (
        <>
          <h3>{timeTitle}</h3>
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <TimeBars labels={timeLabels} series={stacks(insights.overTime, names)} label={timeTitle} testId="insights-chart-time" />
          </Suspense>
          <h3>{t('insights.byCategory')}</h3>
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            <RowBars labels={insights.byCategory.map((row) => row.label ?? '')} series={stacks(insights.byCategory, names)} label={t('insights.byCategory')} testId="insights-chart-category" />
          </Suspense>
          <Breakdown rows={insights.byCategory} nameHeader={t('insights.category')} noneLabel="" testId="insights-by-category" caption={t('insights.byCategory')} />
          <h3>{t('insights.byBuilding')}</h3>
          <Breakdown rows={insights.byBuilding} nameHeader={t('insights.building')} noneLabel={t('insights.noBuilding')} testId="insights-by-building" caption={t('insights.byBuilding')} />
          <h3>{t('insights.byOrganisation')}</h3>
          <Breakdown rows={insights.byOrganisation} nameHeader={t('insights.organisation')} noneLabel={t('insights.unassigned')} testId="insights-by-organisation" caption={t('insights.byOrganisation')} />
        </>
      )}
    </>
  );
}

const columns = ['total', 'open', 'resolved', 'overdue'] as const;

/**
 * A breakdown table: a row per category / building / organisation. On a phone (and in
 * elder mode) each row becomes a card with its four figures labelled (insights.css).
 */
function Breakdown({ rows, nameHeader, noneLabel, testId, caption }: { rows: readonly InsightRow[]; nameHeader: string; noneLabel: string; testId: string; caption: string }) {
  const { t } = useTranslation();
  return (
    <table className="insights-table" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{nameHeader}</th>
          {columns.map((column) => (
            <th key={column} scope="col" className="num">
              {t(`insights.columns.${column}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key ?? '-'} data-testid="insights-row" data-key={row.key ?? ''} data-total={row.total}>
            <th scope="row" className={row.key === null ? 'muted' : undefined}>
              {row.key === null ? noneLabel : row.label}
            </th>
            {columns.map((column) => (
              <td key={column} className={column === 'overdue' && row.overdue > 0 ? 'num overdue' : 'num'} data-label={t(`insights.columns.${column}`)} data-column={column}>
                {row[column]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Rising({ insights }: { insights: CommunityInsights }) {
  const { t, i18n } = useTranslation();
  const { rising } = insights;
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  return (
    <section className="stack" aria-labelledby="insights-rising-title" data-testid="insights-rising">
      <h3 id="insights-rising-title">{t('insights.rising.title')}</h3>
      <p className="muted small">{t('insights.rising.explain', { min: rising.minCount })}</p>
      {rising.words.length === 0 ? (
        <p className="muted">{t('insights.rising.none')}</p>
      ) : (
        <table className="insights-table insights-words">
          <thead>
            <tr>
              <th scope="col">{t('insights.rising.word')}</th>
              <th scope="col" className="num">
                {t('insights.rising.now')}
              </th>
              <th scope="col" className="num">
                {t('insights.rising.before')}
              </th>
              <th scope="col" className="num">
                {t('insights.rising.lift')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rising.words.map((word) => (
              <tr key={word.word} data-testid="insights-word" data-word={word.word} data-now={word.now}>
                <th scope="row">{word.word}</th>
                <td className="num" data-label={t('insights.rising.now')}>
                  {word.now}
                </td>
                <td className="num" data-label={t('insights.rising.before')}>
                  {number.format(word.before)}
                </td>
                <td className="num" data-label={t('insights.rising.lift')}>
                  {t('insights.rising.liftValue', { value: number.format(word.lift) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">{t('insights.rising.documents', { now: rising.documents.now, before: number.format(rising.documents.before) })}</p>
    </section>
  );
}

function Repeats({ insights, communityId }: { insights: CommunityInsights; communityId: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigateTo();
  const { repeats } = insights;
  const date = new Intl.DateTimeFormat(i18n.language, { timeZone: TIME_ZONE, month: 'numeric', day: 'numeric' });
  const open = (route: Route) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(route);
  };
  return (
    <section className="stack" aria-labelledby="insights-repeats-title" data-testid="insights-repeats">
      <h3 id="insights-repeats-title">{t('insights.repeats.title')}</h3>
      <p className="muted small">{t('insights.repeats.explain', { days: repeats.windowDays, min: repeats.minReports })}</p>
      {repeats.groups.length === 0 ? (
        <p className="muted">{t('insights.repeats.none', { days: repeats.windowDays })}</p>
      ) : (
        <ul className="insights-repeats">
          {repeats.groups.map((group) => (
            <li key={`${group.categoryId}|${group.place}`} className="insights-repeat" data-testid="insights-repeat" data-count={group.issues.length}>
              <h4>{t('insights.repeats.group', { category: group.categoryName, place: group.place, count: group.issues.length })}</h4>
              <ul className="insights-repeat-issues">
                {group.issues.map((issue) => {
                  const route: Route = { name: 'community', communityId, view: 'issues', channelId: null, issueId: issue.issueId };
                  return (
                    <li key={issue.issueId}>
                      <a href={routePath(route)} onClick={open(route)} data-testid="insights-repeat-issue">
                        {t('insights.repeats.issue', { number: issue.number })}
                      </a>{' '}
                      <span className="badge">{t(`issues.states.${issue.state}`)}</span> <span className="muted small">{date.format(new Date(issue.createdAt))}</span>
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
