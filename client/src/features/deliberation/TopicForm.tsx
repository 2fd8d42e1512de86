import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DELIBERATION_LIMITS, type Deliberation } from '@linli/shared';
import { request } from '../../lib/socket';
import { socketQueryFn, useSocketQuery } from '../../lib/query';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { newClientId } from '../../lib/clientId';
import { PanelButtons } from '../../ui/PanelButtons';

interface Props {
  communityId: string;
  /** 'open': staff open it at once; 'propose': a resident's proposal waiting for supporters. */
  mode: 'open' | 'propose';
  /** Supporters a proposal needs (shown in the hint). */
  threshold: number;
  initialIssueIds?: string[];
  initialTitle?: string;
  onDone: (topic: Deliberation) => void;
  onCancel: () => void;
}

/** Proposing or opening a topic: title, background, the problem reports it comes from. */
export function TopicForm({ communityId, mode, threshold, initialIssueIds = [], initialTitle = '', onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const [title, setTitle] = useState(initialTitle.slice(0, DELIBERATION_LIMITS.title.max));
  const [description, setDescription] = useState('');
  const [issueIds, setIssueIds] = useState<string[]>(initialIssueIds);
  // One clientId per form: a double tap or a retried request stores one topic.
  const [clientId] = useState(() => newClientId());
  const issues = useSocketQuery({
    queryKey: ['deliberations', communityId, 'issuePicker'],
    queryFn: socketQueryFn('issue:list', { communityId, status: 'all', limit: 50 }),
  });
  const choices = issues.data?.items ?? [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (title.trim().length < DELIBERATION_LIMITS.title.min) return;
    const payload = { communityId, title: title.trim(), description: description.trim(), issueIds, clientId };
    const topic = await action.run(() => request(mode === 'open' ? 'deliberation:open' : 'deliberation:propose', payload));
    if (topic) onDone(topic);
  }

  const toggle = (issueId: string) => setIssueIds((held) => (held.includes(issueId) ? held.filter((id) => id !== issueId) : [...held, issueId].slice(0, DELIBERATION_LIMITS.issues)));

  return (
    <form className="stack panel delib-form" data-testid={`delib-form-${mode}`} onSubmit={(e) => void submit(e)}>
      <p className="muted small">{mode === 'open' ? t('deliberation.openHint') : t('deliberation.proposeHint', { threshold })}</p>
      <TextField
        label={t('deliberation.form.title')}
        data-testid="delib-title"
        value={title}
        required
        minLength={DELIBERATION_LIMITS.title.min}
        maxLength={DELIBERATION_LIMITS.title.max}
        onChange={(e) => setTitle(e.target.value)}
      />
      <TextAreaField
        label={t('deliberation.form.description')}
        data-testid="delib-description"
        value={description}
        maxLength={DELIBERATION_LIMITS.description.max}
        onChange={(e) => setDescription(e.target.value)}
      />
      <fieldset className="delib-issue-picker">
        <legend>{t('deliberation.form.issues')}</legend>
        {issues.isSuccess && choices.length === 0 && <p className="muted small">{t('deliberation.form.noIssues')}</p>}
        {choices.map((issue) => (
          <label key={issue.id} className="row tight delib-issue-choice">
            <input type="checkbox" data-testid="delib-issue-choice" data-issue-id={issue.id} checked={issueIds.includes(issue.id)} onChange={() => toggle(issue.id)} />
            <span>
              #{issue.number} {issue.title}
            </span>
          </label>
        ))}
      </fieldset>
      <ErrorLine error={action.error} />
      <PanelButtons label={mode === 'open' ? t('deliberation.form.submitOpen') : t('deliberation.form.submitPropose')} testId="delib-submit" disabled={action.pending || title.trim().length < DELIBERATION_LIMITS.title.min} onCancel={onCancel} />
    </form>
  );
}
