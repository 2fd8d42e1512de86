import type { MyCommunity } from '@linli/shared';
import { useNavigateTo } from '../../lib/route';
import { AgendaView } from '../agenda/AgendaView';
import { ChannelList } from './ChannelList';
import type { CommunityData } from './useCommunityData';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
}

/** The community home (/c/:id): what needs me first, the channels (with unread counts) beside it. */
export function HomePage({ mine, data }: Props) {
  const navigate = useNavigateTo();
  const communityId = mine.community.id;
  return (
    <div className="home-page">
      <div className="home-agenda">
        <AgendaView mine={mine} data={data} />
      </div>
      <div className="home-channels">
        <ChannelList
          channels={data.channels}
          selectedId={null}
          onSelect={(channelId) => navigate({ name: 'community', communityId, view: 'chat', channelId })}
        />
      </div>
    </div>
  );
}
