import { useTranslation } from 'react-i18next';
import type { Channel } from '@linli/shared';
import { useNavigateTo } from '../../lib/route';

/** The page a channel of this kind is about: its talk happens here, its record lives there. */
const pageOf: Partial<Record<Channel['kind'], 'issues' | 'deliberations' | 'polls' | 'decisions'>> = {
  issues: 'issues',
  deliberation: 'deliberations',
  voting: 'polls',
  decisions: 'decisions',
};

/**
 * A link from a themed channel to its board (the 决议公示 channel to the decisions board, ...);
 * a deliberation topic's channel (topicId given) links its topic's page instead.
 */
export function ChannelKindLink({ channel, topicId = null }: { channel: Channel; topicId?: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const view = pageOf[channel.kind];
  if (!view) return null;
  const itemId = view === 'deliberations' ? topicId : null;
  return (
    <button
      type="button"
      className="link small channel-board-link"
      data-testid="channel-board-link"
      data-view={view}
      data-item={itemId ?? undefined}
      onClick={() => navigate({ name: 'community', communityId: channel.communityId, view, channelId: null, itemId })}
    >
      {itemId ? t('chat.boardLink.topic') : t(`chat.boardLink.${view}`)} ›
    </button>
  );
}
