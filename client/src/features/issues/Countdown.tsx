import { useTranslation } from 'react-i18next';
import type { Issue } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { runningDeadline, spanParts, useNow } from './deadline';

/** The running deadline of an issue: time left, or an overdue marker with how late it is. */
export function Countdown({ issue, long = false }: { issue: Issue; long?: boolean }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const now = useNow();
  const deadline = runningDeadline(issue);
  if (!deadline) return null;
  const left = Date.parse(deadline.at) - now;
  const { days, hours, minutes } = spanParts(left);
  const time = [
    days > 0 ? t('issues.deadline.days', { count: days }) : '',
    hours > 0 || days > 0 ? t('issues.deadline.hours', { count: hours }) : '',
    days === 0 ? t('issues.deadline.minutes', { count: minutes }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const overdue = left < 0 || issue.overdueLevel > 0;
  return (
    <span className={`countdown${overdue ? ' overdue' : ''}`} data-testid="issue-countdown" data-overdue={overdue}>
      {overdue && <span className="badge overdue-mark">{issue.overdueLevel > 0 ? t('issues.deadline.escalated') : t('issues.deadline.overdueMark')}</span>}
      <span>
        {long && `${t(deadline.kind === 'respond' ? 'issues.deadline.respond' : 'issues.deadline.resolve')} ${formatDate(deadline.at)} · `}
        {left < 0 ? t('issues.deadline.overdue', { time }) : t('issues.deadline.left', { time })}
      </span>
    </span>
  );
}
