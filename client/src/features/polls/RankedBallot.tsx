import { useTranslation } from 'react-i18next';
import { moveEntry, type Draft } from './ballot';
import type { BallotInputProps } from './BallotInput';

/**
 * Ranking by tapping: each tap on an unranked option puts it next in line (1st, 2nd...);
 * ranked ones move up and down with buttons or leave the ranking. No dragging: it has
 * to work with one finger on a small phone.
 */
export function RankedBallot({ rules, draft, onChange }: BallotInputProps<Extract<Draft, { kind: 'ranked' }>>) {
  const { t } = useTranslation();
  const label = new Map(rules.options.map((option) => [option.id, option.label]));
  const rest = rules.options.filter((option) => !draft.order.includes(option.id));
  const set = (order: string[]) => onChange({ ...draft, order });
  return (
    <div className="ranked">
      <p className="muted small">{t('poll.ballot.ranked.hint')}</p>
      <h4>{t('poll.ballot.ranked.yourOrder')}</h4>
      {draft.order.length === 0 ? (
        <p className="muted" data-testid="ranked-empty">
          {t('poll.ballot.ranked.none')}
        </p>
      ) : (
        <ol className="rank-list" data-testid="ranked-order">
          {draft.order.map((id, index) => {
            const name = label.get(id) ?? id;
            return (
              <li key={id} className="rank-item" data-testid="ranked-item" data-option={id}>
                <span className="rank-place" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="rank-label">
                  <span className="visually-hidden">{t('poll.ballot.ranked.place', { n: index + 1 })} </span>
                  {name}
                </span>
                <span className="rank-tools">
                  <button type="button" className="ghost" aria-label={t('poll.ballot.ranked.upFor', { label: name })} disabled={index === 0} onClick={() => set(moveEntry(draft.order, index, -1))} data-testid="ranked-up">
                    ↑ <span className="rank-tool-text">{t('poll.ballot.ranked.up')}</span>
                  </button>
                  <button
                    type="button"
                    className="ghost"
                    aria-label={t('poll.ballot.ranked.downFor', { label: name })}
                    disabled={index === draft.order.length - 1}
                    onClick={() => set(moveEntry(draft.order, index, 1))}
                    data-testid="ranked-down"
                  >
                    ↓ <span className="rank-tool-text">{t('poll.ballot.ranked.down')}</span>
                  </button>
                  <button type="button" className="ghost" aria-label={t('poll.ballot.ranked.removeFor', { label: name })} onClick={() => set(draft.order.filter((other) => other !== id))} data-testid="ranked-remove">
                    ✕ <span className="rank-tool-text">{t('poll.ballot.ranked.remove')}</span>
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {rest.length > 0 && (
        <>
          <h4>{t('poll.ballot.ranked.notRanked')}</h4>
          <ul className="unranked">
            {rest.map((option) => (
              <li key={option.id}>
                <button type="button" className="choice-button" data-testid="ranked-add" data-option={option.id} onClick={() => set([...draft.order, option.id])}>
                  <span className="choice-label">{option.label}</span>
                  <span className="badge">{t('poll.ballot.ranked.add', { n: draft.order.length + 1 })}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
