import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { PollResult } from '@linli/shared';
import type { BallotOption } from './ballot';
import { RoundsBars } from './charts';

/** Instant run-off: every round as a table (votes, exhausted, who was eliminated and how a tie was broken), a chart, the tie rule. */
export function RankedResult({ result, options, live = false }: { result: PollResult; options: readonly BallotOption[]; live?: boolean }) {
  const { t } = useTranslation();
  const rounds = result.rounds ?? [];
  const exhausted = result.exhaustedPerRound ?? [];
  const eliminated = result.eliminated ?? [];
  const tieBreaks = result.tieBreaks ?? [];
  const label = (id: string) => options.find((option) => option.id === id)?.label ?? id;
  return (
    <div className="stack">
      <h3>{t('poll.result.rounds')}</h3>
      <div className="table-scroll">
        <table className="result-table rounds-table" data-testid="result-rounds" data-rounds={rounds.length}>
          <thead>
            <tr>
              <th scope="col">{t('poll.result.option')}</th>
              {rounds.map((_, r) => (
                <th key={r} scope="col" className="num">
                  {t('poll.result.round', { n: r + 1 })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {options.map((option) => {
              const won = !live && result.winners.includes(option.id);
              return (
                <tr key={option.id} className={won ? 'won' : undefined} data-option={option.id} data-won={won}>
                  <th scope="row">
                    {option.label}
                    {won && <span className="badge won-badge">{t('poll.result.winners')}</span>}
                  </th>
                  {rounds.map((round, r) => {
                    const votes = round[option.id];
                    const out = eliminated[r] === option.id;
                    return (
                      <td key={r} className={`num${out ? ' out' : ''}`} data-testid={`round-${r + 1}-${option.id}`}>
                        {votes === undefined ? '–' : votes}
                        {out && <span className="visually-hidden"> {t('poll.result.eliminated', { label: option.label })}</span>}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            <tr className="exhausted-row">
              <th scope="row">{t('poll.result.exhausted')}</th>
              {exhausted.map((n, r) => (
                <td key={r} className="num" data-testid={`round-${r + 1}-exhausted`}>
                  {n}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      {!live && (
      <ol className="round-notes" data-testid="round-notes">
          {rounds.map((_, r) => {
            const out = eliminated[r];
            const tie = tieBreaks[r];
            return (
              <li key={r}>
                <strong>{t('poll.result.round', { n: r + 1 })}</strong>
                {'：'}
                {out ? t('poll.result.eliminated', { label: label(out) }) : t('poll.result.decided')}
                {tie && (
                  <span className="muted small" data-testid="round-tie">
                    {' '}
                    · {t('poll.result.tieBroken', { tied: tie.tied.map(label).join('、'), rule: t(`poll.result.tieRules.${tie.decidedBy}`) })}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <p className="muted small">{t('poll.result.exhaustedHint')}</p>
      {rounds.length > 0 && (
        <Suspense fallback={<p className="muted">{t('poll.loading')}</p>}>
          <RoundsBars
            labels={options.map((option) => option.label)}
            rounds={rounds.map((round) => options.map((option) => round[option.id] ?? null))}
            exhausted={exhausted}
            exhaustedLabel={t('poll.result.exhausted')}
            roundLabel={(n) => t('poll.result.round', { n })}
            label={t('poll.result.roundsChart')}
            testId="result-rounds-chart"
          />
        </Suspense>
      )}
      {!live && (
        <div className="rule-box" data-testid="tie-rule">
          <h4>{t('poll.result.tieRuleTitle')}</h4>
          <p className="small">{t('poll.result.tieRule')}</p>
        </div>
      )}
    </div>
  );
}
