import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_LIMITS, type ActivityIdea, type CallActivity } from '@linli/shared';
import { newClientId } from '../../lib/clientId';
import { useNavigateTo } from '../../lib/route';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { PanelButtons } from '../../ui/PanelButtons';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { fromLocalInput, toLocalInput } from '../issues/datetime';
import { useQueryClient } from '@tanstack/react-query';
import { activityKeys, useSaveActivity } from './activityQueries';

interface Props {
  communityId: string;
  activity: CallActivity;
  ideas: ActivityIdea[];
  manage: boolean;
  canPropose: boolean;
}

/** A call for ideas: the ideas with their supports, proposing one, and for staff the shortlist and the poll. */
export function CallPanel({ communityId, activity, ideas, manage, canPropose }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const open = activity.phase === 'open';
  const shortlisted = ideas.filter((idea) => idea.shortlisted);
  return (
    <>
      {activity.pollId && (
        <section className="panel">
          <button type="button" className="primary big-button" data-testid="activity-poll-link" onClick={() => navigate({ name: 'community', communityId, view: 'polls', channelId: null, itemId: activity.pollId })}>
            {t('activity.call.pollLink')} →
          </button>
        </section>
      )}
      {open && canPropose && <ProposeForm communityId={communityId} activityId={activity.id} />}
      <section className="panel" data-testid="activity-ideas">
        <h3>{t('activity.call.ideas', { count: ideas.length })}</h3>
        {ideas.length === 0 && <p className="muted">{t('activity.call.noIdeas')}</p>}
        <ul className="idea-list">
          {ideas.map((idea) => (
            <IdeaRow key={idea.id} communityId={communityId} idea={idea} open={open} manage={manage && !activity.pollId && activity.phase !== 'cancelled'} />
          ))}
        </ul>
      </section>
      {manage && !activity.pollId && activity.phase !== 'cancelled' && <ToPollForm communityId={communityId} activity={activity} shortlisted={shortlisted} />}
    </>
  );
}

function useRefreshCall(communityId: string, activityId: string) {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: activityKeys.detail(communityId, activityId) });
}

function IdeaRow({ communityId, idea, open, manage }: { communityId: string; idea: ActivityIdea; open: boolean; manage: boolean }) {
  const { t } = useTranslation();
  const action = useAction();
  const refresh = useRefreshCall(communityId, idea.activityId);
  return (
    <li className="idea" data-testid="activity-idea" data-idea-id={idea.id} data-shortlisted={idea.shortlisted}>
      <div className="row between">
        <strong>{idea.title}</strong>
        <span className="badges">
          {idea.shortlisted && <span className="badge ok">{t('activity.call.shortlisted')}</span>}
          {idea.mine && <span className="badge">{t('activity.call.mine')}</span>}
        </span>
      </div>
      {idea.description && <p className="pre small">{idea.description}</p>}
      <p className="small muted">
        {idea.authorName} · <span data-testid="activity-idea-supports">{t('activity.call.supports', { count: idea.supports })}</span>
      </p>
      <div className="row">
        {open && !idea.mine && (
          <button
            type="button"
            className="toggle support-button"
            aria-pressed={idea.supported}
            data-testid="activity-idea-support"
            disabled={action.pending}
            onClick={() => void action.run(() => request('activity:support', { ideaId: idea.id, support: !idea.supported })).then((done) => done && refresh())}
          >
            {idea.supported ? t('activity.call.supported') : t('activity.call.support')}
          </button>
        )}
        {manage && (
          <button
            type="button"
            className="secondary"
            data-testid="activity-idea-shortlist"
            disabled={action.pending}
            onClick={() => void action.run(() => request('activity:shortlist', { ideaId: idea.id, shortlisted: !idea.shortlisted })).then((done) => done && refresh())}
          >
            {idea.shortlisted ? t('activity.call.unshortlist') : t('activity.call.shortlist')}
          </button>
        )}
      </div>
      <ErrorLine error={action.error} small />
    </li>
  );
}

function ProposeForm({ communityId, activityId }: { communityId: string; activityId: string }) {
  const { t } = useTranslation();
  const action = useAction();
  const refresh = useRefreshCall(communityId, activityId);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [clientId, setClientId] = useState(newClientId);
  return (
    <section className="panel">
      <form
        className="stack"
        data-testid="activity-propose"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => request('activity:propose', { activityId, title: title.trim(), description: description.trim(), clientId })).then((idea) => {
            if (!idea) return;
            setTitle('');
            setDescription('');
            setClientId(newClientId());
            refresh();
          });
        }}
      >
        <h3>{t('activity.call.propose')}</h3>
        <TextField label={t('activity.call.ideaTitle')} value={title} maxLength={ACTIVITY_LIMITS.ideaTitle.max} data-testid="activity-idea-title" onChange={(e) => setTitle(e.target.value)} />
        <TextAreaField label={t('activity.call.ideaDescription')} value={description} maxLength={ACTIVITY_LIMITS.ideaDescription.max} data-testid="activity-idea-description" onChange={(e) => setDescription(e.target.value)} />
        <ErrorLine error={action.error} />
        <div className="row">
          <button type="submit" className="primary" data-testid="activity-idea-send" disabled={action.pending || title.trim().length < ACTIVITY_LIMITS.ideaTitle.min}>
            {t('activity.call.send')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ToPollForm({ communityId, activity, shortlisted }: { communityId: string; activity: CallActivity; shortlisted: ActivityIdea[] }) {
  const { t } = useTranslation();
  const action = useAction();
  const save = useSaveActivity(communityId);
  const navigate = useNavigateTo();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(activity.title);
  const [closesAt, setClosesAt] = useState(() => toLocalInput(Date.now() + 7 * 24 * 3_600_000));
  if (!open) {
    return (
      <section className="panel">
        <button type="button" className="secondary" data-testid="activity-to-poll-open" onClick={() => setOpen(true)}>
          {t('activity.call.toPoll')}
        </button>
      </section>
    );
  }
  return (
    <section className="panel">
      <form
        className="stack"
        data-testid="activity-to-poll"
        onSubmit={(e) => {
          e.preventDefault();
          void action
            .run(() => request('activity:toPoll', { activityId: activity.id, ideaIds: shortlisted.map((idea) => idea.id), title: title.trim(), closesAt: fromLocalInput(closesAt) ?? '' }))
            .then((made) => {
              if (!made) return;
              save(made.activity);
              navigate({ name: 'community', communityId, view: 'polls', channelId: null, itemId: made.poll.id });
            });
        }}
      >
        <h3>{t('activity.call.toPoll')}</h3>
        <p className="small muted">{t('activity.call.toPollHint')}</p>
        <ul className="small">
          {shortlisted.map((idea) => (
            <li key={idea.id}>{idea.title}</li>
          ))}
        </ul>
        {shortlisted.length < 2 && <p className="small error">{t('activity.call.needTwo')}</p>}
        <TextField label={t('activity.call.pollTitle')} value={title} maxLength={80} data-testid="activity-poll-title" onChange={(e) => setTitle(e.target.value)} />
        <TextField label={t('activity.call.pollClosesAt')} type="datetime-local" value={closesAt} data-testid="activity-poll-closes" onChange={(e) => setClosesAt(e.target.value)} />
        <ErrorLine error={action.error} />
        <PanelButtons label={t('activity.call.makePoll')} testId="activity-make-poll" disabled={action.pending || shortlisted.length < 2} onCancel={() => setOpen(false)} />
      </form>
    </section>
  );
}
