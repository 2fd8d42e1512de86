import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../lib/format';
import { useSocketQuery } from '../../lib/query';
import { useNavigateTo } from '../../lib/route';
import { overdueItemsQuery } from './decisionQueries';
import { useDecisionsLive } from './useDecisionsLive';

/** The overdue board's second part: action items of decisions past their due date, soonest first. */
export function OverdueDecisions({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const formatDate = useFormatDate();
  useDecisionsLive(communityId);
  const query = useSocketQuery(overdueItemsQuery(communityId));
  const items = query.data?.items ?? [];
  return (
    <section className="section-gap stack" aria-labelledby="overdue-decisions-title" data-testid="overdue-decisions">
      <h3 id="overdue-decisions-title">{t('decision.overdueBoard.title')}</h3>
      <p className="muted small">{t('decision.overdueBoard.hint')}</p>
      {query.data && items.length === 0 && <p className="muted">{t('decision.overdueBoard.empty')}</p>}
      <ul className="decision-list">
        {items.map((item) => (
          <li key={item.id} className="decision-card" data-testid="overdue-action-item" data-item-id={item.id} data-level={item.overdueLevel}>
            <button
              type="button"
              className="card-button"
              onClick={() => navigate({ name: 'community', communityId, view: 'decisions', channelId: null, itemId: item.decisionId })}
            >
              <span className="card-title">{item.title}</span>
              <span className="muted small">{t('decision.overdueBoard.of', { number: item.decisionNumber, title: item.decisionTitle })}</span>
              <span className="badges">
                <span className="badge">{t('decision.item.owner', { name: item.owner.name })}</span>
                <span className="badge overdue-mark">{item.overdueLevel >= 2 ? t('decision.item.overdue2') : t('decision.item.overdue1')}</span>
              </span>
              <span className="muted small">{t('decision.item.due', { date: formatDate(item.dueAt) })}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
