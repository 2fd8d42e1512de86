import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { LoginScreen } from './features/auth/LoginScreen';
import { SessionContext, useSession, useSessionControls, type Session } from './features/auth/session';
import { SessionScope } from './features/auth/SessionScope';
import { CommunityPicker } from './features/communities/CommunityPicker';
import { MyCommunitiesLive, useMyCommunities } from './features/communities/useMyCommunities';
import { CommunityScreen } from './features/home/CommunityScreen';
import { NotificationsBell } from './features/notifications/NotificationsBell';
import { Header } from './features/shell/Header';
import { useRoute, type Route } from './lib/route';
import { OversightScreen } from './features/index/OversightScreen';

export function App() {
  const { t } = useTranslation();
  const { state, signIn, logout } = useSessionControls();
  const user = state.status === 'authenticated' ? state.user : null;
  const session = useMemo<Session | null>(() => (user ? { user, logout } : null), [user, logout]);

  if (state.status === 'loading') {
    return (
      <div className="splash" role="status">
        {t('app.loading')}
      </div>
    );
  }
  if (!session) {
    return (
      <>
        <Header />
        <LoginScreen ended={state.status === 'anonymous' ? state.ended : null} onSignedIn={signIn} />
      </>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <SessionScope key={session.user.id} userId={session.user.id}>
        <SignedIn />
      </SessionScope>
    </SessionContext.Provider>
  );
}

function SignedIn() {
  const route = useRoute();
  return (
    <MyCommunitiesLive>
      <SignedInLayout route={route} />
    </MyCommunitiesLive>
  );
}

function SignedInLayout({ route }: { route: Route & { known: boolean } }) {
  const { t } = useTranslation();
  const communities = useMyCommunities();
  const session = useSession();
  if (!route.known) return <Navigate to="/" replace />;
  const community =
    route.name === 'community'
      ? communities.list?.find((item) => item.community.id === route.communityId)?.community
      : undefined;

  return (
    <>
      <Header
        user={session.user}
        communityName={route.name === 'community' ? (community?.name ?? '…') : undefined}
        onLogout={session.logout}
        bell={<NotificationsBell />}
      />
      {route.name === 'picker' ? (
        <CommunityPicker />
      ) : route.name === 'oversight' ? (
        <OversightScreen regionId={route.regionId} />
      ) : (
        <CommunityScreen
          key={route.communityId}
          communityId={route.communityId}
          view={route.view}
          channelId={route.channelId}
          messageId={route.messageId ?? null}
          threadId={route.threadId ?? null}
          issueId={route.issueId ?? null}
          issueTab={route.issueTab ?? 'list'}
          itemId={route.itemId ?? null}
        />
      )}
      <footer className="app-footer muted small">{t('app.footer')}</footer>
    </>
  );
}
