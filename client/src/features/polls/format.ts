/** Formatting shared by the poll screens: option names, percentages, time left. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { PollKind } from '@linli/shared';
import type { BallotOption } from './ballot';

/** The label of an option id (yes/no/abstain in the reader's language for yes/no polls). */
export function useOptionLabel(kind: PollKind, options: readonly BallotOption[]): (id: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (id: string) => {
      if (kind === 'yesno' && (id === 'yes' || id === 'no' || id === 'abstain')) return t(`poll.ballot.yesno.${id}`);
      return options.find((option) => option.id === id)?.label ?? id;
    },
    [kind, options, t],
  );
}

export function usePercent(): (share: number) => string {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  return (share: number) => format.format(share);
}

export function useNumber(digits = 0): (value: number) => string {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return (value: number) => format.format(value);
}

/** "2天 3小时" style time span, two largest units. */
export function useSpan(): (ms: number) => string {
  const { t } = useTranslation();
  return (ms: number) => {
    const minutes = Math.floor(Math.max(0, ms) / 60_000);
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const mins = minutes % 60;
    if (minutes === 0) return t('poll.time.soon');
    if (days > 0) return [t('poll.time.days', { count: days }), hours > 0 ? t('poll.time.hours', { count: hours }) : ''].filter(Boolean).join(' ');
    if (hours > 0) return [t('poll.time.hours', { count: hours }), mins > 0 ? t('poll.time.minutes', { count: mins }) : ''].filter(Boolean).join(' ');
    return t('poll.time.minutes', { count: mins });
  };
}

/** A budget reason of counting.ts in words: "won", "lost: no votes", "lost: below quorum", "lost: did not fit (cost c > remaining budget r)". */
export type BudgetReason = { kind: 'won' } | { kind: 'noVotes' } | { kind: 'belowQuorum' } | { kind: 'didNotFit'; cost: number; remaining: number } | { kind: 'other'; text: string };

export function parseBudgetReason(text: string): BudgetReason {
  if (text === 'won') return { kind: 'won' };
  if (text === 'lost: no votes') return { kind: 'noVotes' };
  if (text === 'lost: below quorum') return { kind: 'belowQuorum' };
  const fit = /^lost: did not fit \(cost (\d+) > remaining budget (\d+)\)$/.exec(text);
  if (fit) return { kind: 'didNotFit', cost: Number(fit[1]), remaining: Number(fit[2]) };
  return { kind: 'other', text };
}
