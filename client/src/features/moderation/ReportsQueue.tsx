import { useTranslation } from 'react-i18next';
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import type { MessageReport } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { useNavigateTo } from '../../lib/route';
import { queryKeys, socketQueryFn, useSocketQuery } from '../../lib/query';
import { useCommunityEvent } from '../../lib/communityEvents';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { useNameWithRole } from '../home/StaffDirectory';
import { QueuePanel } from './QueuePanel';
import { ErrorLine } from '../../ui/ErrorLine';
import { VoicePlayer } from '../voice/VoicePlayer';

const reportsQuery = (communityId: string) =>
  queryOptions({ queryKey: queryKeys.reports(communityId), queryFn: socketQueryFn('report:list', { communityId, status: 'open' }) });

/** Open reports, live: staff hide the message or dismiss the report. */
export function ReportsQueue({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = reportsQuery(communityId).queryKey;
  const { data: reports, error } = useSocketQuery(reportsQuery(communityId));

  const resolved = (id: string) => queryClient.setQueryData(key, (list) => list?.filter((item) => item.id !== id));

  useCommunityEvent('report:created', communityId, (report) => {
    if (report.status !== 'open') return;
    queryClient.setQueryData(key, (list) => (list ? [report, ...list.filter((item) => item.id !== report.id)] : list));
  });
  useCommunityEvent('report:resolved', communityId, (report) => resolved(report.id));

  return (
    <QueuePanel
      id="mod-reports"
      titleId="mod-reports-title"
      title={t('reports.title')}
      hint={t('reports.hint')}
      items={reports ?? null}
      error={error}
      emptyText={t('reports.empty')}
      showLoading={false}
      listTestId="reports-list"
    >
      {(reports ?? []).map((report) => (
        <ReportItem key={report.id} report={report} onResolved={resolved} />
      ))}
    </QueuePanel>
  );
}

function ReportItem({ report, onResolved }: { report: MessageReport; onResolved: (id: string) => void }) {
  const navigate = useNavigateTo();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const action = useAction();
  const withRole = useNameWithRole();

  async function resolve(kind: 'hide' | 'dismiss') {
    const done = await action.run(() => request('report:resolve', { reportId: report.id, action: kind }));
    if (done) onResolved(report.id);
  }

  return (
    <li data-testid="reports-item" data-report-id={report.id} data-message-id={report.messageId}>
      <div>{t('reports.by', { reporter: report.reporterName, author: withRole(report.messageAuthorId, report.messageAuthorName) })}</div>
      <blockquote className="report-excerpt pre">{report.messageExcerpt}</blockquote>
      {report.voice && <VoicePlayer voice={report.voice} testId="report-voice" />}
      <div className="small">{t('reports.reason', { reason: report.reason })}</div>
      <div className="muted small">{formatDate(report.createdAt)}</div>
      <div className="row">
        <button type="button" className="danger solid" data-testid="report-hide" disabled={action.pending} onClick={() => void resolve('hide')}>
          {t('reports.hide')}
        </button>
        <button type="button" className="secondary" data-testid="report-dismiss" disabled={action.pending} onClick={() => void resolve('dismiss')}>
          {t('reports.dismiss')}
        </button>
        <button
          type="button"
          className="ghost"
          onClick={() =>
            navigate({ name: 'community', communityId: report.communityId, view: 'chat', channelId: report.channelId, messageId: report.messageId })
          }
        >
          {t('reports.open')}
        </button>
      </div>
      <ErrorLine error={action.error} />
    </li>
  );
}
