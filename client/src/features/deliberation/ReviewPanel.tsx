import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can, DELIBERATION_LIMITS, type Deliberation } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextAreaField } from '../../ui/TextAreaField';
import { useCommunityActor } from '../communities/actor';

/** Staff on a proposal: open it now, or say why it is not taken up. */
export function ReviewPanel({ topic, onDone }: { topic: Deliberation; onDone: (topic: Deliberation) => void }) {
  const { t } = useTranslation();
  const actor = useCommunityActor();
  const action = useAction();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  if (topic.state !== 'proposed' || !can(actor, 'deliberation.open')) return null;

  async function open() {
    const opened = await action.run(() => request('deliberation:review', { deliberationId: topic.id, action: 'open' }));
    if (opened) onDone(opened);
  }

  async function reject(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return;
    const rejected = await action.run(() => request('deliberation:review', { deliberationId: topic.id, action: 'reject', reason: reason.trim() }));
    if (rejected) onDone(rejected);
  }

  return (
    <div className="stack delib-review" data-testid="delib-review">
      <div className="row">
        <button type="button" className="primary" data-testid="delib-review-open" disabled={action.pending} onClick={() => void open()}>
          {t('deliberation.review.open')}
        </button>
        <button type="button" className="danger" data-testid="delib-review-reject" aria-expanded={rejecting} onClick={() => setRejecting(!rejecting)}>
          {t('deliberation.review.reject')}
        </button>
      </div>
      {rejecting && (
        <form className="stack" onSubmit={(e) => void reject(e)}>
          <TextAreaField label={t('deliberation.review.reason')} data-testid="delib-reject-reason" value={reason} maxLength={DELIBERATION_LIMITS.reason.max} required onChange={(e) => setReason(e.target.value)} />
          <button type="submit" className="danger solid" data-testid="delib-reject-submit" disabled={action.pending || !reason.trim()}>
            {t('deliberation.review.rejectSubmit')}
          </button>
        </form>
      )}
      <ErrorLine error={action.error} />
    </div>
  );
}
