import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, isMutedAt, type Channel, type Member, type MyCommunity } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { useFormatDate } from '../../lib/format';
import { useNavigateTo } from '../../lib/route';
import { useConnection } from '../../lib/socket';
import { Composer } from './Composer';
import type { MessageContext } from './message/MessageContext';
import { MessageList } from './MessageList';
import { useChat, useChatStore } from './store';
import { ThreadPanel } from './ThreadPanel';
import { TypingIndicator } from './TypingIndicator';
import { usePresence } from './usePresence';
import { useNameWithRole } from '../home/StaffDirectory';
import { postBlock, useNowUntil, type ChatItem } from './util';
import { useCommunityActor } from '../communities/actor';
import { ChannelKindLink } from './ChannelKindLink';
import { useChannelTopic } from '../deliberation/deliberationQueries';
import { useGoBack } from '../shell/useGoBack';

interface Props {
  mine: MyCommunity;
  channel: Channel;
  members: Member[] | null;
  /** A message to bring into view (from a notification). */
  focusMessageId: string | null;
  /** The open thread (from the URL's ?thread=). */
  threadId: string | null;
  /** The side panel with the channel's details and members (desktop: beside the chat). */
  panelOpen: boolean;
  onTogglePanel: () => void;
  onBack: () => void;
}

/** One channel's conversation: header with its charter, timeline, typing line and composer. */
export function ChatView({ mine, channel, members, focusMessageId, threadId, panelOpen, onTogglePanel, onBack }: Props) {
  const navigate = useNavigateTo();
  const goBack = useGoBack();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const withRole = useNameWithRole();
  const { state: connection, epoch } = useConnection();
  const channelId = channel.id;
  const communityId = mine.community.id;
  const chat = useChatStore();
  const timeline = useChat((state) => state.timelines[channelId]);
  const outbox = useChat((state) => state.outbox);
  const dividerSeq = useChat((state) => state.dividerSeq[channelId]);
  const online = usePresence(communityId);
  const [topicOpen, setTopicOpen] = useState(false);
  const [highlightId, setHighlightId] = useState<string | null>(null);
  const [sentTick, setSentTick] = useState(0);
  // Re-drawn when a mute ends, so the composer comes back by itself.
  const now = useNowUntil(mine.membership.mutedUntil);
  const communityActor = useCommunityActor();
  const actor = useMemo(() => ({ ...communityActor, muted: isMutedAt(mine.membership.mutedUntil, now) }), [communityActor, mine.membership.mutedUntil, now]);
  const me = actor.userId;
  // A deliberation topic's channel: closed, it takes posts and reactions from staff only.
  const topic = useChannelTopic(channel);
  const topicState = topic?.state ?? null;
  const block = postBlock(channel, actor, mine.membership.mutedUntil, topicState ? { state: topicState } : null);
  const canReact = topicState === null || can(actor, 'deliberation.endorse', { state: topicState });

  useEffect(() => {
    chat.setActiveChannel(channelId);
    return () => chat.setActiveChannel(null);
  }, [chat, channelId]);

  useEffect(() => {
    if (epoch > 0) void chat.openTimeline(channelId);
  }, [chat, channelId, epoch]);

  // Phones: the chat covers the page; stop the page behind it from scrolling.
  useEffect(() => {
    document.documentElement.classList.add('chat-open');
    return () => document.documentElement.classList.remove('chat-open');
  }, []);

  // From a notification: scroll to the message, or open its thread.
  useEffect(() => {
    if (!focusMessageId || epoch === 0) return;
    let cancelled = false;
    void chat.openThread(focusMessageId).then((res) => {
      if (cancelled) return;
      setHighlightId(focusMessageId);
      let thread: string | null = null;
      if ('parentId' in res) {
        const inTimeline = document.getElementById(`message-${focusMessageId}`) !== null;
        if (res.parentId !== focusMessageId || !inTimeline) thread = res.parentId;
      }
      // Drop ?message= without a history entry (back leaves the channel, not the highlight); a reply opens its thread.
      navigate({ name: 'community', communityId, view: 'chat', channelId, messageId: null, threadId: thread }, { replace: true });
    });
    return () => {
      cancelled = true;
    };
  }, [chat, focusMessageId, epoch, communityId, channelId, navigate]);

  const memberNames = useMemo(() => new Set((members ?? []).map((member) => member.displayName)), [members]);
  const mutedUntil = useMemo(
    () => new Map((members ?? []).flatMap((member) => (member.mutedUntil ? [[member.userId, member.mutedUntil] as const] : []))),
    [members],
  );
  const roles = useMemo(() => new Map((members ?? []).map((member) => [member.userId, member.role] as const)), [members]);
  // The thread is in the URL: opening it adds a history entry, so back (or the back gesture) closes it.
  const openThreadPanel = useCallback(
    (id: string) => navigate({ name: 'community', communityId, view: 'chat', channelId, threadId: id }),
    [navigate, communityId, channelId],
  );
  const closeThread = () => goBack({ name: 'community', communityId, view: 'chat', channelId });
  const ctx = useMemo<MessageContext>(
    () => ({ me, communityId, actor, channel, roles, memberNames, mutedUntil, onOpenThread: openThreadPanel, canReact }),
    [me, communityId, actor, channel, roles, memberNames, mutedUntil, openThreadPanel, canReact],
  );

  const items = useMemo<ChatItem[]>(() => {
    const messages = timeline?.messages ?? [];
    const stored: ChatItem[] = messages.map((message) => ({ kind: 'message', message }));
    const held = new Set(messages.map((message) => message.clientId));
    const local: ChatItem[] = Object.values(outbox)
      .filter((entry) => entry.channelId === channelId && entry.parentId === null && !held.has(entry.clientId))
      .sort((first, second) => first.createdAt.localeCompare(second.createdAt))
      .map((entry) => ({ kind: 'outbox', entry }));
    return [...stored, ...local];
  }, [timeline, outbox, channelId]);

  const onlineCount = online ? Object.keys(online).length : null;
  const blockText =
    block === null
      ? null
      : block.reason === 'muted'
        ? t('chat.readOnly.muted', { time: formatDate(block.until) })
        : t(`chat.readOnly.${block.reason}`);

  return (
    <section className={`chat-view${threadId ? ' has-thread' : ''}`} data-testid="chat-view" data-channel-id={channelId} aria-labelledby="chat-title">
      <div className="chat-main" data-testid="chat-main">
      <header className="chat-header" data-testid="chat-header">
        <div className="chat-title-row">
          <button type="button" className="ghost chat-back" data-testid="chat-back" aria-label={t('chat.back')} onClick={onBack}>
            <span aria-hidden="true">‹</span>
            <span className="back-label">{t('chat.backShort')}</span>
          </button>
          <div className="chat-title">
            <h2 id="chat-title">{channel.name}</h2>
            <span className="muted small chat-sub">
              <span className={`badge kind kind-${channel.kind}`}>{t(`channelKinds.${channel.kind}`)}</span>{' '}
              <span data-testid="chat-owner">{t('chat.owner', { name: withRole(channel.ownerId, channel.ownerName) })}</span>
              {onlineCount !== null && (
                <>
                  {' · '}
                  <span className="presence-count" data-testid="presence-count" data-count={onlineCount}>
                    <span className="presence-dot" aria-hidden="true" /> {t('chat.online', { count: onlineCount })}
                  </span>
                </>
              )}
            </span>
          </div>
          <button
            type="button"
            className="ghost topic-toggle"
            data-testid="topic-toggle"
            aria-expanded={topicOpen}
            aria-controls="chat-topic"
            aria-label={topicOpen ? t('chat.topicHide') : t('chat.topicShow')}
            onClick={() => setTopicOpen((wasOpen) => !wasOpen)}
          >
            {t('chat.topicToggle')} {topicOpen ? '▴' : '▾'}
          </button>
          <button
            type="button"
            className={`ghost details-toggle${panelOpen ? ' active' : ''}`}
            data-testid="chat-details-toggle"
            aria-expanded={panelOpen}
            aria-label={panelOpen ? t('chatScreen.detailsClose') : t('chatScreen.detailsAria')}
            onClick={onTogglePanel}
          >
            {t('chatScreen.details')}
          </button>
        </div>
        <p id="chat-topic" className={`chat-topic pre small${topicOpen ? ' open' : ''}`} data-testid="chat-topic">
          {channel.topicPlan}
        </p>
        <ChannelKindLink channel={channel} topicId={topic?.id ?? null} />
      </header>

      {connection !== 'connected' && (
        <p className="reconnect-banner" data-testid="reconnect-banner" role="status" data-state={connection}>
          {connection === 'offline' ? t('chat.offline') : t('chat.reconnecting')}
        </p>
      )}
      {timeline?.error && (
        <p className="error small" role="alert">
          {errorText(timeline.error)}
        </p>
      )}

      <MessageList
        channelId={channelId}
        items={items}
        ctx={ctx}
        loaded={timeline?.loaded ?? false}
        hasMore={timeline?.hasMore ?? false}
        loadingOlder={timeline?.loadingOlder ?? false}
        onLoadOlder={() => chat.loadOlder(channelId)}
        dividerSeq={dividerSeq ?? null}
        highlightId={threadId ? null : highlightId}
        sentTick={sentTick}
      />

      <TypingIndicator channelId={channelId} />

      {blockText ? (
        <div className="composer disabled" data-testid="composer-disabled">
          <div className="composer-row">
            <textarea data-testid="composer-input" rows={1} disabled value="" placeholder={t('chat.readOnlyShort')} aria-label={blockText} readOnly />
            <button type="button" className="primary send" data-testid="send-button" disabled>
              {t('chat.send')}
            </button>
          </div>
          <p className="muted small" data-testid="composer-blocked" data-reason={block?.reason}>
            {blockText}
          </p>
        </div>
      ) : (
        <Composer
          channelId={channelId}
          members={members}
          me={me}
          placeholder={t('chat.composerPlaceholder')}
          inputTestId="composer-input"
          sendTestId="send-button"
          onSent={() => setSentTick((tick) => tick + 1)}
          communityId={communityId}
        />
      )}

      </div>
      {threadId && (
        <ThreadPanel
          key={threadId}
          parentId={threadId}
          channelId={channelId}
          ctx={ctx}
          members={members}
          canPost={block === null}
          highlightId={highlightId}
          onClose={closeThread}
        />
      )}
    </section>
  );
}
