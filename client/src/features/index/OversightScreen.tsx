import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { indexComponentKeys } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { socketQueryFn, useSocketQuery } from '../../lib/query';
import { useNavigateTo } from '../../lib/route';
import { TrendLines } from './charts';
import { componentOf, lastMonth, recentMonths, scoreText } from './format';
import { indexKeys } from './indexQueries';
import { RegionAdmin } from './RegionAdmin';
import './index.css';

interface Props {
  /** The region open, or null for the regions the user oversees. */
  regionId: string | null;
}

/** Supervisors' view (监督): the regions they oversee, a region's communities ranked by the index, trends, CSV; platform admins manage the regions here. */
export function OversightScreen({ regionId }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigateTo();
  const mine = useSocketQuery({ queryKey: indexKeys.mine(), queryFn: socketQueryFn('region:mine', {}) });

  return (
    <main className="page stack" data-testid="oversight-view" data-item={regionId ?? ''}>
      <div className="row between">
        <h2>{t('communityIndex.oversight.title')}</h2>
        {regionId && (
          <button type="button" data-testid="oversight-back" onClick={() => navigate({ name: 'oversight', regionId: null })}>
            {t('communityIndex.oversight.back')}
          </button>
        )}
      </div>
      {mine.error && (
        <p className="error" role="alert">
          {errorText(mine.error)}
        </p>
      )}
      {regionId ? (
        <RegionRanking key={regionId} regionId={regionId} />
      ) : (
        mine.data && (
          <>
            <section className="panel stack" data-testid="oversight-regions">
              <h3>{t('communityIndex.oversight.regions')}</h3>
              {mine.data.regions.length === 0 && <p className="muted">{t('communityIndex.oversight.none')}</p>}
              <ul className="index-rows">
                {mine.data.regions.map((region) => (
                  <li key={region.id}>
                    <button type="button" className="link" data-testid="oversight-region" onClick={() => navigate({ name: 'oversight', regionId: region.id })}>
                      {t(`communityIndex.oversight.${region.type}`)} · {region.name}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
            {mine.data.manage && <RegionAdmin />}
          </>
        )
      )}
    </main>
  );
}

function RegionRanking({ regionId }: { regionId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [month, setMonth] = useState(lastMonth);
  const months = 6;
  const ranking = useSocketQuery({ queryKey: indexKeys.ranking(regionId, month), queryFn: socketQueryFn('index:ranking', { regionId, month }) });
  const trend = useSocketQuery({ queryKey: indexKeys.trend(regionId, month, months), queryFn: socketQueryFn('index:trend', { regionId, month, months }) });
  const none = t('communityIndex.noData');
  const days = ranking.data?.rows[0]?.figures.deliberationDays ?? 7;

  return (
    <>
      <section className="panel stack" data-testid="oversight-ranking">
        <div className="row between">
          <h3>{ranking.data ? t('communityIndex.oversight.ranking', { name: ranking.data.region.name, month }) : t('communityIndex.title')}</h3>
          <label className="field">
            <span className="small">{t('communityIndex.month')}</span>
            <select value={month} data-testid="oversight-month" onChange={(event) => setMonth(event.target.value)}>
              {recentMonths().map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="muted small">{t('communityIndex.hint')}</p>
        {ranking.error && (
          <p className="error" role="alert">
            {errorText(ranking.error)}
          </p>
        )}
        {ranking.data && ranking.data.rows.length === 0 && <p className="muted">{t('communityIndex.oversight.empty')}</p>}
        {ranking.data && ranking.data.rows.length > 0 && (
          <div className="index-table-scroll" tabIndex={0}>
            <table className="index-table" data-testid="oversight-table">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('communityIndex.rank')}
                  </th>
                  <th scope="col">{t('communityIndex.oversight.community')}</th>
                  <th scope="col" className="num">
                    {t('communityIndex.total')}
                  </th>
                  <th scope="col">{t('communityIndex.weakest')}</th>
                  {indexComponentKeys.map((key) => (
                    <th key={key} scope="col" className="num" title={t(`communityIndex.formulas.${key}`, { days })}>
                      {t(`communityIndex.components.${key}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ranking.data.rows.map((row) => (
                  <tr key={row.figures.communityId} data-testid="oversight-row" data-community={row.figures.communityName}>
                    <td className="num" data-testid="oversight-rank">
                      {row.rank ?? '—'}
                    </td>
                    <th scope="row">
                      {row.figures.communityName}{' '}
                      <span className={`index-badge ${row.published ? 'published' : 'live'}`}>
                        {row.published ? t('communityIndex.oversight.publishedMark') : t('communityIndex.oversight.liveMark')}
                      </span>
                    </th>
                    <td className="num" data-testid="oversight-total">
                      {row.figures.enoughData ? scoreText(row.figures.total, none) : t('communityIndex.notEnough')}
                    </td>
                    <td data-testid="oversight-weakest">{row.figures.weakest ? t(`communityIndex.components.${row.figures.weakest}`) : '—'}</td>
                    {indexComponentKeys.map((key) => (
                      <td key={key} className="num">
                        {scoreText(componentOf(row.figures.components, key)?.value, '—')}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <a className="index-export" href={`/api/index/${regionId}/${month}.csv`} download data-testid="oversight-export">
          {t('communityIndex.oversight.export')}
        </a>
        <details>
          <summary>{t('communityIndex.formula')}</summary>
          <dl>
            {indexComponentKeys.map((key) => (
              <div key={key}>
                <dt>{t(`communityIndex.components.${key}`)}</dt>
                <dd className="muted small">{t(`communityIndex.formulas.${key}`, { days })}</dd>
              </div>
            ))}
          </dl>
        </details>
      </section>
      {trend.data && trend.data.series.length > 0 && (
        <section className="panel stack" data-testid="oversight-trend">
          <h3>{t('communityIndex.oversight.trend', { months })}</h3>
          <Suspense fallback={null}>
            <TrendLines months={trend.data.months} series={trend.data.series.map((row) => ({ name: row.communityName, totals: row.totals }))} label={t('communityIndex.oversight.trend', { months })} />
          </Suspense>
        </section>
      )}
    </>
  );
}
