import { useTranslation } from 'react-i18next';
import type { MyCommunity } from '@linli/shared';
import { useNavigateTo } from '../../lib/route';
import { usePresence } from '../chat/usePresence';
import { CommunityFacts } from '../communities/CommunityFacts';
import { ChannelList } from '../home/ChannelList';
import { MemberList } from '../home/MemberList';
import { OrganisationSummary } from '../home/OrganisationSummary';
import type { CommunityData } from '../home/useCommunityData';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
}

/** /c/:id/about: the community, its organisations and their staff, its members and what each channel is for. */
export function AboutPage({ mine, data }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const { community } = mine;
  const online = usePresence(community.id);
  return (
    <div className="about-page" data-testid="about-page">
      <section className="panel about-intro" aria-labelledby="about-title">
        <h1 id="about-title">{t('about.title', { name: community.name })}</h1>
        <p className="muted small">
          <CommunityFacts district={community.district} street={community.street} memberCount={community.memberCount} />
        </p>
        <h2 className="sub-title">{t('about.description')}</h2>
        <p className="pre" data-testid="about-description">
          {community.description || <span className="muted">{t('about.noDescription')}</span>}
        </p>
      </section>
      <div className="about-orgs" data-testid="about-organisations">
        <OrganisationSummary organisations={data.organisations} />
      </div>
      <div className="about-channels">
        <ChannelList
          channels={data.channels}
          selectedId={null}
          title={t('about.channelsTitle')}
          hint={t('about.channelsHint')}
          testId="about-channel-list"
          onSelect={(channelId) => navigate({ name: 'community', communityId: community.id, view: 'chat', channelId })}
        />
      </div>
      <div className="about-members">
        <MemberList members={data.members} organisations={data.organisations} online={online} />
      </div>
    </div>
  );
}
