import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSocketQuery } from '../../lib/query';
import { EmptyState } from '../../ui/EmptyState';
import { FileIssueDialog } from './FileIssueDialog';
import { IssueFilters } from './IssueFilters';
import { IssueList } from './IssueList';
import { categoriesQuery, type IssueFilter } from './issueQueries';

/** Everyone's board: the community's problems with filters, and "report a problem". */
export function AllIssues({ communityId, me }: { communityId: string; me: string }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<IssueFilter>({ status: 'open', sort: 'newest' });
  const [filing, setFiling] = useState(false);
  const categories = useSocketQuery(categoriesQuery(communityId, false));
  return (
    <section className="panel" aria-labelledby="issues-list-title">
      <div className="row between">
        <h2 id="issues-list-title">{t('issues.title')}</h2>
        <button type="button" className="primary" data-testid="issue-file-button" onClick={() => setFiling(true)}>
          {t('issues.fileButton')}
        </button>
      </div>
      <p className="muted small">{t('issues.hint')}</p>
      <IssueFilters filter={filter} onChange={setFilter} categories={categories.data ?? []} />
      <IssueList
        communityId={communityId}
        filter={filter}
        empty={
          <EmptyState
            testId="issue-empty"
            title={t('issues.list.emptyBoard')}
            next={t('issues.list.emptyBoardNext')}
            action={{ label: t('issues.list.emptyBoardAction'), onClick: () => setFiling(true) }}
          />
        }
      />
      {filing && <FileIssueDialog communityId={communityId} me={me} onClose={() => setFiling(false)} />}
    </section>
  );
}
