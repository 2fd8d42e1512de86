import { useTranslation } from 'react-i18next';
import { issueStates, type IssueCategory, type Organisation } from '@linli/shared';
import { SelectField } from '../../ui/SelectField';
import type { IssueFilter, IssueSort, IssueStatusFilter } from './issueQueries';

interface Props {
  filter: IssueFilter;
  onChange: (filter: IssueFilter) => void;
  categories: readonly IssueCategory[];
  /** Given: an organisation filter is offered (staff boards). */
  organisations?: readonly Organisation[] | null;
  /** Which of the checkboxes to offer. */
  toggles?: readonly ('mine' | 'supported' | 'overdue')[];
  showStatus?: boolean;
  showSort?: boolean;
}

/** The filters of a problem list: status, category, organisation, mine / me too / overdue, sort. */
export function IssueFilters({ filter, onChange, categories, organisations, toggles = ['mine', 'supported', 'overdue'], showStatus = true, showSort = true }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<IssueFilter>) => onChange({ ...filter, ...patch });
  const statusOptions = [
    { value: 'open', label: t('issues.list.statusOpen') },
    { value: 'closed', label: t('issues.list.statusClosed') },
    { value: 'all', label: t('issues.list.statusAll') },
    ...issueStates.map((state) => ({ value: state, label: t(`issues.states.${state}`) })),
  ];
  return (
    <fieldset className="issue-filters" aria-label={t('issues.list.filters')}>
      {showStatus && (
        <SelectField
          label={t('issues.list.status')}
          inline
          data-testid="filter-status"
          value={filter.status}
          onChange={(e) => set({ status: e.target.value as IssueStatusFilter })}
          options={statusOptions}
        />
      )}
      <SelectField
        label={t('issues.category')}
        inline
        data-testid="filter-category"
        value={filter.categoryId ?? ''}
        onChange={(e) => set({ categoryId: e.target.value || undefined })}
        options={[{ value: '', label: t('issues.list.categoryAll') }, ...categories.map((category) => ({ value: category.id, label: category.name }))]}
      />
      {organisations && (
        <SelectField
          label={t('issues.list.organisation')}
          inline
          data-testid="filter-organisation"
          value={filter.organisationId ?? ''}
          onChange={(e) => set({ organisationId: e.target.value || undefined })}
          options={[{ value: '', label: t('issues.list.organisationAll') }, ...organisations.map((org) => ({ value: org.id, label: org.name }))]}
        />
      )}
      {showSort && (
        <SelectField
          label={t('issues.list.sort')}
          inline
          data-testid="filter-sort"
          value={filter.sort}
          onChange={(e) => set({ sort: e.target.value as IssueSort })}
          options={[
            { value: 'newest', label: t('issues.list.sortNewest') },
            { value: 'support', label: t('issues.list.sortSupport') },
            { value: 'deadline', label: t('issues.list.sortDeadline') },
          ]}
        />
      )}
      <div className="filter-checks">
        {toggles.map((name) => (
          <label key={name} className="check">
            <input type="checkbox" data-testid={`filter-${name}`} checked={filter[name] ?? false} onChange={(e) => set({ [name]: e.target.checked || undefined })} />
            <span>{t(name === 'mine' ? 'issues.list.mine' : name === 'supported' ? 'issues.list.supportedOnly' : 'issues.list.overdueOnly')}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
