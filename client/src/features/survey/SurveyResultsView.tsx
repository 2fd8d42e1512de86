import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupScores, SurveyResults } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { useSocketQuery } from '../../lib/query';
import { ErrorLine } from '../../ui/ErrorLine';
import { DistributionBars, ScoreBars } from './charts';
import { labelOf, surveyResultsQuery } from './surveyQueries';

const score = (v: number | null | undefined) => (v == null ? '—' : v.toFixed(1));
const signed = (v: number | null) => (v == null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}`);

/** Staff: scores, distributions and charts, groups (under 10 hidden), the participation join, the comparison with the earlier wave; refetched live when a response arrives. */
export function SurveyResultsView({ communityId, surveyId }: { communityId: string; surveyId: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const query = useSocketQuery(surveyResultsQuery(communityId, surveyId));
  const lang = i18n.language;
  if (query.error) return <ErrorLine error={errorText(query.error)} />;
  if (!query.data) return <p className="muted">{t('survey.loading')}</p>;
  const r: SurveyResults = query.data;
  const d = r.survey.definition;
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const group = (g: GroupScores | undefined) => (!g || g.suppressed ? <span className="muted">{t('survey.results.fewer')}</span> : <>{score(g.overall)} <span className="muted small">(n={g.respondents})</span></>);

  return (
    <section className="panel stack survey-results" data-testid="survey-results" data-respondents={r.respondents} data-overall={r.overall ?? ''}>
      <div className="row between wrap">
        <h3>{t('survey.results.title')}</h3>
        <span className="badge" aria-hidden="true">
          ● {t('survey.results.live')}
        </span>
      </div>
      <div className="survey-figures">
        <div>
          <span className="muted small">{t('survey.results.respondents')}</span>
          <strong data-testid="survey-results-respondents">{r.respondents}</strong>
        </div>
        <div>
          <span className="muted small">{t('survey.results.overall')}</span>
          <strong data-testid="survey-results-overall">{score(r.overall)}</strong>
        </div>
      </div>
      <p className="small muted">{t('survey.results.bySource', r.bySource)}</p>
      {r.respondents === 0 && <p className="muted">{t('survey.results.none')}</p>}

      <h4>{t('survey.results.dimensions')}</h4>
      <Suspense fallback={<div className="chart" />}>
        <ScoreBars
          labels={d.dimensions.map((x) => labelOf(x, lang))}
          values={d.dimensions.map((x) => r.dimensions[x.id] ?? null)}
          before={r.comparison ? d.dimensions.map((x) => r.comparison!.dimensions[x.id]?.before ?? null) : null}
          beforeLabel={t('survey.results.before')}
          afterLabel={t('survey.results.after')}
          label={t('survey.results.chartDimensions')}
          testId="survey-chart-dimensions"
          respondents={r.respondents}
        />
      </Suspense>
      <table className="survey-table">
        <tbody>
          {d.dimensions.map((x) => (
            <tr key={x.id} data-testid="survey-dimension-row" data-dimension={x.id}>
              <th scope="row">{labelOf(x, lang)}</th>
              <td>{score(r.dimensions[x.id])}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h4>{t('survey.results.items')}</h4>
      <Suspense fallback={<div className="chart" />}>
        <DistributionBars
          labels={d.dimensions.flatMap((x) => x.items.map((i) => i.id))}
          scale={d.scale.options.map((o) => labelOf(o, lang))}
          counts={d.dimensions.flatMap((x) => x.items.map((i) => d.scale.options.map((o) => r.distributions[i.id]?.counts[String(o.value)] ?? 0)))}
          label={t('survey.results.chartItems')}
          testId="survey-chart-items"
          respondents={r.respondents}
        />
      </Suspense>
      <table className="survey-table">
        <thead>
          <tr>
            <th scope="col">{t('survey.results.item')}</th>
            <th scope="col">{t('survey.results.score')}</th>
            <th scope="col">{t('survey.results.answered')}</th>
            {r.comparison && <th scope="col">{t('survey.results.change')}</th>}
          </tr>
        </thead>
        <tbody>
          {d.dimensions.flatMap((x) =>
            x.items.map((i) => (
              <tr key={i.id} data-testid="survey-item-row" data-item={i.id} data-score={r.items[i.id] ?? ''}>
                <th scope="row">
                  <span className="muted">{i.id}</span> {labelOf(i, lang)}
                </th>
                <td>{score(r.items[i.id])}</td>
                <td>{r.distributions[i.id]?.answered ?? 0}</td>
                {r.comparison && <td>{signed(r.comparison.items[i.id]?.change ?? null)}</td>}
              </tr>
            )),
          )}
        </tbody>
      </table>

      {r.comparison && (
        <p data-testid="survey-comparison">
          {t('survey.results.comparison', { wave: r.comparison.before.wave, respondents: r.comparison.before.respondents })}: {score(r.comparison.overall.before)} → {score(r.comparison.overall.after)} ({signed(r.comparison.overall.change)})
        </p>
      )}

      {d.awareness.length > 0 && (
        <>
          <h4>{t('survey.results.aware')}</h4>
          <ul className="survey-plain">
            {d.awareness.map((a) => (
              <li key={a.id} data-testid="survey-aware" data-question={a.id}>
                {labelOf(a, lang)}: <strong>{percent.format(r.aware[a.id] ?? 0)}</strong>
              </li>
            ))}
          </ul>
        </>
      )}

      {d.questions.length > 0 && (
        <>
          <h4>{t('survey.results.choices')}</h4>
          {d.questions.map((q) => (
            <div key={q.id}>
              <p>{labelOf(q, lang)}</p>
              <ul className="survey-plain">
                {q.options.map((o) => (
                  <li key={o.id}>
                    {labelOf(o, lang)}: {r.choices[q.id]?.[o.id] ?? 0}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      )}

      {d.demographics.length > 0 && (
        <>
          <h4>{t('survey.results.breakdowns')}</h4>
          <table className="survey-table" data-testid="survey-breakdowns">
            <tbody>
              {d.demographics.flatMap((dem) =>
                dem.options.map((o) => (
                  <tr key={`${dem.id}-${o.id}`} data-testid="survey-breakdown-row" data-group={`${dem.id}:${o.id}`}>
                    <th scope="row">
                      {labelOf(dem, lang)} · {labelOf(o, lang)} <span className="muted small">({r.demographics[dem.id]?.[o.id] ?? 0})</span>
                    </th>
                    <td>{group(r.breakdowns[dem.id]?.[o.id])}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </>
      )}

      <h4>{t('survey.results.participation')}</h4>
      <table className="survey-table" data-testid="survey-participation">
        <tbody>
          <tr>
            <th scope="row">{t('survey.results.tookPart')}</th>
            <td>{group(r.participation.tookPart)}</td>
          </tr>
          <tr>
            <th scope="row">{t('survey.results.didNot')}</th>
            <td>{group(r.participation.didNot)}</td>
          </tr>
        </tbody>
      </table>
      {r.participation.unknown > 0 && <p className="small muted">{t('survey.results.unknown', { count: r.participation.unknown })}</p>}

      <div className="row wrap">
        <a className="button secondary" href={r.exportPath} download data-testid="survey-export">
          {t('survey.results.export')}
        </a>
        <a className="button ghost" href={r.templatePath} download data-testid="survey-template-download">
          {t('survey.results.template')}
        </a>
      </div>
      <p className="small muted">{t('survey.results.offline')}</p>
    </section>
  );
}
