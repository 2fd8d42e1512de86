import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type ActionItem, type Member, type Organisation, type ProgressEntry } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { useCommunityActor } from '../communities/actor';
import { PhotoGallery } from '../issues/PhotoGallery';
import { AbandonForm } from './AbandonForm';
import { ItemForm } from './ItemForm';
import { ProgressBar } from './ProgressBar';
import { ProgressForm } from './ProgressForm';

interface Props {
  item: ActionItem;
  entries: readonly ProgressEntry[];
  organisations: readonly Organisation[];
  members: readonly Member[];
  onItem: (item: ActionItem, entry?: ProgressEntry) => void;
}

type Panel = 'progress' | 'edit' | 'abandon' | null;

/** One action item: owner, due date, state, progress, milestones to tick, its progress timeline with photos, and the forms one may use. */
export function ActionItemCard({ item, entries, organisations, members, onItem }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const actor = useCommunityActor();
  const ticking = useAction();
  const [panel, setPanel] = useState<Panel>(null);
  const running = item.state === 'planned' || item.state === 'in_progress';
  const mayReport = can(actor, 'decision.postProgress', { type: item.owner.type, id: item.owner.id }) && item.state !== 'abandoned';
  const mayManage = can(actor, 'decision.manageItems') && item.state !== 'abandoned';
  // The sweeper marks it (the client's clock is not the server's).
  const overdue = running && item.overdueLevel > 0;

  async function tick(milestoneId: string, done: boolean) {
    const saved = await ticking.run(() => request('decision:milestone', { itemId: item.id, milestoneId, done }));
    if (saved) onItem(saved);
  }

  return (
    <li className={`action-item state-${item.state}`} data-testid="action-item" data-item-id={item.id} data-state={item.state}>
      <div className="row between">
        <strong data-testid="action-item-title">{item.title}</strong>
        <span className={`badge item-state state-${item.state}`} data-testid="action-item-state">
          {t(`decision.item.states.${item.state}`)}
        </span>
      </div>
      <div className="badges">
        <span className="badge" data-testid="action-item-owner">
          {t('decision.item.owner', { name: item.owner.name })}
        </span>
        <span className={`badge${overdue ? ' overdue-mark' : ''}`}>{t('decision.item.due', { date: formatDate(item.dueAt) })}</span>
        {item.overdueLevel > 0 && running && <span className="badge overdue-mark">{item.overdueLevel >= 2 ? t('decision.item.overdue2') : t('decision.item.overdue1')}</span>}
      </div>
      {item.state !== 'abandoned' && <ProgressBar percent={item.state === 'done' ? 100 : item.progress} testId="action-item-progress" />}
      {item.abandonReason && <p className="muted">{t('decision.item.abandoned', { reason: item.abandonReason })}</p>}
      {item.milestones.length > 0 && (
        <div>
          <h4>{t('decision.item.milestones')}</h4>
          <ul className="milestones">
            {item.milestones.map((milestone) => (
              <li key={milestone.id} className={milestone.doneAt ? 'milestone done' : 'milestone'} data-testid="milestone" data-done={milestone.doneAt !== null}>
                <span aria-hidden="true">{milestone.doneAt ? '✓' : '○'}</span> {milestone.title}{' '}
                <span className="muted small">{t('decision.item.milestoneDue', { date: formatDate(milestone.dueAt) })}</span>
                {mayReport && (
                  <button type="button" className="ghost small" data-testid="milestone-tick" disabled={ticking.pending} onClick={() => void tick(milestone.id, milestone.doneAt === null)}>
                    {milestone.doneAt ? t('decision.item.untick') : t('decision.item.tick')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <ErrorLine error={ticking.error} small />
        </div>
      )}
      {entries.length > 0 && (
        <ol className="timeline" data-testid="progress-timeline">
          {entries.map((entry) => (
            <li key={entry.id} className="timeline-entry" data-testid="progress-entry" data-percent={entry.percent}>
              <div className="timeline-head">
                <strong>
                  {t('decision.item.entry', { author: entry.authorName, percent: entry.percent })}
                  {entry.organisationName && t('decision.item.entryFor', { org: entry.organisationName })}
                </strong>
              </div>
              <p className="timeline-text pre">{entry.text}</p>
              <PhotoGallery photos={entry.photos} />
              <time className="muted small" dateTime={entry.at}>
                {formatDate(entry.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
      {panel === null && (mayReport || mayManage) && (
        <div className="row action-buttons">
          {mayReport && (
            <button type="button" className="primary" data-testid="progress-open" onClick={() => setPanel('progress')}>
              {t('decision.item.postProgress')}
            </button>
          )}
          {mayManage && (
            <button type="button" className="secondary" data-testid="item-edit" onClick={() => setPanel('edit')}>
              {t('decision.item.edit')}
            </button>
          )}
          {mayManage && (
            <button type="button" className="danger" data-testid="item-abandon" onClick={() => setPanel('abandon')}>
              {t('decision.item.abandon')}
            </button>
          )}
        </div>
      )}
      {panel === 'progress' && (
        <ProgressForm
          communityId={item.communityId}
          item={item}
          onCancel={() => setPanel(null)}
          onDone={(saved, entry) => {
            onItem(saved, entry);
            setPanel(null);
          }}
        />
      )}
      {panel === 'edit' && (
        <ItemForm
          decisionId={item.decisionId}
          item={item}
          organisations={organisations}
          members={members}
          onCancel={() => setPanel(null)}
          onDone={(saved) => {
            onItem(saved);
            setPanel(null);
          }}
        />
      )}
      {panel === 'abandon' && (
        <AbandonForm
          item={item}
          onCancel={() => setPanel(null)}
          onDone={(saved) => {
            onItem(saved);
            setPanel(null);
          }}
        />
      )}
    </li>
  );
}
