import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ISSUE_LIMITS, type Issue } from '@linli/shared';
import { SelectField } from '../../ui/SelectField';
import { TextAreaField } from '../../ui/TextAreaField';
import type { PanelProps } from './actTypes';
import { useIssueList } from './useIssueList';
import { PanelButtons } from '../../ui/PanelButtons';

/** Merge into another open issue (a duplicate): its supporters and followers move over. */
export function MergePanel({ issue, pending, onSend, onCancel }: PanelProps & { issue: Issue }) {
  const { t } = useTranslation();
  const open = useIssueList(issue.communityId, { status: 'open', sort: 'newest' });
  const [into, setInto] = useState('');
  const [reason, setReason] = useState('');
  const candidates = (open.data?.items ?? []).filter((item) => item.id !== issue.id);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (into) onSend({ action: 'merge', intoIssueId: into, reason: reason.trim() });
  }

  return (
    <form className="stack act-panel" data-testid="act-panel-merge" onSubmit={submit}>
      <SelectField
        label={t('issues.act.mergeInto')}
        data-testid="merge-into"
        value={into}
        onChange={(e) => setInto(e.target.value)}
        required
        options={candidates.map((item) => ({ value: item.id, label: `#${item.number} ${item.title}` }))}
      >
        <option value="">{t('issues.act.mergePick')}</option>
      </SelectField>
      <TextAreaField label={t('issues.act.reasonOptional')} data-testid="act-reason" value={reason} maxLength={ISSUE_LIMITS.reason.max} onChange={(e) => setReason(e.target.value)} />
      <PanelButtons testId="act-submit" label={t('issues.actions.merge')} disabled={pending || !into} onCancel={onCancel} />
    </form>
  );
}
