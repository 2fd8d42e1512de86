import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type MyCommunity, type Survey } from '@linli/shared';
import { newClientId } from '../../lib/clientId';
import { useErrorText } from '../../lib/errors';
import { usePagedList } from '../../lib/usePagedList';
import { EmptyState } from '../../ui/EmptyState';
import { ListError, LoadMore } from '../../ui/InfiniteList';
import { useNavigateTo, type Route } from '../../lib/route';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { useCommunityActor } from '../communities/actor';
import type { CommunityData } from '../home/useCommunityData';
import { SurveyCard } from './SurveyCard';
import { SurveyEditor } from './SurveyEditor';
import { SurveyPage } from './SurveyPage';
import { mergeSurveyPage, phaseNow, SURVEY_PAGE, surveyListQuery, surveyPageAfter } from './surveyQueries';
import { useSurveysLive } from './useSurveysLive';
import './survey.css';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
  /** The open item, or null for the list. */
  itemId: string | null;
}

const sections = ['open', 'scheduled', 'draft', 'closed'] as const;

/** The surveys tab: one survey open, or the list by phase; staff start a survey from the study's questionnaire or from scratch. */
export function SurveysView({ mine, data, itemId }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigateTo();
  const actor = useCommunityActor();
  const communityId = mine.community.id;
  useSurveysLive(communityId);
  const list = usePagedList({
    query: surveyListQuery(communityId),
    enabled: itemId === null,
    pageSize: SURVEY_PAGE,
    fetchPage: (last: Survey) => surveyPageAfter(communityId, last),
    merge: mergeSurveyPage,
  });
  const [creating, setCreating] = useState(false);
  const fromTemplate = useAction();
  const pageOf = (survey: Survey): Route => ({ name: 'community', communityId, view: 'surveys', channelId: null, itemId: survey.id });

  if (itemId) return <SurveyPage key={itemId} communityId={communityId} surveyId={itemId} members={data.members} />;

  const items = list.data?.items ?? [];
  const manage = can(actor, 'survey.manage');
  const startFromTemplate = async () => {
    const survey = await fromTemplate.run(() => request('survey:create', { communityId, template: 'study', clientId: newClientId() }));
    if (survey) navigate(pageOf(survey));
  };
  return (
    <div className="surveys-view" data-testid="survey-view">
      <section className="panel">
        <div className="row between wrap">
          <h2>{t('survey.title')}</h2>
          {manage && (
            <div className="row wrap">
              <button type="button" className="primary" data-testid="survey-use-template" disabled={fromTemplate.pending} onClick={() => void startFromTemplate()}>
                {t('survey.useTemplate')}
              </button>
              <button type="button" className="secondary" data-testid="survey-create" onClick={() => setCreating(true)}>
                + {t('survey.createBlank')}
              </button>
            </div>
          )}
        </div>
        <p className="muted small">{t('survey.hint')}</p>
        <ErrorLine error={fromTemplate.error} />
        {list.error && <ListError error={errorText(list.error)} onRetry={list.refetch} />}
        {!list.data && !list.error && <p className="muted">{t('survey.loading')}</p>}
        {list.data && items.length === 0 && (
          <EmptyState
            testId="survey-empty"
            title={t('survey.empty')}
            next={manage ? t('survey.emptyStaff') : t('survey.emptyResident')}
            action={manage ? { label: t('survey.useTemplate'), onClick: () => void startFromTemplate() } : undefined}
          />
        )}
      </section>
      {sections.map((section) => {
        const surveys = items.filter((survey) => phaseNow(survey) === section);
        if (surveys.length === 0) return null;
        return (
          <section key={section} className="panel" aria-labelledby={`surveys-${section}`} data-testid={`surveys-${section}`}>
            <h3 id={`surveys-${section}`}>
              {t(`survey.sections.${section}`)} <span className="muted">({surveys.length})</span>
            </h3>
            <ul className="survey-list">
              {surveys.map((survey) => (
                <SurveyCard key={survey.id} survey={survey} answered={list.data?.answered.includes(survey.id) ?? false} showCount={manage} />
              ))}
            </ul>
          </section>
        );
      })}
      {list.data && items.length > 0 && <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} testId="survey-more" />}
      {creating && <SurveyEditor communityId={communityId} onClose={() => setCreating(false)} onSaved={(survey) => navigate(pageOf(survey))} />}
    </div>
  );
}
