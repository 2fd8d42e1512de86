import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Organisation, type Rate } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { useSocketQuery } from '../../lib/query';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextField } from '../../ui/TextField';
import { useCommunityActor } from '../communities/actor';
import { figuresQuery } from './issueQueries';
import { issuesCsvUrl } from './photoApi';

const BarFigure = lazy(() => import('./FigureCharts'));

const rates = ['responseRate', 'onTimeResolutionRate', 'residentConfirmedRate', 'autoConfirmedRate', 'satisfactionRate'] as const;
const medians = ['medianResponseHours', 'medianResolutionHours'] as const;

/** yyyy-mm-dd of a local day, `offset` days from today. */
function day(offset: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
/** Start of a local day as ISO; `next` gives the start of the day after (an inclusive end). */
const startOf = (value: string, next = false) => {
  const d = new Date(`${value}T00:00:00`);
  if (next) d.setDate(d.getDate() + 1);
  return d.toISOString();
};

/** Staff figures for a period (last 30 days by default), each beside its formula in words; the CSV export. */
export function FiguresView({ communityId, organisations }: { communityId: string; organisations: readonly Organisation[] | null }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const actor = useCommunityActor();
  const [from, setFrom] = useState(() => day(-30));
  const [to, setTo] = useState(() => day(0));
  const valid = from !== '' && to !== '' && from <= to;
  const query = useSocketQuery({ ...figuresQuery(communityId, valid ? startOf(from) : '', valid ? startOf(to, true) : ''), enabled: valid });
  const figures = query.data;
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });

  const rateText = (rate: Rate) =>
    rate.value === null ? t('issues.figures.none') : t('issues.figures.rateValue', { percent: percent.format(rate.value), numerator: rate.numerator, denominator: rate.denominator });

  const categoryChart = useMemo(
    () => (figures ? { labels: figures.byCategory.map((row) => row.name), series: [{ name: t('issues.figures.byCategory'), values: figures.byCategory.map((row) => row.filed), color: '#1c5d7a' }] } : null),
    [figures, t],
  );
  const organisationChart = useMemo(() => {
    if (!figures) return null;
    const names = new Map((organisations ?? []).map((org) => [org.id, org.name]));
    return {
      labels: figures.byOrganisation.map((row) => names.get(row.organisationId) ?? row.organisationId),
      series: [
        { name: t('issues.figures.assigned'), values: figures.byOrganisation.map((row) => row.assigned), color: '#8d9ca5' },
        { name: t('issues.figures.resolvedOnTime'), values: figures.byOrganisation.map((row) => row.resolvedOnTime), color: '#1d6637' },
      ],
    };
  }, [figures, organisations, t]);

  return (
    <section className="panel" aria-labelledby="figures-title" data-testid="issue-figures">
      <div className="row between">
        <h2 id="figures-title">{t('issues.tabs.figures')}</h2>
        {can(actor, 'issue.export') && (
          <a className="button-link secondary" href={issuesCsvUrl(communityId)} download data-testid="issues-csv">
            {t('issues.page.exportCsv')}
          </a>
        )}
      </div>
      <fieldset className="issue-filters" aria-label={t('issues.figures.period')}>
        <TextField label={t('issues.figures.from')} inline fieldClassName="field period-field" type="date" data-testid="figures-from" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        <TextField label={t('issues.figures.to')} inline fieldClassName="field period-field" type="date" data-testid="figures-to" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        <button type="button" className="ghost" onClick={() => (setFrom(day(-30)), setTo(day(0)))}>
          {t('issues.figures.last30')}
        </button>
      </fieldset>
      <ErrorLine error={query.error && errorText(query.error)} />
      {figures && (
        <>
          <p data-testid="figures-filed">{t('issues.figures.filed', { count: figures.filed })}</p>
          <ul className="figure-grid">
            {rates.map((name) => (
              <li key={name} className="figure" data-testid={`figure-${name}`}>
                <h3>{t(`issues.figures.names.${name}`)}</h3>
                <div className="figure-value">{rateText(figures[name])}</div>
                <p className="muted small">{t(`issues.figures.formulas.${name}`)}</p>
              </li>
            ))}
            {medians.map((name) => (
              <li key={name} className="figure" data-testid={`figure-${name}`}>
                <h3>{t(`issues.figures.names.${name}`)}</h3>
                <div className="figure-value">{figures[name] === null ? t('issues.figures.none') : t('issues.figures.hours', { value: number.format(figures[name]) })}</div>
                <p className="muted small">{t(`issues.figures.formulas.${name}`)}</p>
              </li>
            ))}
          </ul>
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            {categoryChart && categoryChart.labels.length > 0 && (
              <>
                <h3>{t('issues.figures.byCategory')}</h3>
                <BarFigure {...categoryChart} label={t('issues.figures.byCategory')} testId="chart-categories" />
              </>
            )}
            {organisationChart && organisationChart.labels.length > 0 && (
              <>
                <h3>{t('issues.figures.byOrganisation')}</h3>
                <BarFigure {...organisationChart} label={t('issues.figures.byOrganisation')} testId="chart-organisations" />
              </>
            )}
          </Suspense>
        </>
      )}
    </section>
  );
}
