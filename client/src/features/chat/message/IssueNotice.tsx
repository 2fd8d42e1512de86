import { useTranslation } from 'react-i18next';
import type { IssueLink } from '@linli/shared';
import { useNavigateTo } from '../../../lib/route';

/** A notice Linli posted about a problem report: worded in the reader's language, opens the report. */
export function IssueNotice({ communityId, link }: { communityId: string; link: IssueLink }) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  return (
    <button
      type="button"
      className="issue-notice"
      data-testid="issue-notice"
      data-issue-id={link.issueId}
      onClick={() => navigate({ name: 'community', communityId, view: 'issues', channelId: null, issueId: link.issueId })}
    >
      <span className="issue-notice-number">{t('chat.issueNotice.number', { number: link.number })}</span>
      <span className="issue-notice-title">{link.title}</span>
      <span className={`badge issue-state state-${link.state}`}>{t(`issues.states.${link.state}`)}</span>
    </button>
  );
}
