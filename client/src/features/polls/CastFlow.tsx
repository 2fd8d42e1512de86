import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorLine } from '../../ui/ErrorLine';
import { draftProblem, emptyDraft, toBallot, type BallotRules, type BallotValue, type Draft } from './ballot';
import { BallotInput } from './BallotInput';
import { BallotSummary } from './BallotSummary';

interface Props {
  rules: BallotRules;
  /** Radio-group names and test ids apart (assisted voting has its own). */
  name: string;
  /** Start from this draft (a vote change starts from the ballot kept on this device). */
  initial?: Draft;
  /** Whether a cast ballot may later be changed (said on the confirm step). */
  allowChange: boolean;
  secret: boolean;
  pending: boolean;
  error: string | null;
  /** The confirm button's text (assisted voting names the member). */
  castLabel?: string;
  onCast: (ballot: BallotValue, draft: Draft) => void;
  onCancel?: () => void;
}

/** Fill the ballot, then a confirm step that shows it in words; casting happens only from there. */
export function CastFlow({ rules, name, initial, allowChange, secret, pending, error, castLabel, onCast, onCancel }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => initial ?? emptyDraft(rules.kind));
  const [confirming, setConfirming] = useState(false);
  const problem = draftProblem(rules, draft);

  if (confirming) {
    return (
      <div className="confirm-box" data-testid="ballot-confirm">
        <h3>{t('poll.ballot.confirmTitle')}</h3>
        <BallotSummary rules={rules} draft={draft} />
        <p className="small">
          {t('poll.ballot.confirmHint')} {allowChange ? t('poll.ballot.confirmChangeHint') : t('poll.ballot.confirmFinalHint')}
        </p>
        <p className="small muted">{secret ? t('poll.ballot.secretNote') : t('poll.ballot.publicNote')}</p>
        <ErrorLine error={error} testId="ballot-error" />
        <div className="ballot-actions">
          <button type="button" className="primary" disabled={pending} data-testid="ballot-cast" onClick={() => onCast(toBallot(rules, draft), draft)}>
            {pending ? t('poll.ballot.casting') : (castLabel ?? t('poll.ballot.cast'))}
          </button>
          <button type="button" className="ghost" disabled={pending} data-testid="ballot-back" onClick={() => setConfirming(false)}>
            {t('poll.ballot.back')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="stack">
      <BallotInput rules={rules} draft={draft} onChange={setDraft} name={name} />
      <div className="ballot-actions">
        <button type="button" className="primary" disabled={problem !== null} data-testid="ballot-next" onClick={() => setConfirming(true)}>
          {problem ? t(`poll.ballot.problems.${problem}`) : t('poll.ballot.next')}
        </button>
        {onCancel && (
          <button type="button" className="ghost" onClick={onCancel}>
            {t('poll.receipt.changeCancel')}
          </button>
        )}
      </div>
    </div>
  );
}
