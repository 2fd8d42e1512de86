import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ISSUE_LIMITS } from '@linli/shared';
import { queryKeys } from '../../lib/query';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextAreaField } from '../../ui/TextAreaField';
import { appendEntry, type IssueDetail } from './issueQueries';

interface Props {
  communityId: string;
  issueId: string;
  /** Staff and assignees may write an internal note instead. */
  mayNote: boolean;
}

/** A public reply under the issue, or (staff, assignees) an internal note. */
export function ReplyBox({ communityId, issueId, mayNote }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const action = useAction();

  async function send(e: FormEvent) {
    e.preventDefault();
    const text = body.trim();
    if (!text) return;
    const entry = await action.run(() => request('issue:comment', { issueId, body: text, internal: mayNote && internal }));
    if (!entry) return;
    queryClient.setQueryData<IssueDetail>(queryKeys.issue(communityId, issueId), (detail) => appendEntry(detail, entry));
    setBody('');
    setInternal(false);
  }

  return (
    <form className="stack reply-box" onSubmit={(e) => void send(e)}>
      <TextAreaField
        label={t('issues.page.reply')}
        data-testid="issue-reply-input"
        value={body}
        maxLength={ISSUE_LIMITS.comment.max}
        placeholder={t('issues.page.replyPlaceholder')}
        onChange={(e) => setBody(e.target.value)}
      />
      {mayNote && (
        <label className="check">
          <input type="checkbox" data-testid="issue-reply-internal" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
          <span>{t('issues.page.internalOption')}</span>
        </label>
      )}
      <ErrorLine error={action.error} small />
      <div className="row">
        <button type="submit" className="primary" data-testid="issue-reply-send" disabled={action.pending || body.trim() === ''}>
          {t('issues.page.send')}
        </button>
      </div>
    </form>
  );
}
