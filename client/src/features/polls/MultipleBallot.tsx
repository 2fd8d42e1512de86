import { useTranslation } from 'react-i18next';
import { pickLimits, type Draft } from './ballot';
import type { BallotInputProps } from './BallotInput';

/** Several options as check cards, with a live "已选 2/3"; a full ballot disables the rest. */
export function MultipleBallot({ rules, draft, onChange }: BallotInputProps<Extract<Draft, { kind: 'multiple' }>>) {
  const { t } = useTranslation();
  const { min, max } = pickLimits(rules);
  const full = draft.picks.length >= max;
  const rule = min === max ? t('poll.ballot.pickedExactly', { count: max }) : min <= 1 ? t('poll.ballot.pickedAtMost', { max }) : t('poll.ballot.pickedRange', { min, max });
  const toggle = (id: string, on: boolean) => onChange({ ...draft, picks: on ? [...draft.picks, id] : draft.picks.filter((pick) => pick !== id) });
  return (
    <>
      <p className="ballot-meter" aria-live="polite" data-testid="ballot-picked" data-count={draft.picks.length}>
        <strong>{t('poll.ballot.picked', { count: draft.picks.length, max })}</strong> <span className="muted">{rule}</span>
      </p>
      <div className="choices">
        {rules.options.map((option) => {
          const checked = draft.picks.includes(option.id);
          return (
            <label key={option.id} className="choice" data-testid="ballot-option" data-option={option.id}>
              <input type="checkbox" checked={checked} disabled={!checked && full} onChange={(e) => toggle(option.id, e.target.checked)} />
              <span className="choice-label">{option.label}</span>
            </label>
          );
        })}
      </div>
    </>
  );
}
