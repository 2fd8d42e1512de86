/** Locale-aware formatting that follows the UI language. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Formats ISO timestamps as a short date and time in the current language. */
export function useFormatDate(): (iso: string | null) => string {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useCallback(
    (iso: string | null) => {
      if (!iso) return t('date.never');
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return t('date.never');
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
    },
    [locale, t],
  );
}

/** "3栋 2单元 1201" style address of a household. */
export function formatAddress(parts: { building: string; unit: string; room: string }): string {
  return [parts.building, parts.unit, parts.room].filter((part) => part.length > 0).join(' ');
}
