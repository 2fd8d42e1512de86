import { useTranslation } from 'react-i18next';
import type { Decision } from '@linli/shared';
import { useNavigateTo } from '../../lib/route';

/** Where a decision came from: its poll, its topic, its problem reports, each a link to its page. */
export function DecisionSources({ decision, compact = false }: { decision: Decision; compact?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const { communityId } = decision;
  const links = [
    ...(decision.poll
      ? [{ key: `poll-${decision.poll.pollId}`, kind: 'poll', label: t('decision.from.poll', { title: decision.poll.title }), go: () => navigate({ name: 'community', communityId, view: 'polls', channelId: null, itemId: decision.poll!.pollId }) }]
      : []),
    ...(decision.deliberation
      ? [
          {
            key: `deliberation-${decision.deliberation.deliberationId}`,
            kind: 'deliberation',
            label: t('decision.from.deliberation', { number: decision.deliberation.number, title: decision.deliberation.title }),
            go: () => navigate({ name: 'community', communityId, view: 'deliberations', channelId: null, itemId: decision.deliberation!.deliberationId }),
          },
        ]
      : []),
    ...decision.issues.map((ref) => ({
      key: `issue-${ref.issueId}`,
      kind: 'issue',
      label: t('decision.from.issue', { number: ref.number, title: ref.title }),
      go: () => navigate({ name: 'community', communityId, view: 'issues', channelId: null, issueId: ref.issueId }),
    })),
  ];
  if (links.length === 0) return <p className="muted small">{decision.origin === 'direct' ? t('decision.from.direct') : t('decision.from.none')}</p>;
  return (
    <ul className={compact ? 'decision-sources compact' : 'decision-sources'} data-testid="decision-sources">
      {links.map((link) => (
        <li key={link.key}>
          <button type="button" className="button-link" data-testid={`decision-source-${link.kind}`} onClick={link.go}>
            {link.label}
          </button>
        </li>
      ))}
    </ul>
  );
}
