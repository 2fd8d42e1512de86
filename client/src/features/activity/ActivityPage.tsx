import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@linli/shared';
import { useSocketQuery } from '../../lib/query';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorLine } from '../../ui/ErrorLine';
import { BackButton, ItemPageFallback } from '../../ui/ItemPageFrame';
import { TextAreaField } from '../../ui/TextAreaField';
import { useCommunityActor } from '../communities/actor';
import { ActivityFacts } from './ActivityCard';
import { activityQuery, useSaveActivity } from './activityQueries';
import { CallPanel } from './CallPanel';
import { EventPanel } from './EventPanel';
import { QuizPanel } from './QuizPanel';

interface Props {
  communityId: string;
  activityId: string;
}

/** One activity: what it is, and the resident's part in it (ideas, the quiz, the sign-up); staff tools beside. */
export function ActivityPage({ communityId, activityId }: Props) {
  const { t } = useTranslation();
  const actor = useCommunityActor();
  const query = useSocketQuery(activityQuery(communityId, activityId));
  const back = <BackButton to={{ name: 'community', communityId, view: 'activities', channelId: null }} label={t('activity.back')} testId="activity-back" />;
  if (query.error || !query.data) return <ItemPageFallback back={back} error={query.error} notFound={t('activity.notFound')} loading={t('activity.loading')} />;
  const view = query.data;
  const { activity } = view;
  const manage = can(actor, 'activity.manage');

  return (
    <article className="activity-page" data-testid="activity-page" data-activity-id={activity.id} data-kind={activity.kind} data-phase={activity.phase}>
      {back}
      <section className="panel stack">
        <div className="badges">
          <span className={`badge activity-phase phase-${activity.phase}`}>{t(`activity.phases.${activity.phase}`)}</span>
          <span className="badge">{t(`activity.kinds.${activity.kind}`)}</span>
        </div>
        <h2 data-testid="activity-title">{activity.title}</h2>
        <ActivityFacts activity={activity} />
        {activity.description && <p className="pre">{activity.description}</p>}
        <p className="small muted">{t('activity.by', { name: activity.createdByName })}</p>
        {activity.cancelReason && (
          <p className="error" data-testid="activity-cancelled">
            {t('activity.cancelled', { reason: activity.cancelReason })}
          </p>
        )}
        {manage && activity.phase !== 'cancelled' && activity.phase !== 'closed' && <CancelPanel communityId={communityId} activityId={activity.id} />}
      </section>
      {activity.kind === 'call' && <CallPanel communityId={communityId} activity={activity} ideas={view.ideas} manage={manage} canPropose={can(actor, 'activity.propose')} />}
      {activity.kind === 'quiz' && <QuizPanel communityId={communityId} activity={activity} turn={view.quiz} questions={view.questions} manage={manage} />}
      {activity.kind === 'event' && <EventPanel communityId={communityId} activity={activity} signup={view.signup} manage={manage} />}
    </article>
  );
}

function CancelPanel({ communityId, activityId }: { communityId: string; activityId: string }) {
  const { t } = useTranslation();
  const action = useAction();
  const save = useSaveActivity(communityId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <div className="row">
        <button type="button" className="ghost activity-danger" data-testid="activity-cancel-open" onClick={() => setOpen(true)}>
          {t('activity.cancel.open')}
        </button>
      </div>
    );
  }
  return (
    <div className="stack" data-testid="activity-cancel-panel">
      <TextAreaField label={t('activity.cancel.reason')} value={reason} maxLength={500} data-testid="activity-cancel-reason" onChange={(e) => setReason(e.target.value)} />
      <ErrorLine error={action.error} />
      <div className="row">
        <ConfirmButton
          label={t('activity.cancel.open')}
          confirmLabel={t('activity.cancel.confirm')}
          danger
          testId="activity-cancel"
          disabled={action.pending || reason.trim() === ''}
          onConfirm={() =>
            void action.run(() => request('activity:cancel', { activityId, reason: reason.trim() })).then((done) => {
              if (done) {
                save(done);
                setOpen(false);
              }
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
