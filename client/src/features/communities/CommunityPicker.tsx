import { useTranslation } from 'react-i18next';
import { DiscoverCommunities } from './DiscoverCommunities';
import { JoinByCode } from './JoinByCode';
import { MyCommunityList } from './MyCommunityList';
import { useMyCommunities } from './useMyCommunities';
import { OversightEntry } from '../index/OversightEntry';

/** Where a signed-in user lands: my communities, join by code, or ask to join. */
export function CommunityPicker() {
  const { t } = useTranslation();
  const { revoked } = useMyCommunities();
  return (
    <main className="page picker">
      {revoked && (
        <p className="notice" role="status">
          {t(`picker.revoked.${revoked.reason}`, { name: revoked.name })}
        </p>
      )}
      <div className="picker-grid">
        <MyCommunityList />
        <div className="stack-lg">
          <OversightEntry />
          <JoinByCode />
          <DiscoverCommunities />
        </div>
      </div>
    </main>
  );
}
