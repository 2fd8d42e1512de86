import { useTranslation } from 'react-i18next';
import type { Decision } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { useNavigateTo } from '../../lib/route';
import { DecisionSources } from './DecisionSources';
import { ProgressBar } from './ProgressBar';

/** One decision on the board: number, title, state, progress bar, owners, due date and where it came from. */
export function DecisionCard({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const formatDate = useFormatDate();
  return (
    <li className="decision-card" data-testid="decision-item" data-decision-id={decision.id} data-state={decision.state}>
      <button
        type="button"
        className="card-button"
        data-testid="decision-open"
        onClick={() => navigate({ name: 'community', communityId: decision.communityId, view: 'decisions', channelId: null, itemId: decision.id })}
      >
        <span>
          <span className="muted">{t('decision.number', { number: decision.number })}</span>{' '}
          <span className="card-title" data-testid="decision-title">
            {decision.title}
          </span>
        </span>
        <span className="badges">
          <span className={`badge decision-state state-${decision.state}`} data-testid="decision-state">
            {t(`decision.states.${decision.state}`)}
          </span>
          {decision.overdue && <span className="badge overdue-mark">{t('decision.overdue')}</span>}
          {decision.itemCount > 0 && <span className="badge">{t('decision.itemsDone', { done: decision.doneCount, count: decision.itemCount })}</span>}
        </span>
        <ProgressBar percent={decision.progress} testId="decision-progress" />
        <span className="muted small">{decision.owners.length > 0 ? t('decision.owners', { owners: decision.owners.join('、') }) : t('decision.noOwners')}</span>
        {decision.state === 'done' && decision.doneAt ? (
          <span className="muted small">{t('decision.doneAt', { date: formatDate(decision.doneAt) })}</span>
        ) : (
          decision.dueAt && <span className="muted small">{t('decision.due', { date: formatDate(decision.dueAt) })}</span>
        )}
      </button>
      <DecisionSources decision={decision} compact />
    </li>
  );
}
