import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '@linli/shared';
import { useSocketQuery } from '../../lib/query';
import { OverdueDecisions } from '../decisions/OverdueDecisions';
import { IssueActions } from './IssueActions';
import { IssueFilters } from './IssueFilters';
import { IssueList } from './IssueList';
import { categoriesQuery, type IssueFilter } from './issueQueries';

/** Supervisors: overdue issues, soonest deadline first, with urge / extend / reassign on each. */
export function OverdueBoard({ communityId, organisations }: { communityId: string; organisations: readonly Organisation[] | null }) {
  const { t } = useTranslation();
  const categories = useSocketQuery(categoriesQuery(communityId, false));
  const [filter, setFilter] = useState<IssueFilter>({ status: 'open', overdue: true, sort: 'deadline' });
  return (
    <section className="panel" aria-labelledby="overdue-title">
      <h2 id="overdue-title">{t('issues.tabs.overdue')}</h2>
      <p className="muted small">{t('issues.overdue.hint')}</p>
      <IssueFilters
        filter={filter}
        onChange={(next) => setFilter({ ...next, status: 'open', overdue: true })}
        categories={categories.data ?? []}
        organisations={organisations ?? []}
        toggles={[]}
        showStatus={false}
        showSort={false}
      />
      <IssueList
        communityId={communityId}
        filter={filter}
        testId="overdue-list"
        extra={(issue) => (
          <IssueActions
            issue={issue}
            organisations={organisations}
            category={categories.data?.find((category) => category.id === issue.categoryId) ?? null}
            only={['urge', 'extend', 'reassign']}
            compact
          />
        )}
      />
      <OverdueDecisions communityId={communityId} />
    </section>
  );
}
