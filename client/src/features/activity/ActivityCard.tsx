import { useTranslation } from 'react-i18next';
import type { Activity } from '@linli/shared';
import { useFormatDate } from '../../lib/format';

/** What a card and a page header say under the title: the deadline, the time and place, the places taken. */
export function ActivityFacts({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  if (activity.kind === 'call') return <span className="small">{t('activity.closesAt', { date: formatDate(activity.closesAt) })}</span>;
  if (activity.kind === 'quiz') {
    return (
      <span className="small">
        {activity.phase === 'upcoming' ? t('activity.opensAt', { date: formatDate(activity.opensAt) }) : t('activity.closesAt', { date: formatDate(activity.closesAt) })} ·{' '}
        {t('activity.quiz.summary', { count: activity.questionCount, points: activity.totalPoints })}
      </span>
    );
  }
  return (
    <span className="small stack-tight">
      <span>{t('activity.when', { from: formatDate(activity.startsAt), to: formatDate(activity.endsAt) })}</span>
      <span>{t('activity.place', { place: activity.place })}</span>
      <span data-testid="activity-seats">
        {t('activity.event.seats', { confirmed: activity.confirmed, capacity: activity.capacity })}
        {activity.waiting > 0 && ` · ${t('activity.event.waiting', { count: activity.waiting })}`}
      </span>
    </span>
  );
}

/** One activity in the list. */
export function ActivityCard({ activity, onOpen }: { activity: Activity; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <li data-testid="activity-item" data-activity-id={activity.id} data-kind={activity.kind} data-phase={activity.phase}>
      <button type="button" className="card-button" data-testid="activity-open" onClick={onOpen}>
        <span className="card-title">{activity.title}</span>
        <span className="badges">
          <span className={`badge activity-phase phase-${activity.phase}`}>{t(`activity.phases.${activity.phase}`)}</span>
          <span className="badge">{t(`activity.kinds.${activity.kind}`)}</span>
        </span>
        <ActivityFacts activity={activity} />
      </button>
    </li>
  );
}
