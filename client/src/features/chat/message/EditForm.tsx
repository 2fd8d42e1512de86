import { useTranslation } from 'react-i18next';
import { LIMITS } from '@linli/shared';

interface Props {
  messageId: string;
  draft: string;
  onDraft: (draft: string) => void;
  onSave: () => void;
  onCancel: () => void;
  pending: boolean;
}

/** Edits a message in place: Enter saves, Shift+Enter adds a line, Escape cancels. */
export function EditForm({ messageId, draft, onDraft, onSave, onCancel, pending }: Props) {
  const { t } = useTranslation();
  return (
    <form
      className="edit-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <label className="visually-hidden" htmlFor={`edit-${messageId}`}>
        {t('chat.editLabel')}
      </label>
      <textarea
        id={`edit-${messageId}`}
        data-testid="edit-input"
        value={draft}
        maxLength={LIMITS.message.maxLength}
        autoFocus
        onChange={(e) => onDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            onSave();
          }
        }}
      />
      <span className="row tight">
        <button type="submit" className="primary" data-testid="edit-save" disabled={pending || !draft.trim()}>
          {t('chat.editSave')}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          {t('chat.editCancel')}
        </button>
      </span>
    </form>
  );
}
