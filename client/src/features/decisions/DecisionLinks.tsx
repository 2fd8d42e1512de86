import { useTranslation } from 'react-i18next';
import { useSocketQuery } from '../../lib/query';
import { useNavigateTo } from '../../lib/route';
import { decisionListQuery, type DecisionListFilter } from './decisionQueries';

interface Props {
  communityId: string;
  issueId?: string;
  deliberationId?: string;
  pollId?: string;
}

/** The decisions that link a problem report, topic or poll (its back-links); nothing when there are none. */
export function DecisionLinks({ communityId, issueId, deliberationId, pollId }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const filter: DecisionListFilter = { state: 'all' };
  if (issueId) filter.issueId = issueId;
  if (deliberationId) filter.deliberationId = deliberationId;
  if (pollId) filter.pollId = pollId;
  const query = useSocketQuery(decisionListQuery(communityId, filter));
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="decision-links" aria-labelledby="decision-links-title" data-testid="decision-links">
      <h3 id="decision-links-title">{t('decision.links.title')}</h3>
      <ul>
        {items.map((decision) => (
          <li key={decision.id}>
            <button
              type="button"
              className="button-link"
              data-testid="decision-link"
              onClick={() => navigate({ name: 'community', communityId, view: 'decisions', channelId: null, itemId: decision.id })}
            >
              {t('decision.number', { number: decision.number })} {decision.title} · {t(`decision.states.${decision.state}`)} · {t('decision.progress', { percent: decision.progress })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
