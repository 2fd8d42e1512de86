import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activityKinds, activityPhases, can, type Activity, type ActivityKind, type MyCommunity } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { usePagedList } from '../../lib/usePagedList';
import { EmptyState } from '../../ui/EmptyState';
import { ListError, LoadMore } from '../../ui/InfiniteList';
import { useNavigateTo } from '../../lib/route';
import { useCommunityActor } from '../communities/actor';
import type { CommunityData } from '../home/useCommunityData';
import { ActivityCard } from './ActivityCard';
import { ActivityEditor } from './ActivityEditor';
import { ActivityPage } from './ActivityPage';
import { ACTIVITY_PAGE, activityListQuery, activityPageAfter, useActivitiesLive } from './activityQueries';
import './activity.css';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
  /** The open activity, or null for the list. */
  itemId: string | null;
}

/** The activities tab: one activity open, or the list by type and state; staff create calls, quizzes and events. */
export function ActivitiesView({ mine, itemId }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigateTo();
  const actor = useCommunityActor();
  const communityId = mine.community.id;
  useActivitiesLive(communityId);
  const list = usePagedList({
    query: activityListQuery(communityId),
    enabled: itemId === null,
    pageSize: ACTIVITY_PAGE,
    fetchPage: (last: Activity) => activityPageAfter(communityId, last),
  });
  const [kind, setKind] = useState<'all' | ActivityKind>('all');
  const [creating, setCreating] = useState<ActivityKind | null>(null);

  if (itemId) return <ActivityPage key={itemId} communityId={communityId} activityId={itemId} />;

  const items = (list.data?.items ?? []).filter((activity) => kind === 'all' || activity.kind === kind);
  const open = (activity: Activity) => navigate({ name: 'community', communityId, view: 'activities', channelId: null, itemId: activity.id });
  return (
    <div className="activities-view" data-testid="activity-view" data-item="">
      <section className="panel">
        <h2>{t('activity.title')}</h2>
        <p className="muted small">{t('activity.hint')}</p>
        {can(actor, 'activity.manage') && (
          <div className="row wrap activity-create" data-testid="activity-create">
            {activityKinds.map((k) => (
              <button key={k} type="button" className="secondary" data-testid={`activity-create-${k}`} onClick={() => setCreating(k)}>
                + {t(`activity.create.${k}`)}
              </button>
            ))}
          </div>
        )}
        <div className="activity-kinds">
          {(['all', ...activityKinds] as const).map((k) => (
            <button key={k} type="button" aria-pressed={kind === k} className="chip toggle" data-testid={`activity-kind-${k}`} onClick={() => setKind(k)}>
              {t(`activity.kinds.${k}`)}
            </button>
          ))}
        </div>
        {list.error && <ListError error={errorText(list.error)} onRetry={list.refetch} />}
        {!list.data && !list.error && <p className="muted">{t('activity.loading')}</p>}
        {list.data && items.length === 0 && (
          <EmptyState
            testId="activity-empty"
            title={t('activity.empty')}
            next={can(actor, 'activity.manage') ? t('activity.emptyStaff') : t('activity.emptyResident')}
            action={can(actor, 'activity.manage') ? { label: t('activity.create.call'), onClick: () => setCreating('call') } : undefined}
          />
        )}
      </section>
      {activityPhases.map((phase) => {
        const shown = items.filter((activity) => activity.phase === phase);
        if (shown.length === 0) return null;
        return (
          <section key={phase} className="panel" aria-labelledby={`activities-${phase}`} data-testid={`activities-${phase}`}>
            <h3 id={`activities-${phase}`}>
              {t(`activity.phases.${phase}`)} <span className="muted">({shown.length})</span>
            </h3>
            <ul className="activity-list">
              {shown.map((activity) => (
                <ActivityCard key={activity.id} activity={activity} onOpen={() => open(activity)} />
              ))}
            </ul>
          </section>
        );
      })}
      {list.data && (list.data.items.length > 0 || list.hasMore) && (
        <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} testId="activity-more" />
      )}
      {creating && <ActivityEditor communityId={communityId} kind={creating} onClose={() => setCreating(null)} onSaved={(activity) => { setCreating(null); open(activity); }} />}
    </div>
  );
}
