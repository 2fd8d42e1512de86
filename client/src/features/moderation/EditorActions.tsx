import { useTranslation } from 'react-i18next';

interface Props {
  /** Editing an existing item (save and cancel) rather than creating one. */
  editing: boolean;
  pending: boolean;
  /** The form is incomplete. */
  invalid: boolean;
  createLabel: string;
  submitTestId: string;
  onCancel: () => void;
}

/** The submit row of a create-or-edit form: create / save changes, and cancel while editing. */
export function EditorActions({ editing, pending, invalid, createLabel, submitTestId, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <div className="row">
      <button type="submit" className="primary" data-testid={submitTestId} disabled={pending || invalid}>
        {pending ? t('common.saving') : editing ? t('mod.saveChanges') : createLabel}
      </button>
      {editing && (
        <button type="button" className="ghost" onClick={onCancel}>
          {t('mod.cancelEdit')}
        </button>
      )}
    </div>
  );
}
