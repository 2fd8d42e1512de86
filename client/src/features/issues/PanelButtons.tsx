import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The submit and cancel buttons every action panel ends with. */
export function PanelButtons({ label, submitClass = 'primary', disabled, onCancel }: { label: ReactNode; submitClass?: string; disabled: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="row">
      <button type="submit" className={submitClass} data-testid="act-submit" disabled={disabled}>
        {label}
      </button>
      <button type="button" className="ghost" onClick={onCancel}>
        {t('issues.act.cancel')}
      </button>
    </div>
  );
}
