import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { LoginScreen } from './features/auth/LoginScreen';
import { SessionContext, useSession, useSessionControls, type Session } from './features/auth/session';
import { CommunityPicker } from './features/communities/CommunityPicker';
import {
  MyCommunitiesContext,
  useMyCommunities,
  useMyCommunitiesStore,
} from './features/communities/useMyCommunities';
import { CommunityScreen } from './features/home/CommunityScreen';
import { startChat } from './features/chat/store';
import { NotificationsBell } from './features/notifications/NotificationsBell';
import { Header } from './features/shell/Header';
import { useRoute, type Route } from './lib/route';

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
      <SignedIn />
    </SessionContext.Provider>
  );
}

function SignedIn() {
  const { user } = useSession();
  // Idempotent: scopes the chat store (and its saved outbox) to this user before any child reads it.
  startChat(user.id);
  const communities = useMyCommunitiesStore();
  const route = useRoute();

  return (
    <MyCommunitiesContext.Provider value={communities}>
      <SignedInLayout route={route} />
    </MyCommunitiesContext.Provider>
  );
}

function SignedInLayout({ route }: { route: Route & { known: boolean } }) {
  const { t } = useTranslation();
  const communities = useMyCommunities();
  const session = useSession();
  if (!route.known) return <Navigate to="/" replace />;
  const community =
    route.name === 'community'
      ? communities.list?.find((c) => c.community.id === route.communityId)?.community
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
      ) : (
        <CommunityScreen
          key={route.communityId}
          communityId={route.communityId}
          view={route.view}
          channelId={route.channelId}
          messageId={route.messageId ?? null}
        />
      )}
      <footer className="app-footer muted small">{t('app.footer')}</footer>
    </>
  );
}
