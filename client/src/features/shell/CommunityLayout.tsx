import type { ReactNode } from 'react';
import { useNavCounts } from '../agenda/useNavCounts';
import { HubSwitch, SideNav, TabBar, useNavItems, type NavPlace } from './CommunityNav';
import { useWide } from './useWide';

type Groups = ReturnType<typeof useNavItems>;

interface Props {
  communityName: string;
  place: NavPlace;
  isStaff: boolean;
  /** A load error of the community's data, shown above the page. */
  error?: ReactNode;
  children: (groups: Groups) => ReactNode;
}

/**
 * The frame of a community's pages. Desktop (>= 1024 px): the narrow navigation on the left and the
 * page in the main column. Phone: one column and the tab bar fixed at the bottom.
 */
export function CommunityLayout({ communityName, place, isStaff, error, children }: Props) {
  const wide = useWide();
  const counts = useNavCounts(place.communityId, isStaff);
  const groups = useNavItems(place, isStaff, counts);
  const inHub = place.view === 'deliberations' || place.view === 'polls' || place.view === 'decisions';
  return (
    <div className={`community-layout ${wide ? 'wide' : 'narrow'}`} data-view={place.view}>
      {wide && <SideNav groups={groups} communityName={communityName} />}
      <main className="community-main" id="main" data-testid="community-main">
        {!wide && inHub && <HubSwitch groups={groups} />}
        {error}
        {children(groups)}
      </main>
      {!wide && <TabBar groups={groups} place={place} />}
    </div>
  );
}
