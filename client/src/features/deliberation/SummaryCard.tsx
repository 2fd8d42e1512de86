import { useTranslation } from 'react-i18next';
import type { Deliberation } from '@linli/shared';
import { useFormatDate } from '../../lib/format';

/** A closed topic's summary, shown above the arguments. */
export function SummaryCard({ topic }: { topic: Deliberation }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const summary = topic.summary;
  if (!summary) return null;
  return (
    <section className="panel delib-summary" data-testid="delib-summary" aria-labelledby="delib-summary-title">
      <h3 id="delib-summary-title">{t('deliberation.summary.title')}</h3>
      <div className="delib-pair">
        <div className="delib-summary-side delib-side-for">
          <h4>{t('deliberation.summary.for')}</h4>
          <p className="pre" data-testid="delib-summary-for-text">{summary.summaryFor}</p>
        </div>
        <div className="delib-summary-side delib-side-against">
          <h4>{t('deliberation.summary.against')}</h4>
          <p className="pre" data-testid="delib-summary-against-text">{summary.summaryAgainst}</p>
        </div>
      </div>
      <h4>{t('deliberation.summary.conclusion')}</h4>
      <p className="pre" data-testid="delib-conclusion-text">{summary.conclusion}</p>
      <p className="muted small">{t('deliberation.summary.by', { name: summary.closedByName, time: topic.closedAt ? formatDate(topic.closedAt) : '' })}</p>
    </section>
  );
}
