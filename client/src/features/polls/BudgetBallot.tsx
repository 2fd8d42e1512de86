import { useTranslation } from 'react-i18next';
import { spentOf, type Draft } from './ballot';
import type { BallotInputProps } from './BallotInput';

/** Projects with their costs and a live "已用 x / 预算 y" bar; a project that does not fit cannot be ticked. */
export function BudgetBallot({ rules, draft, onChange }: BallotInputProps<Extract<Draft, { kind: 'budget' }>>) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const budget = rules.budget ?? 0;
  const spent = spentOf(rules, draft.picks);
  const left = budget - spent;
  const share = budget > 0 ? Math.min(1, spent / budget) : 0;
  const toggle = (id: string, on: boolean) => onChange({ ...draft, picks: on ? [...draft.picks, id] : draft.picks.filter((pick) => pick !== id) });
  return (
    <div className="budget-ballot">
      <div className="budget-meter" aria-live="polite" data-testid="budget-meter" data-spent={spent} data-budget={budget}>
        <div className="row between">
          <strong>{t('poll.ballot.budget.used', { spent: number.format(spent), budget: number.format(budget) })}</strong>
          <span className={left < 0 ? 'over' : 'muted'}>{left < 0 ? t('poll.ballot.budget.over', { over: number.format(-left) }) : t('poll.ballot.budget.left', { left: number.format(left) })}</span>
        </div>
        <div className="meter" role="meter" aria-valuemin={0} aria-valuemax={budget} aria-valuenow={spent} aria-label={t('poll.ballot.budget.used', { spent, budget })}>
          <div className={`meter-fill${left < 0 ? ' over' : ''}`} style={{ width: `${share * 100}%` }} />
        </div>
      </div>
      <div className="choices">
        {rules.options.map((option) => {
          const checked = draft.picks.includes(option.id);
          const cost = option.cost ?? 0;
          const fits = checked || cost <= left;
          return (
            <label key={option.id} className="choice" data-testid="ballot-option" data-option={option.id} data-fits={fits}>
              <input type="checkbox" checked={checked} disabled={!fits} onChange={(e) => toggle(option.id, e.target.checked)} />
              <span className="choice-body">
                <span className="choice-label">{option.label}</span>
                <span className="small muted">
                  {t('poll.ballot.budget.cost', { cost: number.format(cost) })}
                  {!fits && ` · ${t('poll.ballot.budget.doesNotFit', { left: number.format(left) })}`}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </div>
  );
}
