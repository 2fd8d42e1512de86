import { useTranslation } from 'react-i18next';
import type { PollResult } from '@linli/shared';
import { usePercent } from './format';
import { TallyBars } from './TallyBars';

/** Yes / no / abstain with the threshold, the yes share and whether it passed. */
export function YesNoResult({ result, live = false }: { result: PollResult; live?: boolean }) {
  const { t } = useTranslation();
  const percent = usePercent();
  const yes = result.counts.yes ?? 0;
  const no = result.counts.no ?? 0;
  const abstain = result.counts.abstain ?? 0;
  const threshold = result.threshold ?? 'majority';
  return (
    <div className="stack">
      {!live && (
        <p className={`verdict ${result.passed ? 'passed' : 'failed'}`} data-testid="result-passed" data-passed={result.passed ?? false}>
          {result.passed ? t('poll.result.passed') : t('poll.result.failed')}
        </p>
      )}
      <TallyBars
        total={yes + no + abstain}
        rows={(['yes', 'no', 'abstain'] as const).map((id) => ({ id, label: t(`poll.ballot.yesno.${id}`), votes: result.counts[id] ?? 0, marked: !live && result.winners.includes(id) }))}
      />
      {yes + no > 0 && <p data-testid="result-yes-share">{t('poll.result.yesShare', { percent: percent(yes / (yes + no)) })}</p>}
      <p className="muted small">
        {t('poll.result.thresholdIs', { threshold: t(`poll.threshold.${threshold}`) })} {t('poll.result.abstainNote')}
      </p>
    </div>
  );
}
