import { useTranslation } from 'react-i18next';
import { yesNoChoices, type Draft } from './ballot';
import type { BallotInputProps } from './BallotInput';

/** Yes / no / abstain as three large radio cards. */
export function YesNoBallot({ draft, onChange, name }: BallotInputProps<Extract<Draft, { kind: 'yesno' }>>) {
  const { t } = useTranslation();
  return (
    <div className="choices yesno" role="radiogroup">
      {yesNoChoices.map((choice) => (
        <label key={choice} className={`choice choice-${choice}`} data-testid={`ballot-${choice}`}>
          <input type="radio" name={`${name}-yesno`} value={choice} checked={draft.choice === choice} onChange={() => onChange({ ...draft, choice })} />
          <span className="choice-label">{t(`poll.ballot.yesno.${choice}`)}</span>
        </label>
      ))}
    </div>
  );
}
