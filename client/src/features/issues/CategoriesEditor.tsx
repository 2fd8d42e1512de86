import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { IssueCategory, Organisation } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { queryKeys, useSocketQuery } from '../../lib/query';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { CategoryForm } from './CategoryForm';
import { categoriesQuery } from './issueQueries';

/** Staff edit the categories: name, default organisation, response hours, resolution days; archive and restore. */
export function CategoriesEditor({ communityId, organisations }: { communityId: string; organisations: readonly Organisation[] | null }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const categories = useSocketQuery(categoriesQuery(communityId, true));
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const archiving = useAction();
  const orgs = organisations ?? [];
  const orgName = (id: string | null) => orgs.find((org) => org.id === id)?.name ?? t('issues.categories.noDefault');

  const saved = (category: IssueCategory) => {
    setEditing(null);
    setNotice(t('issues.categories.saved', { name: category.name }));
    // The push updates both lists too; this covers the author at once.
    for (const includeArchived of [false, true]) {
      queryClient.setQueryData<IssueCategory[]>(queryKeys.issueCategories(communityId, includeArchived), (list) => {
        if (!list) return list;
        const rest = list.filter((item) => item.id !== category.id);
        return (category.archived && !includeArchived ? rest : [...rest, category]).sort((a, b) => a.position - b.position);
      });
    }
  };

  async function setArchived(category: IssueCategory, archived: boolean) {
    const { id, name, defaultOrganisationId, responseHours, resolutionDays } = category;
    const done = await archiving.run(() =>
      request('issue:saveCategory', { communityId, categoryId: id, name, defaultOrganisationId, responseHours, resolutionDays, archived }),
    );
    if (done) saved(done);
  }

  return (
    <section className="panel" aria-labelledby="categories-title">
      <h2 id="categories-title">{t('issues.tabs.categories')}</h2>
      <p className="muted small">{t('issues.categories.hint')}</p>
      <ErrorLine error={categories.error && errorText(categories.error)} />
      {notice && (
        <p className="success small" role="status">
          {notice}
        </p>
      )}
      <ul className="list compact" data-testid="category-list">
        {(categories.data ?? []).map((category) => (
          <li key={category.id} className={category.archived ? 'is-archived' : undefined} data-testid="category-item">
            {editing === category.id ? (
              <CategoryForm communityId={communityId} category={category} organisations={orgs} onSaved={saved} onCancel={() => setEditing(null)} />
            ) : (
              <div className="category-row">
                <div>
                  <strong>{category.name}</strong> {category.archived && <span className="badge">{t('issues.categories.archived')}</span>}
                </div>
                <div className="muted small">
                  {orgName(category.defaultOrganisationId)} · {t('issues.categories.summary', { hours: category.responseHours, days: category.resolutionDays })}
                </div>
                <div className="row">
                  <button type="button" className="secondary" onClick={() => setEditing(category.id)}>
                    {t('issues.categories.edit')}
                  </button>
                  <button type="button" className="ghost" disabled={archiving.pending} onClick={() => void setArchived(category, !category.archived)}>
                    {category.archived ? t('issues.categories.restore') : t('issues.categories.archive')}
                  </button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
      <ErrorLine error={archiving.error} small />
      <h3 className="section-gap">{t('issues.categories.add')}</h3>
      <CategoryForm communityId={communityId} organisations={orgs} onSaved={saved} />
    </section>
  );
}
