import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../../i18n';
import { setElderMode, useElderMode } from '../../lib/prefs';

/** Toggles between Chinese and English; the label names the other language. */
export function LanguageSwitch({ testId = 'lang-switch' }: { testId?: string }) {
  const { t } = useTranslation();
  const next = currentLanguage() === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      className="ghost"
      data-testid={testId}
      lang={next}
      aria-label={t('header.switchLanguageAria')}
      onClick={() => setLanguage(next)}
    >
      {t('header.switchLanguage')}
    </button>
  );
}

/** Larger text and touch targets for older residents. */
export function ElderToggle({ testId = 'elder-toggle' }: { testId?: string }) {
  const { t } = useTranslation();
  const elder = useElderMode();
  return (
    <button
      type="button"
      className="ghost"
      data-testid={testId}
      aria-pressed={elder}
      title={t('header.elder')}
      onClick={() => setElderMode(!elder)}
    >
      {elder ? t('header.elderOn') : t('header.elderOff')}
    </button>
  );
}

/** Logs out (disabled while the request runs); in the header on desktops and on 我的. */
export function LogoutButton({ onLogout, testId = 'logout-button', className = 'ghost', title }: { onLogout: () => Promise<void>; testId?: string; className?: string; title?: string }) {
  const { t } = useTranslation();
  const [leaving, setLeaving] = useState(false);
  return (
    <button
      type="button"
      className={className}
      data-testid={testId}
      title={title}
      disabled={leaving}
      onClick={() => {
        setLeaving(true);
        void onLogout().finally(() => setLeaving(false));
      }}
    >
      {t('header.logout')}
    </button>
  );
}
