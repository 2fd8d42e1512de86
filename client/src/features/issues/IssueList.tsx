import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { EmptyState } from '../../ui/EmptyState';
import { ListError, LoadMore } from '../../ui/InfiniteList';
import { IssueCard } from './IssueCard';
import type { IssueFilter } from './issueQueries';
import { useIssueList } from './useIssueList';

interface Props {
  communityId: string;
  filter: IssueFilter;
  testId?: string;
  /** Controls under one card (triage selection, quick actions). */
  extra?: (issue: Issue) => ReactNode;
  /** What an empty list shows instead of the plain line (its next step). */
  empty?: ReactNode;
}

/** A live list of problem reports for one filter, with "load more". */
export function IssueList({ communityId, filter, testId = 'issue-list', extra, empty }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const list = useIssueList(communityId, filter);
  return (
    <div>
      {list.error && <ListError error={errorText(list.error)} onRetry={() => void list.refetch()} />}
      {!list.data && !list.error && <p className="muted">{t('issues.list.loading')}</p>}
      {list.data?.items.length === 0 && (empty ?? <EmptyState testId="issue-empty" title={t('issues.list.empty')} next={t('issues.list.emptyNext')} />)}
      <ul className="list issue-list" data-testid={testId}>
        {list.data?.items.map((issue) => (
          <IssueCard key={issue.id} issue={issue} supported={list.data?.supported.includes(issue.id)}>
            {extra?.(issue)}
          </IssueCard>
        ))}
      </ul>
      {list.data && list.data.items.length > 0 && (
        <LoadMore hasMore={list.data.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} testId="issue-load-more" />
      )}
    </div>
  );
}
