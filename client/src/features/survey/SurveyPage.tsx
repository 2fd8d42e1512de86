import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Member, type Survey } from '@linli/shared';
import { newClientId } from '../../lib/clientId';
import { useFormatDate } from '../../lib/format';
import { useSocketQuery } from '../../lib/query';
import { useNavigateTo } from '../../lib/route';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorLine } from '../../ui/ErrorLine';
import { BackButton, ItemPageFallback } from '../../ui/ItemPageFrame';
import { useCommunityActor } from '../communities/actor';
import { AnswerForm } from './AnswerForm';
import { EnterForPanel } from './EnterForPanel';
import { ImportPanel } from './ImportPanel';
import { SurveyEditor } from './SurveyEditor';
import { SurveyResultsView } from './SurveyResultsView';
import { labelOf, phaseNow, surveyQuery } from './surveyQueries';

interface Props {
  communityId: string;
  surveyId: string;
  members: readonly Member[] | null;
}

/** One survey: what it is; for residents the form (or "already answered"); for staff the tools (edit, publish, close, import, enter for a resident) and the live results. */
export function SurveyPage({ communityId, surveyId, members }: Props) {
  const { t, i18n } = useTranslation();
  const actor = useCommunityActor();
  const navigate = useNavigateTo();
  const formatDate = useFormatDate();
  const query = useSocketQuery(surveyQuery(communityId, surveyId));
  const [editing, setEditing] = useState(false);
  const [sent, setSent] = useState(false);
  /** Staff answer too (once), but their page leads with the results: their own form is folded away. */
  const [answering, setAnswering] = useState(false);
  const action = useAction();
  const submit = useAction();

  const back = <BackButton to={{ name: 'community', communityId, view: 'surveys', channelId: null }} label={t('survey.back')} testId="survey-back" className="survey-back" />;
  if (query.error || !query.data) return <ItemPageFallback back={back} error={query.error} notFound={t('survey.notFound')} loading={t('survey.loading')} />;
  const { survey, my } = query.data;
  const phase = phaseNow(survey);
  const manage = can(actor, 'survey.manage');
  const mayAnswer = can(actor, 'survey.answer', { audience: survey.audience });
  const goTo = (s: Survey) => navigate({ name: 'community', communityId, view: 'surveys', channelId: null, itemId: s.id });

  const publish = () => void action.run(() => request('survey:publish', { surveyId: survey.id, version: survey.version })).then(() => void query.refetch());
  const close = () => void action.run(() => request('survey:close', { surveyId: survey.id })).then(() => void query.refetch());
  const nextWave = async () => {
    const created = await action.run(() => request('survey:create', { communityId, previousWaveId: survey.id, audience: survey.audience, anonymous: survey.anonymous, clientId: newClientId() }));
    if (created) goTo(created);
  };

  const blocked = my.blocked === 'answered' || my.answered ? null : phase !== 'open' ? 'notOpen' : my.blocked;
  return (
    <article className="survey-page" data-testid="survey-page" data-survey-id={survey.id} data-phase={phase} data-version={survey.version}>
      {back}
      <section className="panel">
        <h2>
          <span className="muted">#{survey.number}</span> {labelOf(survey.title, i18n.language)}
        </h2>
        <div className="badges">
          <span className={`badge survey-phase phase-${phase}`} data-testid="survey-phase">
            {t(`survey.phase.${phase}`)}
          </span>
          <span className="badge">{t(`survey.audience.${survey.audience}`)}</span>
          <span className="badge">{survey.anonymous ? t('survey.anonymous') : t('survey.named')}</span>
          {survey.wave > 1 && <span className="badge">{t('survey.wave', { wave: survey.wave })}</span>}
        </div>
        <p className="small muted">{t('survey.window', { from: formatDate(survey.opensAt), to: formatDate(survey.closesAt) })}</p>
        {survey.description && <p className="pre-wrap">{survey.description}</p>}
        <p className="small muted">{survey.anonymous ? t('survey.anonymousNote') : t('survey.namedNote')}</p>
        {manage && (
          <div className="staff-tools row wrap" data-testid="survey-staff-tools">
            {phase === 'draft' && (
              <>
                <button type="button" className="secondary" data-testid="survey-edit" onClick={() => setEditing(true)}>
                  {t('survey.staff.edit')}
                </button>
                <button type="button" className="primary" data-testid="survey-publish" disabled={action.pending} onClick={publish}>
                  {t('survey.staff.publish')}
                </button>
              </>
            )}
            {(phase === 'open' || phase === 'scheduled') && <ConfirmButton label={t('survey.staff.close')} confirmLabel={t('survey.staff.closeConfirm')} testId="survey-close" onConfirm={close} danger />}
            {phase !== 'draft' && (
              <button type="button" className="secondary" data-testid="survey-next-wave" disabled={action.pending} onClick={() => void nextWave()}>
                {t('survey.nextWave')}
              </button>
            )}
          </div>
        )}
        <ErrorLine error={action.error} />
      </section>

      {manage && phase !== 'draft' && <SurveyResultsView communityId={communityId} surveyId={survey.id} />}
      {phase !== 'draft' && (
        <section className="panel" data-testid="survey-answer-panel">
          {manage && !my.answered && !sent && (
            <button type="button" className="ghost survey-toggle" data-testid="survey-answer-toggle" aria-expanded={answering} onClick={() => setAnswering((a) => !a)}>
              {answering ? '▾' : '▸'} {t('survey.form.answerMyself')}
            </button>
          )}
          {my.answered || sent ? (
            <p className="survey-done" data-testid="survey-already-answered" role="status">
              {sent && !my.answered ? t('survey.thanks') : my.answeredByHousehold ? t('survey.answeredByHousehold') : t('survey.alreadyAnswered')}
            </p>
          ) : blocked || !mayAnswer ? (
            <p className="muted" data-testid="survey-blocked">
              {t(`survey.blocked.${blocked ?? 'notVerified'}`)}
            </p>
          ) : manage && !answering ? null : (
            <AnswerForm
              definition={survey.definition}
              submitLabel={t('survey.form.submit')}
              testId="survey-form"
              pending={submit.pending}
              error={submit.error}
              onSubmit={(answers) =>
                void submit.run(() => request('survey:submit', { surveyId: survey.id, answers })).then((done) => {
                  if (!done) return;
                  setSent(true);
                  void query.refetch();
                  window.scrollTo({ top: 0 });
                })
              }
            />
          )}
        </section>
      )}

      {manage && phase !== 'draft' && <ImportPanel communityId={communityId} survey={survey} />}
      {manage && (phase === 'open' || phase === 'closed') && <EnterForPanel survey={survey} members={members} />}
      {editing && <SurveyEditor communityId={communityId} survey={survey} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
    </article>
  );
}
