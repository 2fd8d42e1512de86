import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_LIMITS, type ActionItem } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextAreaField } from '../../ui/TextAreaField';
import { PanelButtons } from '../../ui/PanelButtons';

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
      <PanelButtons label={t('decision.form.abandonSubmit')} testId="abandon-submit" submitClass="danger solid" disabled={reason.trim().length === 0 || action.pending} onCancel={onCancel} />
    </form>
  );
}
