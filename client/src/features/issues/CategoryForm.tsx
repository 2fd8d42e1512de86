import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ISSUE_LIMITS, type EventInput, type IssueCategory, type Organisation } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';

interface Props {
  communityId: string;
  /** Omitted: a new category. */
  category?: IssueCategory;
  organisations: readonly Organisation[];
  onSaved: (category: IssueCategory) => void;
  onCancel?: () => void;
}

/** Name, default organisation and deadlines of one category (issue:saveCategory). */
export function CategoryForm({ communityId, category, organisations, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(category?.name ?? '');
  const [organisationId, setOrganisationId] = useState(category?.defaultOrganisationId ?? '');
  const [hours, setHours] = useState(String(category?.responseHours ?? 24));
  const [days, setDays] = useState(String(category?.resolutionDays ?? 7));
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const payload: EventInput<'issue:saveCategory'> = {
      communityId,
      name: name.trim(),
      defaultOrganisationId: organisationId || null,
      responseHours: Number(hours),
      resolutionDays: Number(days),
      archived: category?.archived ?? false,
    };
    if (category) payload.categoryId = category.id;
    const saved = await action.run(() => request('issue:saveCategory', payload));
    if (saved) {
      onSaved(saved);
      if (!category) setName('');
    }
  }

  return (
    <form className="stack act-panel" data-testid="category-form" onSubmit={(e) => void submit(e)}>
      <TextField label={t('issues.categories.name')} data-testid="category-name" value={name} maxLength={ISSUE_LIMITS.categoryName.max} required onChange={(e) => setName(e.target.value)} />
      <SelectField
        label={t('issues.categories.defaultOrganisation')}
        data-testid="category-organisation"
        value={organisationId}
        onChange={(e) => setOrganisationId(e.target.value)}
        options={[{ value: '', label: t('issues.categories.noDefault') }, ...organisations.map((org) => ({ value: org.id, label: org.name }))]}
      />
      <div className="location-grid">
        <TextField label={t('issues.categories.responseHours')} type="number" min={1} max={336} data-testid="category-hours" value={hours} required onChange={(e) => setHours(e.target.value)} />
        <TextField label={t('issues.categories.resolutionDays')} type="number" min={1} max={365} data-testid="category-days" value={days} required onChange={(e) => setDays(e.target.value)} />
      </div>
      <ErrorLine error={action.error} small />
      <div className="row">
        <button type="submit" className="primary" data-testid="category-save" disabled={action.pending || name.trim() === ''}>
          {category ? t('issues.categories.save') : t('issues.categories.add')}
        </button>
        {onCancel && (
          <button type="button" className="ghost" onClick={onCancel}>
            {t('issues.act.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
