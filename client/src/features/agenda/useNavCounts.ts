import { useMemo } from 'react';
import type { AgendaSection } from '@linli/shared';
import { useChat } from '../chat/store/context';
import { useAgenda, useAgendaLive } from './agendaQueries';
import type { NavCounts } from './navEntries';

/** Sections that are information, not something waiting on the member (no count on 首页). */
const informational: ReadonlySet<AgendaSection['key']> = new Set(['index']);

/**
 * Live counts of what is new or waiting per navigation entry: the agenda's counts (kept live by its
 * pushes), the chat's from the chat store (channels with unread messages, live per message), and on
 * 首页 the number of things on the home page that wait on the member.
 */
export function useNavCounts(communityId: string, _isStaff: boolean): NavCounts {
  useAgendaLive(communityId);
  const agenda = useAgenda(communityId);
  const unreadChannels = useChat((state) => Object.values(state.readStates).filter((readState) => readState.communityId === communityId && readState.unread > 0).length);
  return useMemo(() => {
    const counts: NavCounts = { ...(agenda.data?.counts ?? {}) };
    counts.chat = unreadChannels;
    counts.home = (agenda.data?.sections ?? []).filter((section) => !informational.has(section.key)).reduce((total, section) => total + section.total, 0);
    return counts;
  }, [agenda.data, unreadChannels]);
}
