import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, organisationKinds, type Organisation, type OrganisationKind } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';

interface Props {
  communityId: string;
  editing: Organisation | null;
  onSaved: (organisation: Organisation) => void;
  onCancel: () => void;
}

/** Create or edit an organisation (party committee, residents' committee, property company…). */
export function OrganisationForm({ communityId, editing, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(editing?.name ?? '');
  const [kind, setKind] = useState<OrganisationKind>(editing?.kind ?? 'residents_committee');
  const [description, setDescription] = useState(editing?.description ?? '');
  const saving = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields = { name: name.trim(), kind, description: description.trim() };
    const org = editing
      ? await saving.run(() => request('organisation:update', { organisationId: editing.id, ...fields }))
      : await saving.run(() => request('organisation:create', { communityId, ...fields }));
    if (org) onSaved(org);
  }

  return (
    <form className="stack" data-testid="org-form" onSubmit={(e) => void submit(e)}>
      <h3>{editing ? t('mod.editOrg', { name: editing.name }) : t('mod.newOrg')}</h3>
      <label className="field">
        <span>{t('mod.orgName')}</span>
        <input
          data-testid="org-form-name"
          required
          maxLength={LIMITS.organisationName.max}
          placeholder={t('mod.orgNamePlaceholder')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('mod.orgKind')}</span>
        <select data-testid="org-form-kind" value={kind} onChange={(e) => setKind(e.target.value as OrganisationKind)}>
          {organisationKinds.map((organisationKind) => (
            <option key={organisationKind} value={organisationKind}>
              {t(`orgKinds.${organisationKind}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('mod.orgDescription')}</span>
        <textarea
          data-testid="org-form-description"
          rows={2}
          maxLength={LIMITS.description.max}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <div className="row">
        <button
          type="submit"
          className="primary"
          data-testid="org-form-submit"
          disabled={saving.pending || name.trim().length < LIMITS.organisationName.min}
        >
          {saving.pending ? t('common.saving') : editing ? t('mod.saveChanges') : t('mod.orgCreate')}
        </button>
        {editing && (
          <button type="button" className="ghost" onClick={onCancel}>
            {t('mod.cancelEdit')}
          </button>
        )}
      </div>
      {saving.error && (
        <p className="error" role="alert" data-testid="org-form-error">
          {saving.error}
        </p>
      )}
    </form>
  );
}
