import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  testId?: string;
  danger?: boolean;
}

/** Two-step button for irreversible actions (no blocking window.confirm). */
export function ConfirmButton({ label, confirmLabel, onConfirm, disabled, testId, danger }: Props) {
  const { t } = useTranslation();
  const [armed, setArmed] = useState(false);
  const tone = danger ? 'danger' : 'secondary';

  if (!armed) {
    return (
      <button type="button" className={tone} data-testid={testId} disabled={disabled} onClick={() => setArmed(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm-group">
      <button
        type="button"
        className={danger ? 'danger solid' : 'primary'}
        data-testid={testId ? `${testId}-confirm` : undefined}
        disabled={disabled}
        onClick={() => {
          setArmed(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="ghost" onClick={() => setArmed(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
