import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ISSUE_LIMITS, issueTransitions } from '@linli/shared';
import { TextAreaField } from '../../ui/TextAreaField';
import type { ActBody, PanelProps } from './actTypes';
import { PanelButtons } from '../../ui/PanelButtons';

type ReasonAction = 'start' | 'return' | 'resolve' | 'reject' | 'reopen' | 'urge';

/** An action that carries a reason or note: required where the lifecycle table says so. */
export function ReasonPanel({ action, pending, onSend, onCancel }: PanelProps & { action: ReasonAction }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const required = issueTransitions[action].reason;
  const label = action === 'resolve' ? t('issues.act.resolveNote') : action === 'urge' ? t('issues.act.urgeNote') : required ? t('issues.act.reason') : t('issues.act.reasonOptional');

  function submit(e: FormEvent) {
    e.preventDefault();
    const text = reason.trim();
    if (required && !text) return;
    onSend({ action, reason: text } as ActBody);
  }

  return (
    <form className="stack act-panel" data-testid={`act-panel-${action}`} onSubmit={submit}>
      <TextAreaField
        label={label}
        data-testid="act-reason"
        value={reason}
        maxLength={ISSUE_LIMITS.reason.max}
        required={required}
        onChange={(e) => setReason(e.target.value)}
      />
      <PanelButtons testId="act-submit" label={t(`issues.actions.${action}`)} submitClass={action === 'reject' ? 'danger solid' : 'primary'} disabled={pending || (required && !reason.trim())} onCancel={onCancel} />
    </form>
  );
}
