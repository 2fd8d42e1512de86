import { useTranslation } from 'react-i18next';
import { isStaff as isStaffRole } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { useNavigateTo, type CommunityView, type IssueTab } from '../../lib/route';
import { Tab } from '../../ui/Tab';
import { ModerationView } from '../moderation/ModerationView';
import { useMyCommunities } from '../communities/useMyCommunities';
import { useChatCommunity } from '../chat/useChatCommunity';
import { HomeView } from './HomeView';
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
  issueId: string | null;
  issueTab: IssueTab;
  /** The open deliberation, poll or decision. */
  itemId: string | null;
}

/** One community: the home view and problem reports for everyone, the moderation view for staff. */
export function CommunityScreen({ communityId, view, channelId, messageId, issueId, issueTab, itemId }: Props) {
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
      <main className="page">
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
  const go = (next: CommunityView) => navigate({ name: 'community', communityId, view: next, channelId: null });

  return (
    <main className="page">
      <div className="tabs" role="tablist" aria-label={mine.community.name}>
        <Tab testId="home-tab" selected={current === 'home'} onSelect={() => go('home')}>
          {t('home.tabHome')}
        </Tab>
        <Tab testId="issues-tab" selected={current === 'issues'} onSelect={() => go('issues')}>
          {t('home.tabIssues')}
        </Tab>
        <Tab testId="deliberations-tab" selected={current === 'deliberations'} onSelect={() => go('deliberations')}>
          {t('home.tabDeliberations')}
        </Tab>
        <Tab testId="polls-tab" selected={current === 'polls'} onSelect={() => go('polls')}>
          {t('home.tabPolls')}
        </Tab>
        <Tab testId="decisions-tab" selected={current === 'decisions'} onSelect={() => go('decisions')}>
          {t('home.tabDecisions')}
        </Tab>
        <Tab testId="surveys-tab" selected={current === 'surveys'} onSelect={() => go('surveys')}>
          {t('home.tabSurveys')}
        </Tab>
        <Tab testId="activities-tab" selected={current === 'activities'} onSelect={() => go('activities')}>
          {t('home.tabActivities')}
        </Tab>
        <Tab testId="index-tab" selected={current === 'index'} onSelect={() => go('index')}>
          {t('home.tabIndex')}
        </Tab>
        {isStaff && (
          <Tab testId="insights-tab" selected={current === 'insights'} onSelect={() => go('insights')}>
            {t('home.tabInsights')}
          </Tab>
        )}
        {isStaff && (
          <Tab testId="mod-tab" selected={current === 'moderation'} onSelect={() => go('moderation')}>
            {t('home.tabModeration')}
          </Tab>
        )}
      </div>
      {data.error && (
        <p className="error" role="alert">
          {errorText(data.error)}{' '}
          <button type="button" className="link" onClick={data.reload}>
            {t('common.retry')}
          </button>
        </p>
      )}
      <CommunityActorProvider mine={mine} organisations={data.organisations}>
        <StaffDirectory communityId={communityId} organisations={data.organisations}>
          {current === 'home' ? (
            <HomeView mine={mine} data={data} channelId={channelId} messageId={messageId} isStaff={isStaff} />
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
      </CommunityActorProvider>
    </main>
  );
}
