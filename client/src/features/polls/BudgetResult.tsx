import { useTranslation } from 'react-i18next';
import type { PollResult } from '@linli/shared';
import type { BallotOption } from './ballot';
import { parseBudgetReason, useNumber } from './format';

/** Budget: each option with its cost, votes and why it won or lost, in the order the rule considered them. */
export function BudgetResult({ result, options, budget, live = false }: { result: PollResult; options: readonly BallotOption[]; budget: number; live?: boolean }) {
  const { t } = useTranslation();
  const number = useNumber();
  const order = result.order ?? options.map((option) => option.id);
  const byId = new Map(options.map((option) => [option.id, option]));
  const reasonText = (id: string): string => {
    const reason = parseBudgetReason(result.budgetReasons?.[id] ?? '');
    switch (reason.kind) {
      case 'won':
        return t('poll.result.budgetReasons.won');
      case 'noVotes':
        return t('poll.result.budgetReasons.noVotes');
      case 'belowQuorum':
        return t('poll.result.budgetReasons.belowQuorum');
      case 'didNotFit':
        return t('poll.result.budgetReasons.didNotFit', { cost: number(reason.cost), remaining: number(reason.remaining) });
      case 'other':
        return reason.text;
    }
  };
  return (
    <div className="stack">
      {!live && result.spent !== undefined && (
        <p data-testid="result-budget-spent">
          {t('poll.result.budgetSpent', { spent: number(result.spent), budget: number(budget), remaining: number(result.remaining ?? budget - result.spent) })}
        </p>
      )}
      <ol className="budget-result" data-testid="result-budget">
        {order.map((id, i) => {
          const option = byId.get(id);
          const won = !live && result.winners.includes(id);
          return (
            <li key={id} className={won ? 'won' : 'lost'} data-testid="result-row" data-option={id} data-won={won}>
              <div className="row between">
                <strong>
                  <span className="muted small">{i + 1}. </span>
                  {option?.label ?? id}
                </strong>
                {!live && <span className={`badge ${won ? 'won-badge' : ''}`}>{won ? t('poll.result.budgetReasons.won') : t('poll.result.budgetReasons.lost')}</span>}
              </div>
              <div className="small">
                {t('poll.result.cost')} {number(option?.cost ?? 0)} · {t('poll.live.votes', { count: result.counts[id] ?? 0 })}
              </div>
              {!live && (
                <div className="small muted" data-testid="budget-reason">
                  {reasonText(id)}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {!live && <p className="muted small">{t('poll.result.budgetRule')}</p>}
    </div>
  );
}
