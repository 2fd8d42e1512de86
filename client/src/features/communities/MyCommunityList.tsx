import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../lib/errors';
import { useNavigateTo } from '../../lib/route';
import { CommunityFacts } from './CommunityFacts';
import { useMyCommunities } from './useMyCommunities';

export function MyCommunityList() {
  const navigate = useNavigateTo();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { list, error, reload } = useMyCommunities();

  return (
    <section className="panel" aria-labelledby="my-communities-title">
      <h2 id="my-communities-title">{t('picker.title')}</h2>
      {list === null && !error && <p className="muted">{t('app.loading')}</p>}
      {error && (
        <p className="error" role="alert">
          {errorText(error)}{' '}
          <button type="button" className="link" onClick={reload}>
            {t('common.retry')}
          </button>
        </p>
      )}
      <ul className="list" data-testid="community-list">
        {list !== null && list.length === 0 && <li className="empty muted">{t('picker.empty')}</li>}
        {(list ?? []).map(({ community, membership }) => (
          <li key={community.id}>
            <button
              type="button"
              className="card-button clickable"
              data-testid="community-item"
              data-community-id={community.id}
              onClick={() => navigate({ name: 'community', communityId: community.id, view: 'home', channelId: null })}
            >
              <span className="card-title">{community.name}</span>
              <span className="muted small">
                <CommunityFacts district={community.district} street={community.street} memberCount={community.memberCount} />
              </span>
              <span className="badges">
                <span className={`badge role-${membership.role}`}>{t(`roles.${membership.role}`)}</span>
                <span className={`badge hh-${membership.household?.status ?? 'none'}`}>
                  {t(`householdStatus.${membership.household?.status ?? 'none'}`)}
                </span>
              </span>
              <span className="card-cta" aria-hidden="true">
                {t('picker.enter')} ›
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
