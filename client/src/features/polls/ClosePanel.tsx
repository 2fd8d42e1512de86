import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Poll } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextAreaField } from '../../ui/TextAreaField';
import { useSavePoll } from './usePollsLive';

/** Staff close an open poll before its time, with a reason (counted at once, audited). */
export function ClosePanel({ poll }: { poll: Poll }) {
  const { t } = useTranslation();
  const action = useAction();
  const save = useSavePoll(poll.communityId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <button type="button" className="danger" data-testid="poll-close-open" onClick={() => setOpen(true)}>
        {t('poll.close.open')}
      </button>
    );
  }
  return (
    <div className="stack" data-testid="poll-close-panel">
      <TextAreaField label={t('poll.close.reason')} value={reason} maxLength={500} data-testid="poll-close-reason" onChange={(e) => setReason(e.target.value)} />
      <p className="small muted">{t('poll.close.hint')}</p>
      <ErrorLine error={action.error} />
      <div className="row">
        <ConfirmButton
          label={t('poll.close.open')}
          confirmLabel={t('poll.close.confirm')}
          danger
          testId="poll-close"
          disabled={action.pending || reason.trim() === ''}
          onConfirm={() =>
            void action.run(() => request('poll:close', { pollId: poll.id, reason: reason.trim() })).then((closed) => {
              if (closed) save(closed);
            })
          }
        />
        <button type="button" className="ghost" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
