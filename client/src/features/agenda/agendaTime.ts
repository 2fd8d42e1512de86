import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItem } from '@linli/shared';
import { useNow } from '../issues/deadline';

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 天后" / "2 小时前" in the UI language: the largest unit that fits, at least a minute. */
export function relativeTime(ms: number, locale: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(ms) >= size || unit === 'minute') return format.format(Math.trunc(ms / size), unit);
  }
  return format.format(0, 'minute');
}

/** An agenda item's time as a short phrase: "截止 3 天后", "已超期 · 截止 2 天前", "5 小时后结束", "10 分钟前". */
export function useAgendaTime(): (item: AgendaItem) => string {
  const { t, i18n } = useTranslation();
  const now = useNow();
  return useCallback(
    (item: AgendaItem) => {
      if (!item.at || !item.atKind) return '';
      const left = Date.parse(item.at) - now;
      const when = relativeTime(left, i18n.language);
      if (item.atKind === 'due' && (left < 0 || item.overdueLevel > 0)) return t('agenda.time.overdue', { when });
      return t(`agenda.time.${item.atKind}`, { when });
    },
    [i18n.language, now, t],
  );
}
