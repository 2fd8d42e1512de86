import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, organisationKinds, type Organisation, type OrganisationKind } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { SelectField } from '../../ui/SelectField';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { EditorActions } from './EditorActions';

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
      <TextField
        label={t('mod.orgName')}
        data-testid="org-form-name"
        required
        maxLength={LIMITS.organisationName.max}
        placeholder={t('mod.orgNamePlaceholder')}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <SelectField
        label={t('mod.orgKind')}
        data-testid="org-form-kind"
        value={kind}
        onChange={(e) => setKind(e.target.value as OrganisationKind)}
        options={organisationKinds.map((organisationKind) => ({ value: organisationKind, label: t(`orgKinds.${organisationKind}`) }))}
      />
      <TextAreaField
        label={t('mod.orgDescription')}
        data-testid="org-form-description"
        rows={2}
        maxLength={LIMITS.description.max}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <EditorActions
        editing={editing !== null}
        pending={saving.pending}
        invalid={name.trim().length < LIMITS.organisationName.min}
        createLabel={t('mod.orgCreate')}
        submitTestId="org-form-submit"
        onCancel={onCancel}
      />
      <ErrorLine error={saving.error} testId="org-form-error" />
    </form>
  );
}
