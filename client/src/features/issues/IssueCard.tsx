import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '@linli/shared';
import { useNavigateTo } from '../../lib/route';
import { Countdown } from './Countdown';
import { StateBadge } from './StateBadge';

interface Props {
  issue: Issue;
  supported?: boolean;
  /** Extra controls under the card (a selection box, quick actions). */
  children?: ReactNode;
}

/** One problem in a list: number, title, state, category, where, how many have it, its deadline. */
export function IssueCard({ issue, supported, children }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const place = [issue.location.building, issue.location.unit, issue.location.text].filter(Boolean).join(' ');
  return (
    <li className="issue-card" data-testid="issue-item" data-issue-id={issue.id} data-state={issue.state}>
      <button
        type="button"
        className="card-button"
        data-testid="issue-open"
        onClick={() => navigate({ name: 'community', communityId: issue.communityId, view: 'issues', channelId: null, issueId: issue.id })}
      >
        <span className="issue-line">
          <span className="muted">{t('issues.number', { number: issue.number })}</span>{' '}
          <span className="card-title" data-testid="issue-title">
            {issue.title}
          </span>
        </span>
        <span className="badges">
          <StateBadge state={issue.state} />
          <span className="badge">{issue.categoryName}</span>
          <span className={`badge support-count${supported ? ' mine' : ''}`} data-testid="issue-support-count">
            {t('issues.supportCount', { count: issue.supportCount })}
          </span>
        </span>
        {place && <span className="muted small">{place}</span>}
        {issue.assignments.length > 0 && (
          <span className="muted small">
            {issue.assignments.map((assignment) => assignment.organisationName + (assignment.lead && issue.assignments.length > 1 ? t('issues.list.leadMark') : '')).join('、')}
          </span>
        )}
        <Countdown issue={issue} />
      </button>
      {children}
    </li>
  );
}
