import { useTranslation } from 'react-i18next';
import { can, isStaff, type MyCommunity } from '@linli/shared';
import { useNavigateTo, type IssueTab } from '../../lib/route';
import { useCommunityActor } from '../communities/actor';
import type { CommunityData } from '../home/useCommunityData';
import { AllIssues } from './AllIssues';
import { CategoriesEditor } from './CategoriesEditor';
import { FiguresView } from './FiguresView';
import { IssuePage } from './IssuePage';
import { OurAssignments } from './OurAssignments';
import { OverdueBoard } from './OverdueBoard';
import { TriageBoard } from './TriageBoard';
import { useIssuesLive } from './useIssuesLive';
import './issues.css';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
  issueId: string | null;
  tab: IssueTab;
}

/** The problems tab: one issue open, or a board (everyone's list; staff and organisation boards). */
export function IssuesView({ mine, data, issueId, tab }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const actor = useCommunityActor();
  const communityId = mine.community.id;
  useIssuesLive(communityId, actor.userId);

  const staff = isStaff(actor.role);
  const tabs: IssueTab[] = ['list'];
  if (staff) tabs.push('triage');
  if (actor.organisationIds.length > 0) tabs.push('assignments');
  if (staff) tabs.push('overdue');
  if (can(actor, 'issue.figures')) tabs.push('figures');
  if (can(actor, 'issue.manageCategories')) tabs.push('categories');
  const current = tabs.includes(tab) ? tab : 'list';

  if (issueId) return <IssuePage key={issueId} communityId={communityId} issueId={issueId} organisations={data.organisations} />;

  return (
    <div className="issues-view">
      {tabs.length > 1 && (
        <nav className="jump-list" aria-label={t('issues.boards')}>
          {tabs.map((name) => (
            <button
              key={name}
              type="button"
              className={`chip${name === current ? ' selected' : ''}`}
              aria-current={name === current ? 'page' : undefined}
              data-testid={`issues-board-${name}`}
              onClick={() => navigate({ name: 'community', communityId, view: 'issues', channelId: null, issueTab: name })}
            >
              {t(`issues.tabs.${name}`)}
            </button>
          ))}
        </nav>
      )}
      {current === 'list' && <AllIssues communityId={communityId} me={actor.userId} />}
      {current === 'triage' && <TriageBoard communityId={communityId} me={actor.userId} organisations={data.organisations} />}
      {current === 'assignments' && <OurAssignments communityId={communityId} organisations={data.organisations} />}
      {current === 'overdue' && <OverdueBoard communityId={communityId} organisations={data.organisations} />}
      {current === 'figures' && <FiguresView communityId={communityId} organisations={data.organisations} />}
      {current === 'categories' && <CategoriesEditor communityId={communityId} organisations={data.organisations} />}
    </div>
  );
}
