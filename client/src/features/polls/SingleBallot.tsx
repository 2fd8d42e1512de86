import type { Draft } from './ballot';
import type { BallotInputProps } from './BallotInput';

/** One option, as radio cards. */
export function SingleBallot({ rules, draft, onChange, name }: BallotInputProps<Extract<Draft, { kind: 'single' }>>) {
  return (
    <div className="choices" role="radiogroup">
      {rules.options.map((option) => (
        <label key={option.id} className="choice" data-testid="ballot-option" data-option={option.id}>
          <input type="radio" name={`${name}-single`} value={option.id} checked={draft.choice === option.id} onChange={() => onChange({ ...draft, choice: option.id })} />
          <span className="choice-label">{option.label}</span>
        </label>
      ))}
    </div>
  );
}
