import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Decision, type MyCommunity } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { usePagedList } from '../../lib/usePagedList';
import { EmptyState } from '../../ui/EmptyState';
import { ListError, LoadMore } from '../../ui/InfiniteList';
import { useNavigateTo } from '../../lib/route';
import { useCommunityActor } from '../communities/actor';
import type { CommunityData } from '../home/useCommunityData';
import { DecisionCard } from './DecisionCard';
import { DecisionPage } from './DecisionPage';
import { DECISION_PAGE, decisionListQuery, decisionPageAfter, type DecisionListFilter } from './decisionQueries';
import { RecordForm } from './RecordForm';
import { useDecisionsLive, useSaveDecision } from './useDecisionsLive';
import '../issues/issues.css';
import './decisions.css';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
  /** The open item, or null for the list. */
  itemId: string | null;
}

const filters = ['all', 'in_progress', 'done'] as const;

/** The decisions board (决议公示): every decision with its progress, owners, due date and sources; or one decision open. */
export function DecisionsView({ mine, data, itemId }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const errorText = useErrorText();
  const actor = useCommunityActor();
  const communityId = mine.community.id;
  useDecisionsLive(communityId);
  const saveDecision = useSaveDecision(communityId);
  const [state, setState] = useState<(typeof filters)[number]>('all');
  const [recording, setRecording] = useState(false);
  const filter: DecisionListFilter = { state };
  const query = usePagedList({
    query: decisionListQuery(communityId, filter, DECISION_PAGE),
    enabled: itemId === null,
    pageSize: DECISION_PAGE,
    fetchPage: (last: Decision) => decisionPageAfter(communityId, filter, last),
  });
  const staff = can(actor, 'decision.record');

  if (itemId) return <DecisionPage key={itemId} communityId={communityId} decisionId={itemId} organisations={data.organisations ?? []} members={data.members ?? []} />;

  return (
    <section className="panel stack decisions-view" data-testid="decision-view" data-item="">
      <div className="row between">
        <h2>{t('decision.title')}</h2>
        {can(actor, 'decision.record') && !recording && (
          <button type="button" className="primary" data-testid="decision-record-open" onClick={() => setRecording(true)}>
            {t('decision.record')}
          </button>
        )}
      </div>
      <p className="muted small">{t('decision.hint')}</p>
      {recording && (
        <RecordForm
          communityId={communityId}
          onCancel={() => setRecording(false)}
          onDone={(decision) => {
            saveDecision(decision);
            setRecording(false);
            navigate({ name: 'community', communityId, view: 'decisions', channelId: null, itemId: decision.id });
          }}
        />
      )}
      <nav className="jump-list" aria-label={t('decision.title')}>
        {filters.map((name) => (
          <button key={name} type="button" className={`chip${name === state ? ' selected' : ''}`} aria-pressed={name === state} data-testid={`decision-filter-${name}`} onClick={() => setState(name)}>
            {t(`decision.filter.${name}`)}
          </button>
        ))}
      </nav>
      {query.error && <ListError error={errorText(query.error)} onRetry={query.refetch} />}
      {query.data && query.data.items.length === 0 && (
        <EmptyState
          testId="decision-empty"
          title={t('decision.empty')}
          next={staff ? t('decision.emptyStaff') : t('decision.emptyResident')}
          action={
            staff
              ? { label: t('decision.record'), onClick: () => setRecording(true) }
              : { label: t('decision.emptyToPolls'), onClick: () => navigate({ name: 'community', communityId, view: 'polls', channelId: null, itemId: null }) }
          }
        />
      )}
      <ul className="decision-list" data-testid="decision-list">
        {(query.data?.items ?? []).map((decision) => (
          <DecisionCard key={decision.id} decision={decision} />
        ))}
      </ul>
      {query.data && query.data.items.length > 0 && (
        <LoadMore hasMore={query.hasMore} loading={query.loadingMore} error={query.moreError} onMore={query.loadMore} testId="decision-more" />
      )}
    </section>
  );
}
