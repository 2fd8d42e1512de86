import { useTranslation } from 'react-i18next';
import type { Deliberation } from '@linli/shared';
import { useNavigateTo } from '../../lib/route';
import { StateBadge } from './StateBadge';
import { SupportButton } from './SupportButton';

/** One topic in the list: number, title, state, who raised it; a proposal's support progress. */
export function TopicCard({ topic, supported }: { topic: Deliberation; supported: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  return (
    <li className="delib-card" data-testid="delib-item" data-id={topic.id} data-state={topic.state}>
      <button type="button" className="card-button" data-testid="delib-open" onClick={() => navigate({ name: 'community', communityId: topic.communityId, view: 'deliberations', channelId: null, itemId: topic.id })}>
        <span>
          <span className="muted">{t('deliberation.number', { number: topic.number })}</span>{' '}
          <span className="card-title" data-testid="delib-title-text">
            {topic.title}
          </span>
        </span>
        <span className="badges">
          <StateBadge state={topic.state} />
          {topic.issues.map((issue) => (
            <span key={issue.issueId} className="badge">
              #{issue.number} {issue.title}
            </span>
          ))}
        </span>
        <span className="muted small">{topic.openedById === topic.proposerId ? t('deliberation.openedBy', { name: topic.proposerName }) : t('deliberation.proposedBy', { name: topic.proposerName })}</span>
      </button>
      {topic.state === 'proposed' && <SupportButton topic={topic} supported={supported} />}
    </li>
  );
}
