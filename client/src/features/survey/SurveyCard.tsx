import { useTranslation } from 'react-i18next';
import type { Survey } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { useNavigateTo } from '../../lib/route';
import { labelOf, phaseNow } from './surveyQueries';

/** One survey in the list: number, title, phase, window, audience, whether I answered (staff: how many answered). */
export function SurveyCard({ survey, answered, showCount }: { survey: Survey; answered: boolean; showCount: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigateTo();
  const formatDate = useFormatDate();
  const phase = phaseNow(survey);
  return (
    <li data-testid="survey-item" data-survey-id={survey.id} data-phase={phase}>
      <button type="button" className="card-button" data-testid="survey-open" onClick={() => navigate({ name: 'community', communityId: survey.communityId, view: 'surveys', channelId: null, itemId: survey.id })}>
        <span>
          <span className="muted">#{survey.number}</span> <span className="card-title">{labelOf(survey.title, i18n.language)}</span>
        </span>
        <span className="badges">
          <span className={`badge survey-phase phase-${phase}`}>{t(`survey.phase.${phase}`)}</span>
          <span className="badge">{t(`survey.audience.${survey.audience}`)}</span>
          <span className="badge">{survey.anonymous ? t('survey.anonymous') : t('survey.named')}</span>
          {survey.wave > 1 && <span className="badge">{t('survey.wave', { wave: survey.wave })}</span>}
          {answered && (
            <span className="badge ok" data-testid="survey-answered-badge">
              ✓ {t('survey.answered')}
            </span>
          )}
        </span>
        <span className="survey-card-meta">
          <span>{t('survey.window', { from: formatDate(survey.opensAt), to: formatDate(survey.closesAt) })}</span>
          {showCount && <span data-testid="survey-card-count">{t('survey.respondents', { count: survey.respondents })}</span>}
        </span>
      </button>
    </li>
  );
}
