import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ISSUE_LIMITS, type Issue } from '@linli/shared';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import type { PanelProps } from './actTypes';
import { DAY_MS, fromLocalInput, toLocalInput } from './datetime';
import { PanelButtons } from '../../ui/PanelButtons';

/** A later resolution deadline, with the reason (延期). */
export function ExtendPanel({ issue, pending, onSend, onCancel }: PanelProps & { issue: Issue }) {
  const { t } = useTranslation();
  const [deadline, setDeadline] = useState(() => toLocalInput(Math.max(Date.now(), issue.resolveBy ? Date.parse(issue.resolveBy) : 0) + 3 * DAY_MS));
  const [reason, setReason] = useState('');
  const resolveBy = fromLocalInput(deadline);
  const ready = resolveBy !== null && reason.trim() !== '';

  function submit(e: FormEvent) {
    e.preventDefault();
    if (ready && resolveBy) onSend({ action: 'extend', resolveBy, reason: reason.trim() });
  }

  return (
    <form className="stack act-panel" data-testid="act-panel-extend" onSubmit={submit}>
      <TextField label={t('issues.act.newDeadline')} type="datetime-local" data-testid="extend-deadline" value={deadline} onChange={(e) => setDeadline(e.target.value)} required />
      <TextAreaField label={t('issues.act.reason')} data-testid="act-reason" value={reason} maxLength={ISSUE_LIMITS.reason.max} required onChange={(e) => setReason(e.target.value)} />
      <PanelButtons testId="act-submit" label={t('issues.actions.extend')} disabled={pending || !ready} onCancel={onCancel} />
    </form>
  );
}
