import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, DELIBERATION_LIMITS, type MyCommunity } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { useNavigateTo } from '../../lib/route';
import { useCommunityActor } from '../communities/actor';
import type { CommunityData } from '../home/useCommunityData';
import { DeliberationPage } from './DeliberationPage';
import { EmptyState } from '../../ui/EmptyState';
import { ListError, LoadMore } from '../../ui/InfiniteList';
import { useDeliberationPages, useDeliberationsLive, type StateFilter } from './deliberationQueries';
import { SettingsForm } from './SettingsForm';
import { TopicCard } from './TopicCard';
import { TopicForm } from './TopicForm';
import './deliberation.css';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
  /** The open item, or null for the list. */
  itemId: string | null;
}

const filters: StateFilter[] = ['open', 'proposed', 'closed', 'rejected', 'all'];

/** The deliberation tab (议事): the topics by state with proposing / opening, or one topic. */
export function DeliberationsView({ mine, data, itemId }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigateTo();
  const actor = useCommunityActor();
  const communityId = mine.community.id;
  const [filter, setFilter] = useState<StateFilter>('open');
  const [form, setForm] = useState<'open' | 'propose' | null>(null);
  useDeliberationsLive(communityId);
  const list = useDeliberationPages(communityId, filter);

  if (itemId) return <DeliberationPage key={itemId} mine={mine} data={data} deliberationId={itemId} />;

  const threshold = list.data?.settings.supportThreshold ?? DELIBERATION_LIMITS.supportThreshold.default;
  const supported = new Set(list.data?.supported ?? []);
  const canOpen = can(actor, 'deliberation.open');

  return (
    <section className="delib-view stack" data-testid="deliberation-view" data-item="">
      <div className="row between wrap">
        <h2>{t('deliberation.title')}</h2>
        <div className="row">
          {can(actor, 'deliberation.propose') && !canOpen && (
            <button type="button" className="primary" data-testid="delib-propose" aria-expanded={form === 'propose'} onClick={() => setForm(form === 'propose' ? null : 'propose')}>
              {t('deliberation.propose')}
            </button>
          )}
          {canOpen && (
            <button type="button" className="primary" data-testid="delib-open-new" aria-expanded={form === 'open'} onClick={() => setForm(form === 'open' ? null : 'open')}>
              {t('deliberation.openTopic')}
            </button>
          )}
        </div>
      </div>
      <p className="muted small">{t('deliberation.intro')}</p>
      {form && (
        <TopicForm
          communityId={communityId}
          mode={form}
          threshold={threshold}
          onCancel={() => setForm(null)}
          onDone={(topic) => {
            setForm(null);
            navigate({ name: 'community', communityId, view: 'deliberations', channelId: null, itemId: topic.id });
          }}
        />
      )}
      {can(actor, 'deliberation.configure') && list.data && <SettingsForm key={threshold} communityId={communityId} threshold={threshold} />}
      <nav className="jump-list" aria-label={t('deliberation.filter.label')}>
        {filters.map((name) => (
          <button key={name} type="button" className={`chip${name === filter ? ' selected' : ''}`} aria-pressed={name === filter} data-testid={`delib-filter-${name}`} onClick={() => setFilter(name)}>
            {t(`deliberation.filter.${name}`)}
          </button>
        ))}
      </nav>
      {list.error && <ListError error={errorText(list.error)} onRetry={list.refetch} />}
      {!list.data && !list.error && <p className="muted">{t('deliberation.loading')}</p>}
      {list.data && list.data.items.length === 0 && (
        <EmptyState
          testId="delib-empty"
          title={filter === 'all' ? t('deliberation.empty') : t('deliberation.emptyFilter', { state: t(`deliberation.filter.${filter}`) })}
          next={canOpen ? t('deliberation.emptyStaff') : t('deliberation.emptyResident')}
          action={
            canOpen
              ? { label: t('deliberation.openTopic'), onClick: () => setForm('open') }
              : can(actor, 'deliberation.propose')
                ? { label: t('deliberation.propose'), onClick: () => setForm('propose') }
                : undefined
          }
        />
      )}
      {list.data && list.data.items.length > 0 && (
        <>
          <ul className="list delib-list" data-testid="delib-list">
            {list.data.items.map((topic) => (
              <TopicCard key={topic.id} topic={topic} supported={supported.has(topic.id)} />
            ))}
          </ul>
          <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} testId="delib-more" />
        </>
      )}
    </section>
  );
}
