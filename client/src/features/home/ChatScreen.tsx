import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyCommunity } from '@linli/shared';
import { useNavigateTo } from '../../lib/route';
import { ChatView } from '../chat/ChatView';
import { usePresence } from '../chat/usePresence';
import { useWide } from '../shell/useWide';
import { useGoBack } from '../shell/useGoBack';
import { ChannelDetails } from './ChannelDetails';
import { ChannelList } from './ChannelList';
import { MemberList } from './MemberList';
import type { CommunityData } from './useCommunityData';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
  channelId: string | null;
  messageId: string | null;
  threadId: string | null;
  isStaff: boolean;
}

const lastChannelKey = (communityId: string) => `linli.lastChannel.${communityId}`;

function readLastChannel(communityId: string): string | null {
  try {
    return localStorage.getItem(lastChannelKey(communityId));
  } catch {
    return null;
  }
}

/**
 * The chat (/c/:id/chat, /c/:id/channels/:channel): channels beside the open conversation; a thread
 * opens beside its timeline; channel info and members open in a side panel on demand.
 * Phones: the list, and an open channel covers the screen (back returns to the list).
 */
export function ChatScreen({ mine, data, channelId, messageId, threadId, isStaff }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const goBack = useGoBack();
  const wide = useWide();
  const communityId = mine.community.id;
  const visible = (data.channels ?? []).filter((channel) => !channel.archived || isStaff);
  const selected = visible.find((channel) => channel.id === channelId) ?? null;
  const online = usePresence(communityId);
  const [panel, setPanel] = useState(false);
  const chatRoute = { name: 'community', communityId, view: 'chat', channelId: null } as const;

  // Desktop: /c/:id/chat opens the last channel read here (or the first) beside the list.
  const fallbackId = wide && !channelId && data.channels ? (visible.find((channel) => channel.id === readLastChannel(communityId)) ?? visible.find((channel) => !channel.archived))?.id : undefined;
  useEffect(() => {
    if (fallbackId) navigate({ ...chatRoute, channelId: fallbackId }, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fallbackId]);

  useEffect(() => {
    if (!selected) return;
    try {
      localStorage.setItem(lastChannelKey(communityId), selected.id);
    } catch {
      // Private mode: nothing to remember.
    }
  }, [communityId, selected]);

  const select = (id: string) => navigate({ ...chatRoute, channelId: id });
  const showPanel = panel && selected !== null;

  return (
    <div className={`chat-screen${selected ? ' has-chat' : ''}${threadId ? ' has-thread' : ''}${showPanel ? ' has-panel' : ''}`} data-testid="chat-screen">
      <div className="chat-channels">
        <ChannelList channels={data.channels} selectedId={selected?.id ?? null} onSelect={select} />
      </div>
      {selected ? (
        <ChatView
          key={selected.id}
          mine={mine}
          channel={selected}
          members={data.members}
          focusMessageId={messageId}
          threadId={threadId}
          panelOpen={showPanel}
          onTogglePanel={() => setPanel((open) => !open)}
          onBack={() => goBack(chatRoute)}
        />
      ) : (
        wide && (
          <section className="panel details-empty chat-placeholder" aria-live="polite">
            <p className="muted">{data.channels && visible.length === 0 ? t('home.noChannels') : t('chatScreen.pickChannel')}</p>
          </section>
        )
      )}
      {showPanel && (
        <aside className="chat-side" data-testid="chat-side-panel" aria-label={t('chatScreen.details')}>
          <ChannelDetails channel={selected} organisations={data.organisations} onClose={() => setPanel(false)} />
          <MemberList members={data.members} organisations={data.organisations} online={online} />
        </aside>
      )}
    </div>
  );
}
