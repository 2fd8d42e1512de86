import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_LIMITS, type ActionItem } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextAreaField } from '../../ui/TextAreaField';

/** Moderators abandon an item, always with a reason (it stays on the page, out of the progress). */
export function AbandonForm({ item, onDone, onCancel }: { item: ActionItem; onDone: (item: ActionItem) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [reason, setReason] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await action.run(() => request('decision:abandonItem', { itemId: item.id, version: item.version, reason: reason.trim() }));
    if (saved) onDone(saved);
  }

  return (
    <form className="stack act-panel" data-testid="decision-abandon-form" onSubmit={(e) => void submit(e)}>
      <TextAreaField label={t('decision.form.reason')} data-testid="abandon-reason" value={reason} maxLength={DECISION_LIMITS.reason.max} onChange={(e) => setReason(e.target.value)} required />
      <ErrorLine error={action.error} small />
      <div className="row">
        <button type="submit" className="danger solid" data-testid="abandon-submit" disabled={reason.trim().length === 0 || action.pending}>
          {t('decision.form.abandonSubmit')}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          {t('decision.form.cancel')}
        </button>
      </div>
    </form>
  );
}
