import { useTranslation } from 'react-i18next';
import type { InvalidReason, PollResult } from '@linli/shared';
import type { BallotOption } from './ballot';
import { BudgetResult } from './BudgetResult';
import { CountsResult } from './CountsResult';
import { useOptionLabel, usePercent } from './format';
import { RankedResult } from './RankedResult';
import { ScoreResult } from './ScoreResult';
import { YesNoResult } from './YesNoResult';

interface Props {
  result: PollResult;
  options: readonly BallotOption[];
  budget: number | null;
  /** A live tally while voting is open: no verdict, no winners. */
  live?: boolean;
}

/** The counted result, as counting.ts gives it: validity, winners, the kind's own table, invalid ballots. */
export function ResultView({ result, options, budget, live = false }: Props) {
  const { t } = useTranslation();
  const percent = usePercent();
  const optionLabel = useOptionLabel(result.kind, options);
  const reasons = Object.entries(result.invalidReasons) as [InvalidReason, number][];
  return (
    <div className="result-view stack" data-testid={live ? 'live-result' : 'poll-result'} data-valid={result.valid} data-winners={result.winners.join(',')}>
      {!live && (
        <div className={`verdict-box ${result.valid ? 'valid' : 'invalid'}`} data-testid="result-validity">
          <strong>{result.valid ? t('poll.result.valid') : t('poll.result.invalidPoll')}</strong>
          <div className="small">
            {result.quorumBallots === null ? t('poll.result.noQuorum') : t('poll.result.quorum', { needed: result.quorumBallots, cast: result.ballots })}
          </div>
        </div>
      )}
      {!live && result.kind !== 'yesno' && (
        <p className="winners" data-testid="result-winners">
          <span className="muted">{result.tied && result.kind !== 'score' ? t('poll.result.tie') : t('poll.result.winners')}：</span>
          <strong>{result.winners.length > 0 ? result.winners.map(optionLabel).join('、') : t('poll.result.noWinner')}</strong>
        </p>
      )}
      {!live && (
        <p className="small" data-testid="result-ballots">
          {t('poll.result.ballots', { count: result.ballots })}
          {result.turnout !== null && ` · ${percent(result.turnout)}`}
          {result.invalid > 0 && ` · ${t('poll.result.invalidBallots', { count: result.invalid })}`}
        </p>
      )}
      {reasons.length > 0 && (
        <ul className="small muted invalid-reasons" data-testid="result-invalid">
          {reasons.map(([reason, n]) => (
            <li key={reason}>
              {t(`poll.result.invalidReasons.${reason}`)}：{n}
            </li>
          ))}
        </ul>
      )}
      {result.kind === 'yesno' && <YesNoResult result={result} live={live} />}
      {(result.kind === 'single' || result.kind === 'multiple') && <CountsResult result={result} options={options} live={live} />}
      {result.kind === 'ranked' && <RankedResult result={result} options={options} live={live} />}
      {result.kind === 'score' && <ScoreResult result={result} options={options} live={live} />}
      {result.kind === 'budget' && <BudgetResult result={result} options={options} budget={budget ?? 0} live={live} />}
    </div>
  );
}
