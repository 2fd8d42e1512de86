import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type Member, type Organisation } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorLine } from '../../ui/ErrorLine';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';

interface Props {
  organisation: Organisation;
  members: Member[] | null;
  onEdit: () => void;
  onSaved: (organisation: Organisation) => void;
  onRemoved: (organisationId: string) => void;
}

/** One organisation with its staff; staff are picked from community members. */
export function OrganisationItem({ organisation, members, onEdit, onSaved, onRemoved }: Props) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState('');
  const [title, setTitle] = useState('');
  const action = useAction();
  const candidates = (members ?? []).filter((member) => !organisation.staff.some((staffMember) => staffMember.userId === member.userId));

  async function addStaff(e: FormEvent) {
    e.preventDefault();
    const org = await action.run(() =>
      request('organisation:addStaff', { organisationId: organisation.id, userId, title: title.trim() }),
    );
    if (org) {
      onSaved(org);
      setUserId('');
      setTitle('');
    }
  }

  async function removeStaff(staffId: string) {
    const org = await action.run(() =>
      request('organisation:removeStaff', { organisationId: organisation.id, userId: staffId }),
    );
    if (org) onSaved(org);
  }

  async function remove() {
    const done = await action.run(() => request('organisation:remove', { organisationId: organisation.id }));
    if (done) onRemoved(done.organisationId);
  }

  return (
    <li className="org-item" data-testid="org-item" data-organisation-id={organisation.id}>
      <div className="member-head">
        <strong>{organisation.name}</strong>
        <span className={`badge org-${organisation.kind}`}>{t(`orgKinds.${organisation.kind}`)}</span>
      </div>
      {organisation.description && <p className="small pre">{organisation.description}</p>}
      <h4>{t('mod.staff')}</h4>
      {organisation.staff.length === 0 && <p className="muted small">{t('mod.noStaff')}</p>}
      <ul className="list plain">
        {organisation.staff.map((staffMember) => (
          <li key={staffMember.userId} className="row between" data-testid="org-staff-item">
            <span>
              {staffMember.displayName}
              {staffMember.title && <span className="muted small"> · {staffMember.title}</span>}
            </span>
            <button
              type="button"
              className="ghost"
              data-testid="remove-staff"
              disabled={action.pending}
              onClick={() => void removeStaff(staffMember.userId)}
            >
              {t('mod.removeStaff')}
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form wrap" onSubmit={(e) => void addStaff(e)}>
        <SelectField
          label={t('mod.staffMember')}
          inline
          data-testid="org-staff-member"
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          options={candidates.map((member) => ({ value: member.userId, label: member.displayName }))}
        >
          <option value="">{t('mod.staffMemberPlaceholder')}</option>
        </SelectField>
        <TextField
          label={t('mod.staffTitle')}
          inline
          data-testid="org-staff-title"
          maxLength={LIMITS.staffTitle.max}
          placeholder={t('mod.staffTitlePlaceholder')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <button type="submit" className="secondary" data-testid="add-staff" disabled={action.pending || !userId}>
          {t('mod.addStaff')}
        </button>
      </form>
      <div className="row">
        <button type="button" className="secondary" data-testid="edit-org" onClick={onEdit}>
          {t('common.edit')}
        </button>
        <ConfirmButton
          label={t('mod.orgRemove')}
          confirmLabel={t('mod.orgRemoveConfirm')}
          testId="remove-org"
          danger
          disabled={action.pending}
          onConfirm={() => void remove()}
        />
      </div>
      <ErrorLine error={action.error} />
    </li>
  );
}
