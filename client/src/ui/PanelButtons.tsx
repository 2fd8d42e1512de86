import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: ReactNode;
  /** The submit button's data-testid (e2e tests select it). */
  testId: string;
  submitClass?: string;
  disabled: boolean;
  onCancel: () => void;
  /** The row's class: `row` unless the form lays its buttons out otherwise. */
  className?: string;
}

/** The submit and cancel buttons every action panel and form ends with. */
export function PanelButtons({ label, testId, submitClass = 'primary', disabled, onCancel, className = 'row' }: Props) {
  const { t } = useTranslation();
  return (
    <div className={className}>
      <button type="submit" className={submitClass} data-testid={testId} disabled={disabled}>
        {label}
      </button>
      <button type="button" className="ghost" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
