/** Small helpers for the chat view: time labels, who may post, the current time. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Actor, type Channel, type DeliberationState, type Message } from '@linli/shared';
import type { OutboxEntry } from './store';

/** One row of a timeline: a stored message or a local one not yet stored. */
export type ChatItem = { kind: 'message'; message: Message } | { kind: 'outbox'; entry: OutboxEntry };

export const itemKey = (item: ChatItem): string => (item.kind === 'message' ? item.message.id : `local-${item.entry.clientId}`);
export const itemTime = (item: ChatItem): string => (item.kind === 'message' ? item.message.createdAt : item.entry.createdAt);

export const QUICK_EMOJI = ['👍', '❤️', '😂', '🙏', '👏', '😮'] as const;
export const MUTE_CHOICES = [10, 60, 1440, 10080] as const;

/** Characters that end an @mention (the server parses the same set). */
export const MENTION_TOKEN = /(@[^\s@,，。.!！?？:：;；]{1,40})/u;

/** "14:05" in the current language. */
export function useClock(): (iso: string) => string {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useCallback(
    (iso: string) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso)),
    [locale],
  );
}

const dayKey = (date: Date) => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
export const sameDay = (first: string, second: string) => dayKey(new Date(first)) === dayKey(new Date(second));

/** "今天", "昨天" or a date, for day separators. */
export function useDayLabel(): (iso: string) => string {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useCallback(
    (iso: string) => {
      const date = new Date(iso);
      const today = new Date();
      const yesterday = new Date(today.getTime() - 86_400_000);
      if (dayKey(date) === dayKey(today)) return t('chat.today');
      if (dayKey(date) === dayKey(yesterday)) return t('chat.yesterday');
      const sameYear = date.getFullYear() === today.getFullYear();
      return new Intl.DateTimeFormat(locale, sameYear ? { month: 'long', day: 'numeric', weekday: 'short' } : { dateStyle: 'long' }).format(date);
    },
    [locale, t],
  );
}

/** The current time, re-rendering at `until` (e.g. when a mute ends). */
export function useNowUntil(until: string | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const wait = new Date(until).getTime() - Date.now();
    if (wait <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(wait + 200, 2_147_000_000));
    return () => clearTimeout(timer);
  }, [until]);
  return now;
}

export type PostBlock =
  | { reason: 'archived' }
  | { reason: 'announcements' }
  | { reason: 'decisions' }
  | { reason: 'muted'; until: string }
  | { reason: 'topicClosed' }
  | null;

/**
 * Why the user may not post in the channel, or null when they may: the server's rules
 * (message.send, channel.post, and in a deliberation topic's channel deliberation.argue
 * against the topic's state), worded. `topic`: the topic whose channel it is, if any.
 */
export function postBlock(channel: Channel, actor: Actor, mutedUntil: string | null, topic: { state: DeliberationState } | null = null): PostBlock {
  if (can(actor, 'message.send', channel)) {
    // Allowed to send (so not muted): only the topic's state can still refuse.
    return topic && !can(actor, 'deliberation.argue', topic) ? { reason: 'topicClosed' } : null;
  }
  if (channel.archived) return { reason: 'archived' };
  if (!can(actor, 'channel.post', channel)) return { reason: channel.kind === 'decisions' ? 'decisions' : 'announcements' };
  return { reason: 'muted', until: mutedUntil ?? '' };
}
