import { useTranslation } from 'react-i18next';

/** A labelled progress bar (0–100). */
export function ProgressBar({ percent, label, testId }: { percent: number; label?: string; testId?: string }) {
  const { t } = useTranslation();
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="progress" data-testid={testId} data-percent={value}>
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={value} aria-label={label ?? t('decision.progressLabel')}>
        <div className="progress-fill" style={{ width: `${value}%` }} />
      </div>
      <span className="progress-value small">{t('decision.progress', { percent: value })}</span>
    </div>
  );
}
