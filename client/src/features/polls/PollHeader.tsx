import { useTranslation } from 'react-i18next';
import type { Poll } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { useSocketQuery } from '../../lib/query';
import { useNavigateTo } from '../../lib/route';
import { issueQuery } from '../issues/issueQueries';
import { PollCountdown } from './Countdown';
import { useNumber, usePercent } from './format';
import { deliberationChoicesQuery } from './pollQueries';

/** What a poll is and how it runs: kind, state, times, rules, where it comes from. */
export function PollHeader({ poll }: { poll: Poll }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const percent = usePercent();
  const number = useNumber();
  return (
    <header className="stack" data-testid="poll-header">
      <div>
        <p className="muted small">
          #{poll.number} · {t('poll.createdBy', { name: poll.createdByName })}
        </p>
        <h2 data-testid="poll-title">{poll.title}</h2>
      </div>
      <div className="badges">
        <span className={`badge poll-state state-${poll.state}`} data-testid="poll-state">
          {t(`poll.states.${poll.state}`)}
        </span>
        <span className="badge" data-testid="poll-kind">
          {t(`poll.kinds.${poll.kind}`)}
        </span>
        <span className="badge">{poll.visibility === 'sealed' ? t('poll.badges.sealed') : t('poll.badges.live')}</span>
        <span className="badge" data-testid="poll-ballot-kind">
          {poll.ballot === 'secret' ? t('poll.badges.secret') : t('poll.badges.public')}
        </span>
        {poll.allowChange && <span className="badge">{t('poll.badges.changeAllowed')}</span>}
      </div>
      <p className="small">
        <PollCountdown poll={poll} />
      </p>
      <ul className="poll-facts small">
        <li>{t('poll.opensAt', { date: formatDate(poll.opensAt) })}</li>
        <li>{t('poll.closesAt', { date: formatDate(poll.closesAt) })}</li>
        <li>
          {t('poll.form.eligibility')}：{t(`poll.eligibility.${poll.eligibility}`)}
        </li>
        {poll.kind === 'yesno' && (
          <li>
            {t('poll.form.threshold')}：{t(`poll.threshold.${poll.threshold ?? 'majority'}`)}
          </li>
        )}
        {poll.kind === 'multiple' && (
          <li>
            {t('poll.ballot.pickedRange', { min: poll.min ?? 1, max: poll.max ?? poll.options.length })}
          </li>
        )}
        {poll.kind === 'budget' && poll.budget !== null && (
          <li>
            {t('poll.form.budget')}：{number(poll.budget)}
          </li>
        )}
        {poll.quorum !== null && poll.quorum > 0 && <li>{t('poll.quorumLine', { percent: percent(poll.quorum) })}</li>}
        {poll.closedEarlyByName && <li>{t('poll.closedEarly', { name: poll.closedEarlyByName })}</li>}
      </ul>
      <p className="small muted">{t(`poll.kindHints.${poll.kind}`)}</p>
      {poll.description && (
        <p className="pre" data-testid="poll-description">
          {poll.description}
        </p>
      )}
      <PollOrigins poll={poll} />
    </header>
  );
}

/** The deliberation the poll follows and the problem reports it decides on, as links. */
function PollOrigins({ poll }: { poll: Poll }) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const deliberations = useSocketQuery({ ...deliberationChoicesQuery(poll.communityId), enabled: poll.deliberationId !== null });
  if (!poll.deliberationId && poll.issueIds.length === 0) return null;
  const deliberation = deliberations.data?.find((item) => item.id === poll.deliberationId);
  return (
    <div className="poll-origins small" data-testid="poll-origins">
      {poll.deliberationId && (
        <p>
          {t('poll.links.deliberation')}：
          <button
            type="button"
            className="link"
            data-testid="poll-deliberation-link"
            onClick={() => navigate({ name: 'community', communityId: poll.communityId, view: 'deliberations', channelId: null, itemId: poll.deliberationId })}
          >
            {deliberation ? `#${deliberation.number} ${deliberation.title}` : t('poll.links.openDeliberation', { number: '' })}
          </button>
          {poll.minDeliberationHours > 0 && <span className="muted"> · {t('poll.links.minDeliberation', { hours: poll.minDeliberationHours })}</span>}
        </p>
      )}
      {poll.issueIds.length > 0 && (
        <div>
          {t('poll.links.issues')}：
          <ul className="link-list">
            {poll.issueIds.map((issueId) => (
              <IssueLink key={issueId} communityId={poll.communityId} issueId={issueId} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function IssueLink({ communityId, issueId }: { communityId: string; issueId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const query = useSocketQuery(issueQuery(communityId, issueId));
  const issue = query.data?.issue;
  return (
    <li>
      <button type="button" className="link" data-testid="poll-issue-link" onClick={() => navigate({ name: 'community', communityId, view: 'issues', channelId: null, issueId })}>
        {issue ? `#${issue.number} ${issue.title}` : t('poll.links.openIssue')}
      </button>
    </li>
  );
}
