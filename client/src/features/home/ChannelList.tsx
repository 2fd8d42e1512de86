import { useTranslation } from 'react-i18next';
import type { Channel } from '@linli/shared';
import { useChat } from '../chat/store';
import { useNameWithRole } from './StaffDirectory';

interface Props {
  channels: Channel[] | null;
  selectedId: string | null;
  onSelect: (channelId: string) => void;
  /** Heading and hint (default: 频道 and what a channel is). */
  title?: string;
  hint?: string;
  /** The list's data-testid (default channel-list). */
  testId?: string;
}

/** Every channel with what it is for and who answers for it: the core difference from a chat group. */
export function ChannelList({ channels, selectedId, onSelect, title, hint, testId = 'channel-list' }: Props) {
  const { t } = useTranslation();
  const visible = (channels ?? []).filter((channel) => !channel.archived);
  const readStates = useChat((state) => state.readStates);
  const withRole = useNameWithRole();

  return (
    <section className="panel channel-list-panel" aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`}>{title ?? t('home.channels')}</h2>
      <p className="muted small">{hint ?? t('home.channelsHint')}</p>
      {channels === null && <p className="muted">{t('app.loading')}</p>}
      <ul className="list" data-testid={testId}>
        {channels !== null && visible.length === 0 && <li className="empty muted">{t('home.noChannels')}</li>}
        {visible.map((channel) => {
          const unread = readStates[channel.id]?.unread ?? 0;
          return (
          <li key={channel.id}>
            <button
              type="button"
              className={`channel-item card-button clickable kind-${channel.kind}`}
              data-testid="channel-item"
              data-channel-id={channel.id}
              aria-current={channel.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(channel.id)}
            >
              <span className="channel-head">
                <span className="card-title" data-testid="channel-name">
                  {channel.name}
                </span>
                <span className="channel-badges">
                  <span className={`badge kind kind-${channel.kind}`}>{t(`channelKinds.${channel.kind}`)}</span>
                  {unread > 0 && (
                    <span className="count unread" data-testid="unread-badge" aria-label={t('home.unread', { count: unread })}>
                      {/* The server counts up to LIMITS.message.unreadCap. */}
                      {unread > 99 ? '99+' : unread}
                    </span>
                  )}
                </span>
              </span>
              <span className="channel-topic" data-testid="channel-topic">
                {channel.topicPlan}
              </span>
              <span className="muted small" data-testid="channel-owner">
                {t('home.owner', { name: withRole(channel.ownerId, channel.ownerName) })}
              </span>
            </button>
          </li>
          );
        })}
      </ul>
    </section>
  );
}
