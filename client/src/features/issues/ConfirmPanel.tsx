import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ISSUE_LIMITS, isPoorRating, issueRatings, type IssueRating } from '@linli/shared';
import { TextAreaField } from '../../ui/TextAreaField';
import type { PanelProps } from './actTypes';
import { PanelButtons } from '../../ui/PanelButtons';

/** The reporter confirms with the five-level rating; 不满意 or worse sends it back to work. */
export function ConfirmPanel({ pending, onSend, onCancel }: PanelProps) {
  const { t } = useTranslation();
  const [rating, setRating] = useState<IssueRating | null>(null);
  const [comment, setComment] = useState('');
  const poor = rating !== null && isPoorRating(rating);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (rating) onSend({ action: 'confirm', rating, comment: comment.trim() });
  }

  return (
    <form className="stack act-panel" data-testid="act-panel-confirm" onSubmit={submit}>
      <fieldset className="field rating-scale">
        <legend>{t('issues.act.rating')}</legend>
        {issueRatings.map((value) => (
          <label key={value} className={`rating-option${rating === value ? ' chosen' : ''}`}>
            <input type="radio" name="rating" value={value} data-testid={`rating-${value}`} checked={rating === value} onChange={() => setRating(value)} />
            <span>{t(`issues.ratings.${value}`)}</span>
          </label>
        ))}
      </fieldset>
      {poor && (
        <p className="notice small" role="status" data-testid="poor-rating-note">
          {t('issues.act.poorRating')}
        </p>
      )}
      <TextAreaField label={t('issues.act.comment')} data-testid="act-comment" value={comment} maxLength={ISSUE_LIMITS.comment.max} onChange={(e) => setComment(e.target.value)} />
      <PanelButtons testId="act-submit" label={poor ? t('issues.act.confirmPoor') : t('issues.act.confirmGood')} submitClass={poor ? 'danger solid' : 'primary'} disabled={pending || rating === null} onCancel={onCancel} />
    </form>
  );
}
