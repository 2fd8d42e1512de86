import { useTranslation } from 'react-i18next';
import type { Issue } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { useNavigateTo } from '../../lib/route';
import { Countdown } from './Countdown';
import { StateBadge } from './StateBadge';

/** Number, title, state, category, where, who reported it (as the server shows them to this viewer). */
export function IssueHeader({ issue }: { issue: Issue }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const navigate = useNavigateTo();
  const place = [issue.location.building, issue.location.unit, issue.location.text].filter(Boolean).join(' ');
  return (
    <header className="issue-head">
      <p className="eyebrow">{t('issues.number', { number: issue.number })}</p>
      <h2 data-testid="issue-page-title">{issue.title}</h2>
      <div className="badges">
        <StateBadge state={issue.state} />
        <span className="badge" data-testid="issue-category">
          {issue.categoryName}
        </span>
      </div>
      <dl className="facts issue-facts">
        {place && (
          <>
            <dt>{t('issues.location')}</dt>
            <dd data-testid="issue-location">{place}</dd>
          </>
        )}
      </dl>
      <p className="muted small" data-testid="issue-reporter">
        {t('issues.reporter', { name: issue.reporterName ?? t('issues.reporterHidden') })}
        {issue.filedByName && ` · ${t('issues.filedBy', { name: issue.filedByName })}`} · {t('issues.createdAt', { date: formatDate(issue.createdAt) })}
      </p>
      {issue.sourceMessageId && issue.sourceChannelId && (
        <p className="small">
          {t('issues.fromChat')}{' '}
          <button
            type="button"
            className="link"
            data-testid="issue-source"
            onClick={() =>
              navigate({ name: 'community', communityId: issue.communityId, view: 'chat', channelId: issue.sourceChannelId, messageId: issue.sourceMessageId })
            }
          >
            {t('issues.openSource')}
          </button>
        </p>
      )}
      <Countdown issue={issue} long />
      {issue.autoConfirmed && <p className="muted small">{t('issues.autoConfirmed')}</p>}
      {issue.state === 'merged' && issue.mergedIntoId && (
        <p className="notice small">
          {t('issues.mergedInto')}{' '}
          <button
            type="button"
            className="link"
            onClick={() => navigate({ name: 'community', communityId: issue.communityId, view: 'issues', channelId: null, issueId: issue.mergedIntoId })}
          >
            {t('issues.openMerged')}
          </button>
        </p>
      )}
    </header>
  );
}
