import { useTranslation } from 'react-i18next';
import { scoreValues, type Draft } from './ballot';
import type { BallotInputProps } from './BallotInput';

/** 0–5 per option as a row of segmented radio buttons, plus "no score". */
export function ScoreBallot({ rules, draft, onChange, name }: BallotInputProps<Extract<Draft, { kind: 'score' }>>) {
  const { t } = useTranslation();
  const set = (id: string, score: number | null) => {
    const scores = { ...draft.scores };
    if (score === null) delete scores[id];
    else scores[id] = score;
    onChange({ ...draft, scores });
  };
  return (
    <div className="score-ballot">
      <p className="muted small">{t('poll.ballot.score.hint')}</p>
      {rules.options.map((option) => {
        const current = draft.scores[option.id];
        return (
          <div key={option.id} className="score-row" role="radiogroup" aria-label={option.label} data-testid="score-row" data-option={option.id} data-score={current ?? ''}>
            <div className="score-head">
              <span className="choice-label">{option.label}</span>
              <span className="muted small">{current === undefined ? t('poll.ballot.score.unscored') : ''}</span>
            </div>
            <div className="segments">
              {scoreValues.map((score) => (
                <label key={score} className="segment" title={t('poll.ballot.score.scoreFor', { score, label: option.label })}>
                  <input
                    type="radio"
                    className="visually-hidden"
                    name={`${name}-score-${option.id}`}
                    value={score}
                    checked={current === score}
                    aria-label={t('poll.ballot.score.scoreFor', { score, label: option.label })}
                    onChange={() => set(option.id, score)}
                  />
                  <span aria-hidden="true">{score}</span>
                </label>
              ))}
              <label className="segment segment-clear">
                <input type="radio" className="visually-hidden" name={`${name}-score-${option.id}`} value="" checked={current === undefined} onChange={() => set(option.id, null)} />
                <span>{t('poll.ballot.score.clear')}</span>
              </label>
            </div>
          </div>
        );
      })}
    </div>
  );
}
