import { useTranslation } from 'react-i18next';
import type { BallotRules, Draft } from './ballot';
import { BudgetBallot } from './BudgetBallot';
import { MultipleBallot } from './MultipleBallot';
import { RankedBallot } from './RankedBallot';
import { ScoreBallot } from './ScoreBallot';
import { SingleBallot } from './SingleBallot';
import { YesNoBallot } from './YesNoBallot';

export interface BallotInputProps<D extends Draft = Draft> {
  rules: BallotRules;
  draft: D;
  onChange: (draft: D) => void;
  /** Names the radio groups apart when two ballots are on one page (assisted voting). */
  name: string;
  disabled?: boolean;
}

/** The ballot screen of a poll's kind. */
export function BallotInput({ rules, draft, onChange, name, disabled }: BallotInputProps) {
  const { t } = useTranslation();
  const common = { rules, name, disabled };
  return (
    <fieldset className="ballot" data-testid="ballot" data-kind={draft.kind} disabled={disabled}>
      <legend className="visually-hidden">{t('poll.ballot.title')}</legend>
      {draft.kind === 'yesno' && <YesNoBallot {...common} draft={draft} onChange={onChange} />}
      {draft.kind === 'single' && <SingleBallot {...common} draft={draft} onChange={onChange} />}
      {draft.kind === 'multiple' && <MultipleBallot {...common} draft={draft} onChange={onChange} />}
      {draft.kind === 'ranked' && <RankedBallot {...common} draft={draft} onChange={onChange} />}
      {draft.kind === 'score' && <ScoreBallot {...common} draft={draft} onChange={onChange} />}
      {draft.kind === 'budget' && <BudgetBallot {...common} draft={draft} onChange={onChange} />}
    </fieldset>
  );
}
