import { useEffect, useRef } from 'react';
import type { MyCommunity } from '@linli/shared';
import { navigate } from '../../lib/route';
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
}

/** Community home: channels with their charters, my household, organisations, members. */
export function HomeView({ mine, data, channelId }: Props) {
  const communityId = mine.community.id;
  const selected = data.channels?.find((c) => c.id === channelId && !c.archived) ?? null;
  const detailsRef = useRef<HTMLDivElement>(null);

  // On phones the details sit below the list; bring them into view when picked.
  useEffect(() => {
    if (channelId && detailsRef.current && window.matchMedia('(max-width: 899px)').matches) {
      detailsRef.current.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  }, [channelId]);

  const select = (id: string | null) => navigate({ name: 'community', communityId, view: 'home', channelId: id });

  return (
    <div className="home-grid">
      <div className="home-channels">
        <ChannelList channels={data.channels} selectedId={selected?.id ?? null} onSelect={select} />
      </div>
      <div className="home-details" ref={detailsRef}>
        <ChannelDetails channel={selected} organisations={data.organisations} onClose={() => select(null)} />
      </div>
      <div className="home-side">
        <HouseholdForm key={communityId} mine={mine} />
        <OrganisationSummary organisations={data.organisations} />
        <MemberList members={data.members} organisations={data.organisations} />
      </div>
    </div>
  );
}
