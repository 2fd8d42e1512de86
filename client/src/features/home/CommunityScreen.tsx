import { useTranslation } from 'react-i18next';
import { isStaff as isStaffRole } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { useNavigateTo, type CommunityView, type IssueTab } from '../../lib/route';
import { ModerationView } from '../moderation/ModerationView';
import { useMyCommunities } from '../communities/useMyCommunities';
import { useChatCommunity } from '../chat/useChatCommunity';
import { HomePage } from './HomePage';
import { ChatScreen } from './ChatScreen';
import { AboutPage } from '../about/AboutPage';
import { ProfilePage } from '../profile/ProfilePage';
import { CommunityLayout } from '../shell/CommunityLayout';
import { MorePage } from '../shell/CommunityNav';
import { useCommunityData } from './useCommunityData';
import { StaffDirectory } from './StaffDirectory';
import { CommunityActorProvider } from '../communities/actor';
import { IssuesView } from '../issues/IssuesView';
import { DeliberationsView } from '../deliberation/DeliberationsView';
import { PollsView } from '../polls/PollsView';
import { DecisionsView } from '../decisions/DecisionsView';
import { SurveysView } from '../survey/SurveysView';
import { ActivitiesView } from '../activity/ActivitiesView';
import { IndexView } from '../index/IndexView';
import { InsightsView } from '../insights/InsightsView';

interface Props {
  communityId: string;
  view: CommunityView;
  channelId: string | null;
  messageId: string | null;
  threadId: string | null;
  issueId: string | null;
  issueTab: IssueTab;
  /** The open deliberation, poll or decision. */
  itemId: string | null;
}

/** One community: its navigation and the page open (home, chat, problems, … and the staff's work). */
export function CommunityScreen({ communityId, view, channelId, messageId, threadId, issueId, issueTab, itemId }: Props) {
  const navigate = useNavigateTo();
  const { t } = useTranslation();
  const { list } = useMyCommunities();
  const mine = list?.find((item) => item.community.id === communityId) ?? null;
  const isStaff = mine !== null && isStaffRole(mine.membership.role);
  const data = useCommunityData(communityId, isStaff);
  const errorText = useErrorText();
  useChatCommunity(communityId);

  if (list === null) return <main className="page muted">{t('app.loading')}</main>;
  if (!mine) {
    return (
      <main className="page" id="main">
        <p className="notice" role="status">
          {t('home.notMember')}
        </p>
        <button type="button" className="primary" onClick={() => navigate({ name: 'picker' })}>
          {t('header.backAria')}
        </button>
      </main>
    );
  }

  const staffOnly = view === 'moderation' || view === 'insights';
  const current: CommunityView = staffOnly && !isStaff ? 'home' : view;

  return (
    <CommunityActorProvider mine={mine} organisations={data.organisations}>
      <CommunityLayout
        communityName={mine.community.name}
        place={{ communityId, view: current, issueTab, issueId }}
        isStaff={isStaff}
        error={
          data.error && (
            <p className="error" role="alert">
              {errorText(data.error)}{' '}
              <button type="button" className="link" onClick={data.reload}>
                {t('common.retry')}
              </button>
            </p>
          )
        }
      >
        {(groups) => (
          <StaffDirectory communityId={communityId} organisations={data.organisations}>
            {current === 'home' ? (
              <HomePage mine={mine} data={data} />
            ) : current === 'chat' ? (
              <ChatScreen mine={mine} data={data} channelId={channelId} messageId={messageId} threadId={threadId} isStaff={isStaff} />
            ) : current === 'about' ? (
              <AboutPage mine={mine} data={data} />
            ) : current === 'me' ? (
              <ProfilePage mine={mine} />
            ) : current === 'more' ? (
              <MorePage groups={groups} />
            ) : current === 'issues' ? (
              <IssuesView mine={mine} data={data} issueId={issueId} tab={issueTab} />
            ) : current === 'deliberations' ? (
              <DeliberationsView mine={mine} data={data} itemId={itemId} />
            ) : current === 'polls' ? (
              <PollsView mine={mine} data={data} itemId={itemId} />
            ) : current === 'decisions' ? (
              <DecisionsView mine={mine} data={data} itemId={itemId} />
            ) : current === 'surveys' ? (
              <SurveysView mine={mine} data={data} itemId={itemId} />
            ) : current === 'activities' ? (
              <ActivitiesView mine={mine} data={data} itemId={itemId} />
            ) : current === 'index' ? (
              <IndexView mine={mine} data={data} itemId={itemId} />
            ) : current === 'insights' ? (
              <InsightsView mine={mine} data={data} itemId={itemId} />
            ) : (
              <ModerationView mine={mine} data={data} />
            )}
          </StaffDirectory>
        )}
      </CommunityLayout>
    </CommunityActorProvider>
  );
}
