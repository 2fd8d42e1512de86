import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DELIBERATION_LIMITS, type Deliberation } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextAreaField } from '../../ui/TextAreaField';
import { PanelButtons } from '../../ui/PanelButtons';

/** Staff end the discussion with a written summary of both sides and the conclusion. */
export function CloseForm({ topic, onDone, onCancel }: { topic: Deliberation; onDone: (topic: Deliberation) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [summaryFor, setFor] = useState('');
  const [summaryAgainst, setAgainst] = useState('');
  const [conclusion, setConclusion] = useState('');
  const ready = summaryFor.trim() && summaryAgainst.trim() && conclusion.trim();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready) return;
    const closed = await action.run(() => request('deliberation:close', { deliberationId: topic.id, summaryFor: summaryFor.trim(), summaryAgainst: summaryAgainst.trim(), conclusion: conclusion.trim() }));
    if (closed) onDone(closed);
  }

  const max = DELIBERATION_LIMITS.summary.max;
  return (
    <form className="stack panel delib-close-form" data-testid="delib-close-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('deliberation.close.title')}</h3>
      <p className="muted small">{t('deliberation.close.hint')}</p>
      <TextAreaField label={t('deliberation.summary.for')} data-testid="delib-summary-for" value={summaryFor} maxLength={max} required onChange={(e) => setFor(e.target.value)} />
      <TextAreaField label={t('deliberation.summary.against')} data-testid="delib-summary-against" value={summaryAgainst} maxLength={max} required onChange={(e) => setAgainst(e.target.value)} />
      <TextAreaField label={t('deliberation.summary.conclusion')} data-testid="delib-conclusion" value={conclusion} maxLength={max} required onChange={(e) => setConclusion(e.target.value)} />
      <ErrorLine error={action.error} />
      <PanelButtons label={t('deliberation.close.submit')} testId="delib-close-submit" disabled={action.pending || !ready} onCancel={onCancel} />
    </form>
  );
}
