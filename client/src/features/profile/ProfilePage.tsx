import { useTranslation } from 'react-i18next';
import type { MyCommunity } from '@linli/shared';
import { useNavigateTo } from '../../lib/route';
import { useSession } from '../auth/session';
import { HouseholdForm } from '../home/HouseholdForm';
import { PushSection } from '../push/PushSection';
import { SmsSection } from '../sms/SmsSection';
import { ElderToggle, LanguageSwitch, LogoutButton } from '../shell/Preferences';

/** /c/:id/me: the resident in this community — name and role, household, preferences. */
export function ProfilePage({ mine }: { mine: MyCommunity }) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const { user, logout } = useSession();
  return (
    <div className="profile-page" data-testid="profile-page">
      <section className="panel" aria-labelledby="profile-title">
        <h1 id="profile-title">{t('profile.title', { name: mine.community.name })}</h1>
        <p className="muted small">{t('profile.hint')}</p>
        <dl className="facts profile-facts">
          <div>
            <dt>{t('profile.name')}</dt>
            <dd data-testid="profile-name">{user.displayName}</dd>
          </div>
          <div>
            <dt>{t('profile.role')}</dt>
            <dd data-testid="profile-role">{t(`roles.${mine.membership.role}`)}</dd>
          </div>
          <div>
            <dt>{t('profile.phone')}</dt>
            <dd>{user.phoneMasked}</dd>
          </div>
        </dl>
      </section>
      <HouseholdForm key={mine.community.id} mine={mine} />
      <PushSection />
      <SmsSection communityId={mine.community.id} />
      <section className="panel" aria-labelledby="profile-prefs">
        <h2 id="profile-prefs">{t('profile.preferences')}</h2>
        <p className="muted small">{t('profile.preferencesHint')}</p>
        <div className="button-row">
          <LanguageSwitch testId="profile-lang-switch" />
          <ElderToggle testId="profile-elder-toggle" />
          <button type="button" className="secondary" data-testid="profile-communities" onClick={() => navigate({ name: 'picker' })}>
            {t('profile.otherCommunities')}
          </button>
          <LogoutButton onLogout={logout} testId="profile-logout" />
        </div>
      </section>
    </div>
  );
}
