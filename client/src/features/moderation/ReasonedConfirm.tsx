import { useState } from 'react';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { TextField } from '../../ui/TextField';

/** Longest reason a ban or unban may carry. */
const REASON_MAX = 300;

interface Props {
  reasonLabel: string;
  label: string;
  confirmLabel: string;
  testId: string;
  danger?: boolean;
  disabled: boolean;
  /** Called with the trimmed reason. */
  onConfirm: (reason: string) => void;
}

/** An optional reason and a two-step button, for an inline form (ban, lift a ban). */
export function ReasonedConfirm({ reasonLabel, label, confirmLabel, testId, danger, disabled, onConfirm }: Props) {
  const [reason, setReason] = useState('');
  return (
    <>
      <TextField label={reasonLabel} inline maxLength={REASON_MAX} value={reason} onChange={(e) => setReason(e.target.value)} />
      <ConfirmButton
        label={label}
        confirmLabel={confirmLabel}
        testId={testId}
        danger={danger}
        disabled={disabled}
        onConfirm={() => onConfirm(reason.trim())}
      />
    </>
  );
}
