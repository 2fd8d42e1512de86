import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@linli/shared';
import { TextField } from '../../../ui/TextField';

interface Props {
  kind: 'report' | 'hide';
  reason: string;
  onReason: (reason: string) => void;
  onSubmit: (event: FormEvent) => Promise<void>;
  onCancel: () => void;
  pending: boolean;
  requireReason?: boolean;
  submitClass: string;
}

/** The reason prompt of "report" and "hide": one field, submit and cancel. */
export function ReasonForm({ kind, reason, onReason, onSubmit, onCancel, pending, requireReason = false, submitClass }: Props) {
  const { t } = useTranslation();
  return (
    <form className="popover inline-panel" onSubmit={(e) => void onSubmit(e)}>
      <TextField
        label={t(`chat.${kind}Label`)}
        data-testid={`${kind}-reason-input`}
        value={reason}
        maxLength={LIMITS.reportReason.max}
        placeholder={t(`chat.${kind}Placeholder`)}
        autoFocus
        onChange={(e) => onReason(e.target.value)}
      />
      <span className="row tight">
        <button type="submit" className={submitClass} data-testid={`${kind}-submit`} disabled={pending || (requireReason && !reason.trim())}>
          {t(`chat.${kind}Submit`)}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </span>
    </form>
  );
}
