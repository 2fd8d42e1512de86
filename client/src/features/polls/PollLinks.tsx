import { useTranslation } from 'react-i18next';
import { useCommunityEvent } from '../../lib/communityEvents';
import { useSocketQuery } from '../../lib/query';
import { useNavigateTo } from '../../lib/route';
import { pollListQuery, type PollListFilter } from './pollQueries';
import { useSavePoll } from './usePollsLive';
import './polls.css';

interface Props {
  communityId: string;
  deliberationId?: string;
  issueId?: string;
}

/** The polls that follow a deliberation or decide on a problem report: a short titled list of links; nothing when none. */
export function PollLinks({ communityId, deliberationId, issueId }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const filter: PollListFilter = {};
  if (deliberationId) filter.deliberationId = deliberationId;
  if (issueId) filter.issueId = issueId;
  const query = useSocketQuery(pollListQuery(communityId, filter));
  // Live on any page it is mounted on (the polls tab's own hook may not be running).
  useCommunityEvent('poll:saved', communityId, useSavePoll(communityId));
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="poll-links" aria-labelledby="poll-links-title" data-testid="poll-links">
      <h3 id="poll-links-title">{t('poll.links.title')}</h3>
      <ul className="link-list">
        {items.map((poll) => (
          <li key={poll.id} data-testid="poll-link" data-poll-id={poll.id}>
            <button type="button" className="link" onClick={() => navigate({ name: 'community', communityId, view: 'polls', channelId: null, itemId: poll.id })}>
              #{poll.number} {poll.title}
            </button>{' '}
            <span className="small muted">
              {t(`poll.states.${poll.state}`)}
              {poll.outcome ? ` · ${poll.outcome}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
