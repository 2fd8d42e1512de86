import { useTranslation } from 'react-i18next';
import type { PollResult } from '@linli/shared';
import type { BallotOption } from './ballot';
import { useNumber } from './format';

/** Score: options by mean score, with the number of scores and the sum. */
export function ScoreResult({ result, options, live = false }: { result: PollResult; options: readonly BallotOption[]; live?: boolean }) {
  const { t } = useTranslation();
  const mean = useNumber(2);
  const ranking = result.ranking ?? options.map((option) => option.id);
  const label = (id: string) => options.find((option) => option.id === id)?.label ?? id;
  return (
    <div className="stack">
      <table className="result-table" data-testid="result-scores">
        <thead>
          <tr>
            <th scope="col">{t('poll.result.option')}</th>
            <th scope="col" className="num">
              {t('poll.result.mean')}
            </th>
            <th scope="col" className="num">
              {t('poll.result.scores')}
            </th>
          </tr>
        </thead>
        <tbody>
          {ranking.map((id) => {
            const value = result.means?.[id] ?? null;
            const won = !live && result.winners.includes(id);
            return (
              <tr key={id} className={won ? 'won' : undefined} data-testid="result-row" data-option={id} data-mean={value ?? ''} data-won={won}>
                <th scope="row">
                  {label(id)}
                  {won && <span className="badge won-badge">{t('poll.result.winners')}</span>}
                </th>
                <td className="num">
                  {value === null ? '–' : mean(value)}
                  {value !== null && (
                    <span className="score-bar" aria-hidden="true">
                      <span style={{ width: `${(value / 5) * 100}%` }} />
                    </span>
                  )}
                </td>
                <td className="num">{result.counts[id] ?? 0}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!live && result.tied && <p className="notice small">{t('poll.result.scoreTieNote')}</p>}
      <p className="muted small">{t('poll.result.scoreRule')}</p>
    </div>
  );
}
