import { useTranslation } from 'react-i18next';
import type { JoinRequest } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { request } from '../../lib/socket';
import { DecisionButtons } from '../../ui/DecisionButtons';
import { QueuePanel } from './QueuePanel';
import { useJoinRequests } from './useJoinRequests';

export function JoinRequests({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const { requests, error, remove, retry } = useJoinRequests(communityId);

  return (
    <QueuePanel
      id="mod-join-requests"
      titleId="mod-join-title"
      title={t('mod.joinRequests')}
      items={requests}
      error={error}
      emptyText={t('mod.noJoinRequests')}
      emptyNext={t('mod.noJoinRequestsNext')}
      onRetry={retry}
      listTestId="join-request-list"
    >
      {(requests ?? []).map((req) => (
        <JoinRequestItem key={req.id} req={req} onDecided={() => remove(req.id)} />
      ))}
    </QueuePanel>
  );
}

function JoinRequestItem({ req, onDecided }: { req: JoinRequest; onDecided: () => void }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <li className="join-request-item" data-testid="join-request-item" data-request-id={req.id}>
      <div className="member-head">
        <strong>{req.displayName}</strong>
        <span className="muted small">{t('mod.requestedAt', { date: formatDate(req.createdAt) })}</span>
      </div>
      <p className={req.message ? 'pre' : 'muted small'}>{req.message || t('mod.noMessage')}</p>
      <DecisionButtons
        approveLabel={t('mod.approve')}
        rejectLabel={t('mod.reject')}
        approveTestId="approve-join"
        rejectTestId="reject-join"
        decide={(approve) => request('community:decideJoinRequest', { requestId: req.id, approve })}
        onDecided={onDecided}
      />
    </li>
  );
}
