import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Member } from '@linli/shared';
import { useSocketQuery } from '../../lib/query';
import { BackButton, ItemPageFallback } from '../../ui/ItemPageFrame';
import { useCommunityActor } from '../communities/actor';
import { AssistPanel } from './AssistPanel';
import { rulesOf } from './ballot';
import { ClosePanel } from './ClosePanel';
import { LivePanel } from './LivePanel';
import { PollEditor } from './PollEditor';
import { PollHeader } from './PollHeader';
import { pollQuery } from './pollQueries';
import { ResultSection } from './ResultSection';
import { usePollWatch } from './usePollsLive';
import { VotePanel } from './VotePanel';

interface Props {
  communityId: string;
  pollId: string;
  members: readonly Member[] | null;
}

/** One poll: what it is, my ballot (or receipt), the live tally or turnout, and once closed its result. */
export function PollPage({ communityId, pollId, members }: Props) {
  const { t } = useTranslation();
  const actor = useCommunityActor();
  const query = useSocketQuery(pollQuery(communityId, pollId));
  const [editing, setEditing] = useState(false);
  const state = query.data?.poll.state;
  const watch = usePollWatch(communityId, pollId, state !== undefined && state !== 'closed');

  const back = <BackButton to={{ name: 'community', communityId, view: 'polls', channelId: null }} label={t('poll.back')} testId="poll-back" className="poll-back" />;
  if (query.error || !query.data) return <ItemPageFallback back={back} error={query.error} notFound={t('poll.notFound')} loading={t('poll.loading')} />;
  const { poll, my, tally } = query.data;
  const manage = can(actor, 'poll.manage');
  const rules = rulesOf(poll);

  return (
    <article className="poll-page" data-testid="poll-page" data-poll-id={poll.id} data-state={poll.state} data-kind={poll.kind} data-version={poll.version}>
      {back}
      <section className="panel">
        <PollHeader poll={poll} />
        {manage && poll.state !== 'closed' && poll.state !== 'closing' && (
          <div className="staff-tools" data-testid="poll-staff-tools">
            <div className="row">
              <button type="button" className="secondary" data-testid="poll-edit" onClick={() => setEditing(true)}>
                {t('poll.edit')}
              </button>
            </div>
            {poll.frozen && <p className="small muted">{t('poll.form.locked')}</p>}
            {poll.state === 'open' && <ClosePanel poll={poll} />}
            {poll.state === 'open' && can(actor, 'poll.castFor') && <AssistPanel poll={poll} members={members} />}
          </div>
        )}
        {poll.state !== 'closed' && <VotePanel poll={poll} my={my} userId={actor.userId} />}
      </section>
      {poll.state === 'closed' ? (
        <ResultSection poll={poll} userId={actor.userId} myReceipt={my.receipt} />
      ) : (
        poll.state !== 'scheduled' && (
          <section className="panel">
            {watch.failed && <p className="small muted">{t('poll.watchError')}</p>}
            <LivePanel sealed={poll.visibility === 'sealed'} cast={poll.turnout.ballots} eligible={poll.turnout.eligible || null} tally={tally} options={rules.options} budget={poll.budget} />
          </section>
        )
      )}
      {editing && <PollEditor communityId={communityId} poll={poll} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
    </article>
  );
}
