import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { PollResult } from '@linli/shared';
import type { BallotOption } from './ballot';
import { OptionBars } from './charts';
import { usePercent } from './format';

/** Single and multiple choice: votes per option (table and chart); approval shares are of ballots counted. */
export function CountsResult({ result, options, live = false }: { result: PollResult; options: readonly BallotOption[]; live?: boolean }) {
  const { t } = useTranslation();
  const percent = usePercent();
  const counted = result.ballots - result.invalid;
  return (
    <div className="stack">
      <table className="result-table" data-testid="result-counts">
        <thead>
          <tr>
            <th scope="col">{t('poll.result.option')}</th>
            <th scope="col" className="num">
              {t('poll.result.votes')}
            </th>
            <th scope="col" className="num">
              {t('poll.result.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {options.map((option) => {
            const votes = result.counts[option.id] ?? 0;
            const won = !live && result.winners.includes(option.id);
            return (
              <tr key={option.id} className={won ? 'won' : undefined} data-testid="result-row" data-option={option.id} data-votes={votes} data-won={won}>
                <th scope="row">
                  {option.label}
                  {won && <span className="badge won-badge">{result.tied ? t('poll.result.tie') : t('poll.result.winners')}</span>}
                </th>
                <td className="num">{votes}</td>
                <td className="num">{counted > 0 ? percent(votes / counted) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Suspense fallback={<p className="muted">{t('poll.loading')}</p>}>
        <OptionBars
          labels={options.map((option) => option.label)}
          values={options.map((option) => result.counts[option.id] ?? 0)}
          marked={options.map((option) => !live && result.winners.includes(option.id))}
          label={t('poll.live.chart')}
          testId="result-chart"
        />
      </Suspense>
      {!live && <p className="muted small">{t('poll.result.pluralityRule')}</p>}
    </div>
  );
}
