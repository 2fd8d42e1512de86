/**
 * The agenda query ("what needs me" and the navigation's counts): one cached answer per
 * community, shared by the home page and the navigation. It is kept live by refetching
 * (debounced) when the server pushes anything that can change it: a report, poll,
 * decision, topic, survey or activity saved, a notification, a join request, a message
 * report. Reconnects refetch it with every other query (lib/query.ts).
 */
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ServerEventName } from '@linli/shared';
import { socket } from '../../lib/socket';
import { socketQueryFn, useSocketQuery } from '../../lib/query';

export const agendaKeys = {
  all: () => ['agenda'] as const,
  community: (communityId: string) => ['agenda', communityId] as const,
};

/** The pushes after which the agenda may read differently. */
export const agendaEvents = [
  'issue:saved',
  'poll:saved',
  'poll:closed',
  'decision:saved',
  'decision:itemSaved',
  'deliberation:saved',
  'survey:saved',
  'survey:responded',
  'activity:saved',
  'notification:created',
  'joinRequest:created',
  'joinRequest:decided',
  'report:created',
  'report:resolved',
  'member:updated',
  'membership:changed',
] as const satisfies readonly ServerEventName[];

/** Pushes arriving together (a decision and its items, a report and its notice) cost one refetch. */
export const AGENDA_REFRESH_DEBOUNCE_MS = 250;

export function useAgenda(communityId: string) {
  return useSocketQuery({ queryKey: agendaKeys.community(communityId), queryFn: socketQueryFn('agenda:get', { communityId }) });
}

/** Mounted once per community screen: refetches the agenda after the pushes above. */
export function useAgendaLive(communityId: string): void {
  const client = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void client.invalidateQueries({ queryKey: agendaKeys.community(communityId) });
      }, AGENDA_REFRESH_DEBOUNCE_MS);
    };
    const target = socket as unknown as { on(event: string, fn: () => void): void; off(event: string, fn: () => void): void };
    for (const event of agendaEvents) target.on(event, refresh);
    return () => {
      if (timer) clearTimeout(timer);
      for (const event of agendaEvents) target.off(event, refresh);
    };
  }, [client, communityId]);
}
