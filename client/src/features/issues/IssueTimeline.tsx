import { useTranslation } from 'react-i18next';
import { issueActions, issueRatings, type IssueAction, type IssueRating, type IssueTimelineEntry } from '@linli/shared';
import { useFormatDate } from '../../lib/format';

const isAction = (value: string | null): value is IssueAction => value !== null && (issueActions as readonly string[]).includes(value);
const isRating = (value: string | null): value is IssueRating => value !== null && (issueRatings as readonly string[]).includes(value);

/** What happened to the issue, in order: transitions worded, replies, internal notes marked as such. */
export function IssueTimeline({ entries }: { entries: readonly IssueTimelineEntry[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();

  function headline(entry: IssueTimelineEntry): string {
    const actor = entry.actorName;
    switch (entry.kind) {
      case 'transition':
        return t('issues.timeline.transition', { actor, action: isAction(entry.action) ? t(`issues.timeline.did.${entry.action}`) : (entry.action ?? '') });
      case 'rate':
        return t('issues.timeline.rate', { actor, rating: isRating(entry.action) ? t(`issues.ratings.${entry.action}`) : (entry.action ?? '') });
      default:
        return t(`issues.timeline.${entry.kind}`, { actor });
    }
  }

  if (entries.length === 0) return <p className="muted">{t('issues.page.noTimeline')}</p>;
  return (
    <ol className="timeline" data-testid="issue-timeline">
      {entries.map((entry) => (
        <li
          key={entry.id}
          className={`timeline-entry kind-${entry.kind}${entry.internal ? ' internal' : ''}`}
          data-testid="timeline-entry"
          data-kind={entry.kind}
          data-action={entry.action ?? undefined}
          data-internal={entry.internal}
        >
          <div className="timeline-head">
            {entry.internal && (
              <span className="badge internal-badge" data-testid="internal-badge">
                {t('issues.page.internal')}
              </span>
            )}
            <strong>{headline(entry)}</strong>
            {entry.organisationName && <span className="muted">{t('issues.timeline.org', { org: entry.organisationName })}</span>}
          </div>
          {entry.text && <p className="timeline-text pre">{entry.text}</p>}
          <time className="muted small" dateTime={entry.at}>
            {formatDate(entry.at)}
          </time>
        </li>
      ))}
    </ol>
  );
}
