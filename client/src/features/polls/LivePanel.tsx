import type { PollResult } from '@linli/shared';
import { useTranslation } from 'react-i18next';
import type { BallotOption } from './ballot';
import { usePercent } from './format';
import { ResultView } from './ResultView';

interface Props {
  /** Sealed polls show only the turnout until close. */
  sealed: boolean;
  cast: number;
  eligible: number | null;
  /** The running count (live polls), null while sealed or not yet received. */
  tally: PollResult | null;
  options: readonly BallotOption[];
  budget: number | null;
}

/** While voting is open: the turnout always, the running count when results are live. */
export function LivePanel({ sealed, cast, eligible, tally, options, budget }: Props) {
  const { t } = useTranslation();
  const percent = usePercent();
  return (
    <section className="live-panel stack" aria-labelledby="live-title" data-testid="poll-live" data-sealed={sealed} data-cast={cast}>
      <div className="row between">
        <h3 id="live-title">{sealed ? t('poll.live.turnoutTitle') : t('poll.live.title')}</h3>
        <span className="badge" aria-hidden="true">
          ● {t('poll.live.updated')}
        </span>
      </div>
      <p className="turnout-line" aria-live="polite" data-testid="poll-turnout">
        {eligible ? t('poll.turnoutOf', { cast, eligible, percent: percent(cast / eligible) }) : t('poll.turnout', { cast })}
      </p>
      {sealed ? (
        <div className="sealed-box" data-testid="poll-sealed">
          <strong>{t('poll.live.sealed')}</strong>
          <p className="small muted">{t('poll.live.turnoutOnly')}</p>
        </div>
      ) : (
        tally && <ResultView result={tally} options={options} budget={budget} live />
      )}
    </section>
  );
}
