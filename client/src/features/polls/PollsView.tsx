import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type MyCommunity, type Poll } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { usePagedList } from '../../lib/usePagedList';
import { useNavigateTo } from '../../lib/route';
import { EmptyState } from '../../ui/EmptyState';
import { ListError, LoadMore } from '../../ui/InfiniteList';
import { useCommunityActor } from '../communities/actor';
import type { CommunityData } from '../home/useCommunityData';
import { PollCard } from './PollCard';
import { PollEditor } from './PollEditor';
import { PollPage } from './PollPage';
import { mergePollPage, POLL_PAGE, pollListQuery, pollPageAfter } from './pollQueries';
import { usePollsLive } from './usePollsLive';
import './polls.css';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
  /** The open poll, or null for the list. */
  itemId: string | null;
}

const sections = ['open', 'scheduled', 'closed'] as const;
const sectionOf = (poll: Poll): (typeof sections)[number] => (poll.state === 'closing' ? 'open' : poll.state);

/** The polls tab: one poll open, or the list by state (voting now, coming up, closed); staff create polls. */
export function PollsView({ mine, data, itemId }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigateTo();
  const actor = useCommunityActor();
  const communityId = mine.community.id;
  usePollsLive(communityId);
  const list = usePagedList({
    query: pollListQuery(communityId, {}, POLL_PAGE),
    enabled: itemId === null,
    pageSize: POLL_PAGE,
    fetchPage: (last: Poll) => pollPageAfter(communityId, last),
    merge: mergePollPage,
  });
  const staff = can(actor, 'poll.manage');
  const [creating, setCreating] = useState(false);

  if (itemId) return <PollPage key={itemId} communityId={communityId} pollId={itemId} members={data.members} />;

  const items = list.data?.items ?? [];
  return (
    <div className="polls-view" data-testid="poll-view">
      <section className="panel">
        <div className="row between">
          <h2>{t('poll.title')}</h2>
          {can(actor, 'poll.manage') && (
            <button type="button" className="primary" data-testid="poll-create" onClick={() => setCreating(true)}>
              + {t('poll.create')}
            </button>
          )}
        </div>
        <p className="muted small">{t('poll.hint')}</p>
        {list.error && <ListError error={errorText(list.error)} onRetry={list.refetch} />}
        {!list.data && !list.error && <p className="muted">{t('poll.loading')}</p>}
        {list.data && items.length === 0 && (
          <EmptyState
            testId="poll-empty"
            title={t('poll.empty')}
            next={staff ? t('poll.emptyStaff') : t('poll.emptyResident')}
            action={
              staff
                ? { label: t('poll.create'), onClick: () => setCreating(true) }
                : { label: t('poll.emptyToDeliberation'), onClick: () => navigate({ name: 'community', communityId, view: 'deliberations', channelId: null, itemId: null }) }
            }
          />
        )}
      </section>
      {sections.map((section) => {
        const polls = items.filter((poll) => sectionOf(poll) === section);
        if (polls.length === 0) return null;
        return (
          <section key={section} className="panel" aria-labelledby={`polls-${section}`} data-testid={`polls-${section}`}>
            <h3 id={`polls-${section}`}>
              {t(`poll.sections.${section}`)} <span className="muted">({polls.length})</span>
            </h3>
            <ul className="poll-list">
              {polls.map((poll) => (
                <PollCard key={poll.id} poll={poll} voted={list.data?.voted.includes(poll.id) ?? false} />
              ))}
            </ul>
          </section>
        );
      })}
      {list.data && items.length > 0 && (
        <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} testId="poll-more" />
      )}
      {creating && (
        <PollEditor
          communityId={communityId}
          onClose={() => setCreating(false)}
          onSaved={(poll) => {
            setCreating(false);
            navigate({ name: 'community', communityId, view: 'polls', channelId: null, itemId: poll.id });
          }}
        />
      )}
    </div>
  );
}
