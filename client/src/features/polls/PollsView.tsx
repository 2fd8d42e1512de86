import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type MyCommunity, type Poll } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { useSocketQuery } from '../../lib/query';
import { useNavigateTo } from '../../lib/route';
import { ErrorLine } from '../../ui/ErrorLine';
import { useCommunityActor } from '../communities/actor';
import type { CommunityData } from '../home/useCommunityData';
import { PollCard } from './PollCard';
import { PollEditor } from './PollEditor';
import { PollPage } from './PollPage';
import { pollListQuery } from './pollQueries';
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
  const list = useSocketQuery({ ...pollListQuery(communityId), enabled: itemId === null });
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
        <ErrorLine error={list.error && errorText(list.error)} />
        {!list.data && !list.error && <p className="muted">{t('poll.loading')}</p>}
        {list.data && items.length === 0 && <p className="muted">{t('poll.empty')}</p>}
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
