import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { StateBadge } from './StateBadge';
import { useMarkSupported, useSaveIssue } from './useIssuesLive';

const DEBOUNCE_MS = 400;

interface Props {
  communityId: string;
  me: string;
  title: string;
  description: string;
  categoryId: string;
  onOpen: (issueId: string) => void;
}

/** Open issues alike to the draft, asked while the title is typed: "Me too" instead of filing twice. */
export function SimilarIssues({ communityId, me, title, description, categoryId, onOpen }: Props) {
  const { t } = useTranslation();
  const [found, setFound] = useState<Issue[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const save = useSaveIssue(communityId, me);
  const markSupported = useMarkSupported(communityId);
  const query = title.trim();

  useEffect(() => {
    if (query.length < 2) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      const payload = categoryId ? { communityId, title: query, description, categoryId } : { communityId, title: query, description };
      void request('issue:similar', payload).then((res) => {
        if (!cancelled && res.ok) setFound(res.data);
      });
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [communityId, me, query, description, categoryId]);

  async function meToo(issue: Issue) {
    const res = await action.run(() => request('issue:support', { issueId: issue.id, on: true }));
    if (!res) return;
    save(res.issue);
    markSupported(issue.id, true);
    setDone(issue.id);
  }

  const shown = query.length < 2 ? [] : found;
  if (shown.length === 0) return null;
  return (
    <section className="similar" aria-labelledby="similar-title" data-testid="similar-issues">
      <h3 id="similar-title">{t('issues.form.similarTitle')}</h3>
      <p className="muted small">{t('issues.form.similarHint')}</p>
      <ul className="list compact">
        {shown.map((issue) => (
          <li key={issue.id} data-testid="similar-item">
            <div className="issue-line">
              <span className="muted">{t('issues.number', { number: issue.number })}</span> <strong>{issue.title}</strong>{' '}
              <StateBadge state={issue.state} />
            </div>
            <div className="muted small">{t('issues.supportCount', { count: issue.supportCount })}</div>
            {done === issue.id ? (
              <p className="success small" role="status">
                {t('issues.form.meTooDone')}
              </p>
            ) : (
              <div className="row">
                <button type="button" className="primary" data-testid="similar-me-too" disabled={action.pending} onClick={() => void meToo(issue)}>
                  {t('issues.form.meToo')}
                </button>
                <button type="button" className="ghost" onClick={() => onOpen(issue.id)}>
                  {t('issues.form.view')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <ErrorLine error={action.error} small />
    </section>
  );
}
