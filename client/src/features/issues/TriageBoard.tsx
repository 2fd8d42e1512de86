import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Issue, IssueState, Organisation } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { queryKeys, useSocketQuery } from '../../lib/query';
import { request } from '../../lib/socket';
import { IssueFilters } from './IssueFilters';
import { IssueList } from './IssueList';
import { categoriesQuery, type IssueFilter, type IssueListData } from './issueQueries';
import { useSaveIssue } from './useIssuesLive';

/** The states staff work through, one column each. */
const columns: readonly IssueState[] = ['submitted', 'acknowledged', 'reopened', 'assigned', 'in_progress'];

interface Props {
  communityId: string;
  me: string;
  organisations: readonly Organisation[] | null;
}

/** Staff triage: open issues by state, most affected first; several new ones acknowledged at once. */
export function TriageBoard({ communityId, me, organisations }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const save = useSaveIssue(communityId, me);
  const categories = useSocketQuery(categoriesQuery(communityId, false));
  const [filter, setFilter] = useState<Omit<IssueFilter, 'status'>>({ sort: 'support' });
  const [selected, setSelected] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<{ done: number; failed: number; error: string } | null>(null);

  /** Acknowledges each selected issue at the version this board shows (one issue:act each). */
  async function acknowledgeSelected() {
    const shown = new Map<string, Issue>();
    for (const [, list] of queryClient.getQueriesData<IssueListData>({ queryKey: queryKeys.issueLists(communityId) })) {
      for (const item of list?.items ?? []) shown.set(item.id, item);
    }
    setPending(true);
    const results = await Promise.all(
      selected.map(async (id) => {
        const issue = shown.get(id);
        if (!issue) return null;
        const res = await request('issue:act', { issueId: id, version: issue.version, action: 'acknowledge' });
        if (res.ok) save(res.data);
        else if (res.error.current) save(res.error.current as Issue);
        return res;
      }),
    );
    setPending(false);
    const failures = results.filter((res) => res && !res.ok);
    const firstError = failures.find((res) => res && !res.ok);
    setOutcome({ done: results.filter((res) => res?.ok).length, failed: failures.length, error: firstError && !firstError.ok ? errorText(firstError.error) : '' });
    setSelected([]);
  }

  const selectBox = (issue: Issue) =>
    issue.state === 'submitted' ? (
      <label className="check triage-select">
        <input
          type="checkbox"
          data-testid="triage-select"
          checked={selected.includes(issue.id)}
          onChange={(e) => setSelected(e.target.checked ? [...selected, issue.id] : selected.filter((id) => id !== issue.id))}
        />
        <span>{t('issues.act.selected', { number: issue.number })}</span>
      </label>
    ) : null;

  return (
    <section className="panel" aria-labelledby="triage-title">
      <h2 id="triage-title">{t('issues.tabs.triage')}</h2>
      <p className="muted small">{t('issues.triage.hint')}</p>
      <IssueFilters
        filter={{ ...filter, status: 'open' }}
        onChange={({ status: _status, ...rest }) => setFilter(rest)}
        categories={categories.data ?? []}
        organisations={organisations ?? []}
        toggles={['overdue']}
        showStatus={false}
      />
      <div className="row">
        <button type="button" className="primary" data-testid="triage-bulk-acknowledge" disabled={pending || selected.length === 0} onClick={() => void acknowledgeSelected()}>
          {t('issues.act.bulkAcknowledge', { count: selected.length })}
        </button>
      </div>
      {outcome && outcome.done > 0 && (
        <p className="success small" role="status">
          {t('issues.act.bulkDone', { done: outcome.done })}
        </p>
      )}
      {outcome && outcome.failed > 0 && (
        <p className="error small" role="alert">
          {t('issues.act.bulkFailed', { count: outcome.failed, error: outcome.error })}
        </p>
      )}
      <div className="board-columns">
        {columns.map((state) => (
          <section key={state} className="board-column" aria-label={t(`issues.states.${state}`)} data-testid={`triage-column-${state}`}>
            <h3>{t(`issues.states.${state}`)}</h3>
            <IssueList communityId={communityId} filter={{ ...filter, status: state }} extra={selectBox} />
          </section>
        ))}
      </div>
    </section>
  );
}
