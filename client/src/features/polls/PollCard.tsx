import { useTranslation } from 'react-i18next';
import type { Poll } from '@linli/shared';
import { useNavigateTo } from '../../lib/route';
import { PollCountdown } from './Countdown';
import { usePercent } from './format';

/** One poll in the list: number, title, kind, state, time left, turnout, whether I voted. */
export function PollCard({ poll, voted }: { poll: Poll; voted: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const percent = usePercent();
  const { ballots, eligible } = poll.turnout;
  return (
    <li data-testid="poll-item" data-poll-id={poll.id} data-state={poll.state} data-kind={poll.kind}>
      <button type="button" className="card-button" data-testid="poll-open" onClick={() => navigate({ name: 'community', communityId: poll.communityId, view: 'polls', channelId: null, itemId: poll.id })}>
        <span>
          <span className="muted">#{poll.number}</span> <span className="card-title">{poll.title}</span>
        </span>
        <span className="badges">
          <span className={`badge poll-state state-${poll.state}`}>{t(`poll.states.${poll.state}`)}</span>
          <span className="badge">{t(`poll.kinds.${poll.kind}`)}</span>
          {voted && <span className="badge won-badge">{t('poll.badges.voted')}</span>}
        </span>
        <span className="poll-card-meta">
          <PollCountdown poll={poll} />
          <span data-testid="poll-card-turnout">{eligible > 0 ? t('poll.turnoutOf', { cast: ballots, eligible, percent: percent(ballots / eligible) }) : t('poll.turnout', { cast: ballots })}</span>
        </span>
        {poll.state === 'closed' && poll.outcome && <span className="small">{poll.outcome}</span>}
      </button>
    </li>
  );
}
