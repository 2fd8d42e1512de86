import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { can, type Member, type Organisation } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { useSocketQuery } from '../../lib/query';
import { BackButton, ItemPageFallback } from '../../ui/ItemPageFrame';
import { useCommunityActor } from '../communities/actor';
import { ActionItemCard } from './ActionItemCard';
import { decisionQuery, type DecisionDetail } from './decisionQueries';
import { DecisionSources } from './DecisionSources';
import { ItemForm } from './ItemForm';
import { ProgressBar } from './ProgressBar';
import { RateForm } from './RateForm';
import { useSaveDecision, useSaveItem } from './useDecisionsLive';

interface Props {
  communityId: string;
  decisionId: string;
  organisations: readonly Organisation[];
  members: readonly Member[];
}

/** One decision: what and why (or the poll's outcome), where it came from, its action items with milestones and progress, and what one may do. */
export function DecisionPage({ communityId, decisionId, organisations, members }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const actor = useCommunityActor();
  const queryClient = useQueryClient();
  const query = useSocketQuery(decisionQuery(communityId, decisionId));
  const saveDecision = useSaveDecision(communityId);
  const saveItem = useSaveItem(communityId);
  const [adding, setAdding] = useState(false);

  const back = <BackButton to={{ name: 'community', communityId, view: 'decisions', channelId: null }} label={t('decision.back')} testId="decision-back" />;
  if (query.error || !query.data) return <ItemPageFallback back={back} error={query.error} notFound={t('decision.notFound')} loading={t('app.loading')} />;
  const { decision, items, progress, participant, myRating } = query.data;
  const mayManage = can(actor, 'decision.manageItems');
  const mayRate = can(actor, 'decision.rate', { participant, state: decision.state }) && myRating === null;

  return (
    <article className="decision-page" data-testid="decision-page" data-decision-id={decision.id} data-state={decision.state} data-version={decision.version}>
      {back}
      <div className="issue-grid">
        <section className="panel stack-lg">
          <header className="stack">
            <span className="muted">{t('decision.number', { number: decision.number })}</span>
            <h2 data-testid="decision-page-title">{decision.title}</h2>
            <div className="badges">
              <span className={`badge decision-state state-${decision.state}`} data-testid="decision-page-state">
                {t(`decision.states.${decision.state}`)}
              </span>
              {decision.overdue && <span className="badge overdue-mark">{t('decision.overdue')}</span>}
              <span className="badge" data-testid="decision-rating">
                {decision.ratingAverage !== null ? t('decision.rating', { average: decision.ratingAverage, count: decision.ratingCount }) : t('decision.noRating')}
              </span>
            </div>
            <ProgressBar percent={decision.progress} testId="decision-page-progress" />
            <p className="muted small">{t('decision.progressHow')}</p>
            <p className="muted small">{t('decision.page.recordedBy', { name: decision.recordedByName, date: formatDate(decision.createdAt) })}</p>
          </header>
          {decision.outcome && (
            <div>
              <h3>{t('decision.page.outcome')}</h3>
              <p data-testid="decision-outcome">{decision.outcome}</p>
            </div>
          )}
          <div>
            <h3>{t('decision.page.rationale')}</h3>
            <p className="pre" data-testid="decision-rationale">
              {decision.rationale || t('decision.page.noRationale')}
            </p>
          </div>
          <div>
            <h3>{t('decision.from.title')}</h3>
            <DecisionSources decision={decision} />
          </div>
          {myRating && <p data-testid="decision-my-rating">{t('decision.rate.mine', { rating: t(`issues.ratings.${myRating}`) })}</p>}
          {mayRate && (
            <RateForm
              decision={decision}
              onDone={(saved, rating) => {
                saveDecision(saved);
                queryClient.setQueryData<DecisionDetail>(decisionQuery(communityId, decisionId).queryKey, (detail) => (detail ? { ...detail, myRating: rating } : detail));
              }}
            />
          )}
        </section>
        <section className="panel stack" aria-labelledby="decision-items-title">
          <h3 id="decision-items-title">{t('decision.page.items')}</h3>
          {items.length === 0 && <p className="muted">{t('decision.page.noItems')}</p>}
          <ul className="action-items">
            {items.map((item) => (
              <ActionItemCard
                key={item.id}
                item={item}
                entries={progress.filter((entry) => entry.itemId === item.id)}
                organisations={organisations}
                members={members}
                onItem={saveItem}
              />
            ))}
          </ul>
          {mayManage &&
            (adding ? (
              <ItemForm
                decisionId={decision.id}
                item={null}
                organisations={organisations}
                members={members}
                onCancel={() => setAdding(false)}
                onDone={(saved) => {
                  saveItem(saved);
                  setAdding(false);
                }}
              />
            ) : (
              <button type="button" className="secondary" data-testid="item-add" onClick={() => setAdding(true)}>
                {t('decision.form.addItem')}
              </button>
            ))}
        </section>
      </div>
    </article>
  );
}
