import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { ErrorLine } from '../../ui/ErrorLine';
import { IssueCard } from './IssueCard';
import type { IssueFilter } from './issueQueries';
import { useIssueList } from './useIssueList';

interface Props {
  communityId: string;
  filter: IssueFilter;
  testId?: string;
  /** Controls under one card (triage selection, quick actions). */
  extra?: (issue: Issue) => ReactNode;
}

/** A live list of problem reports for one filter, with "load more". */
export function IssueList({ communityId, filter, testId = 'issue-list', extra }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const list = useIssueList(communityId, filter);
  return (
    <div>
      <ErrorLine error={list.error && errorText(list.error)} />
      {!list.data && !list.error && <p className="muted">{t('issues.list.loading')}</p>}
      {list.data?.items.length === 0 && <p className="muted">{t('issues.list.empty')}</p>}
      <ul className="list issue-list" data-testid={testId}>
        {list.data?.items.map((issue) => (
          <IssueCard key={issue.id} issue={issue} supported={list.data?.supported.includes(issue.id)}>
            {extra?.(issue)}
          </IssueCard>
        ))}
      </ul>
      {list.data?.hasMore && (
        <button type="button" className="secondary more" data-testid="issue-load-more" disabled={list.loadingMore} onClick={() => void list.loadMore()}>
          {list.loadingMore ? t('issues.list.loading') : t('issues.list.more')}
        </button>
      )}
      <ErrorLine error={list.moreError} small />
    </div>
  );
}
