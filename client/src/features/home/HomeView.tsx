import type { MyCommunity } from '@linli/shared';
import { useNavigateTo } from '../../lib/route';
import { ChatView } from '../chat/ChatView';
import { usePresence } from '../chat/usePresence';
import { ChannelDetails } from './ChannelDetails';
import { ChannelList } from './ChannelList';
import { HouseholdForm } from './HouseholdForm';
import { MemberList } from './MemberList';
import { OrganisationSummary } from './OrganisationSummary';
import type { CommunityData } from './useCommunityData';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
  channelId: string | null;
  messageId: string | null;
  isStaff: boolean;
}

/** Community home: channels beside the open conversation, my household, organisations, members. */
export function HomeView({ mine, data, channelId, messageId, isStaff }: Props) {
  const navigate = useNavigateTo();
  const communityId = mine.community.id;
  const selected = data.channels?.find((channel) => channel.id === channelId && (!channel.archived || isStaff)) ?? null;
  const online = usePresence(communityId);

  const select = (id: string | null) => navigate({ name: 'community', communityId, view: 'home', channelId: id });

  return (
    <div className={`home-grid${selected ? ' has-chat' : ''}`}>
      <div className="home-channels">
        <ChannelList channels={data.channels} selectedId={selected?.id ?? null} onSelect={select} />
      </div>
      <div className="home-details">
        {selected ? (
          <ChatView
            key={selected.id}
            mine={mine}
            channel={selected}
            members={data.members}
            focusMessageId={messageId}
            onBack={() => select(null)}
          />
        ) : (
          <ChannelDetails channel={null} organisations={data.organisations} onClose={() => select(null)} />
        )}
      </div>
      <div className="home-side">
        <HouseholdForm key={communityId} mine={mine} />
        <OrganisationSummary organisations={data.organisations} />
        <MemberList members={data.members} organisations={data.organisations} online={online} />
      </div>
    </div>
  );
}
