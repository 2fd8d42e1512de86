import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_LIMITS, issueRatings, type Decision, type IssueRating } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextAreaField } from '../../ui/TextAreaField';

/** A participant confirms a carried-out decision on the problem reports' five-level scale, once. */
export function RateForm({ decision, onDone }: { decision: Decision; onDone: (decision: Decision, rating: IssueRating) => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [rating, setRating] = useState<IssueRating | null>(null);
  const [comment, setComment] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!rating) return;
    const res = await action.run(() => request('decision:rate', { decisionId: decision.id, rating, comment: comment.trim() }));
    if (res) onDone(res.decision, res.myRating);
  }

  return (
    <form className="panel stack" data-testid="decision-rate-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('decision.rate.title')}</h3>
      <p className="muted small">{t('decision.rate.hint')}</p>
      <fieldset className="field rating-scale">
        <legend>{t('issues.act.rating')}</legend>
        {issueRatings.map((value) => (
          <label key={value} className={`rating-option${rating === value ? ' chosen' : ''}`}>
            <input type="radio" name="decision-rating" value={value} data-testid={`decision-rating-${value}`} checked={rating === value} onChange={() => setRating(value)} />
            <span>{t(`issues.ratings.${value}`)}</span>
          </label>
        ))}
      </fieldset>
      <TextAreaField label={t('decision.rate.comment')} data-testid="decision-rate-comment" value={comment} maxLength={DECISION_LIMITS.comment.max} onChange={(e) => setComment(e.target.value)} />
      <ErrorLine error={action.error} small />
      <button type="submit" className="primary" data-testid="decision-rate-submit" disabled={rating === null || action.pending}>
        {t('decision.rate.submit')}
      </button>
    </form>
  );
}
