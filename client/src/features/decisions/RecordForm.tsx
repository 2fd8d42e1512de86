import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_LIMITS, type Decision } from '@linli/shared';
import { socketQueryFn, useSocketQuery } from '../../lib/query';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { SelectField } from '../../ui/SelectField';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { decisionKeys } from './decisionQueries';
import { PanelButtons } from '../../ui/PanelButtons';

interface Props {
  communityId: string;
  onDone: (decision: Decision) => void;
  onCancel: () => void;
}

/** Moderators record a decision: from a closed poll (its frozen outcome shown and confirmed) or directly with a rationale. */
export function RecordForm({ communityId, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const polls = useSocketQuery({ queryKey: [...decisionKeys.all(communityId), 'closedPolls'], queryFn: socketQueryFn('poll:list', { communityId, state: 'closed' }), retry: false });
  const topics = useSocketQuery({ queryKey: [...decisionKeys.all(communityId), 'topics'], queryFn: socketQueryFn('deliberation:list', { communityId }) });
  const issues = useSocketQuery({ queryKey: [...decisionKeys.all(communityId), 'issues'], queryFn: socketQueryFn('issue:list', { communityId, status: 'all', limit: 100 }) });
  const [title, setTitle] = useState('');
  const [rationale, setRationale] = useState('');
  const [pollId, setPollId] = useState('');
  const [deliberationId, setDeliberationId] = useState('');
  const [issueIds, setIssueIds] = useState<string[]>([]);
  const [confirmed, setConfirmed] = useState(false);
  const [clientId] = useState(() => `decision-${crypto.randomUUID()}`);
  const poll = polls.data?.items.find((item) => item.id === pollId) ?? null;
  const ready = title.trim().length >= DECISION_LIMITS.title.min && (poll ? confirmed : rationale.trim().length > 0);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const payload = {
      communityId,
      title: title.trim(),
      rationale: rationale.trim(),
      issueIds,
      clientId,
      ...(pollId ? { pollId } : {}),
      ...(deliberationId ? { deliberationId } : {}),
    };
    const decision = await action.run(() => request('decision:record', payload));
    if (decision) onDone(decision);
  }

  return (
    <form className="panel stack" data-testid="decision-record-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('decision.record')}</h3>
      <TextField label={t('decision.form.title')} data-testid="decision-title-input" value={title} maxLength={DECISION_LIMITS.title.max} onChange={(e) => setTitle(e.target.value)} required />
      <SelectField
        label={t('decision.form.poll')}
        data-testid="decision-poll-select"
        value={pollId}
        onChange={(e) => {
          setPollId(e.target.value);
          setConfirmed(false);
        }}
        options={(polls.data?.items ?? []).map((item) => ({ value: item.id, label: item.title }))}
      >
        <option value="">{t('decision.form.noPoll')}</option>
      </SelectField>
      {poll && (
        <div className="notice stack" data-testid="decision-poll-outcome">
          <p>{t('decision.form.pollOutcome', { outcome: poll.outcome ?? '—' })}</p>
          <label className="check">
            <input type="checkbox" data-testid="decision-poll-confirm" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
            <span>{t('decision.form.pollConfirm')}</span>
          </label>
        </div>
      )}
      <TextAreaField
        label={t('decision.form.rationale')}
        hint={t('decision.form.rationaleHint')}
        data-testid="decision-rationale-input"
        value={rationale}
        maxLength={DECISION_LIMITS.rationale.max}
        onChange={(e) => setRationale(e.target.value)}
      />
      <SelectField
        label={t('decision.form.deliberation')}
        data-testid="decision-deliberation-select"
        value={deliberationId}
        onChange={(e) => setDeliberationId(e.target.value)}
        options={(topics.data?.items ?? []).filter((item) => item.state === 'open' || item.state === 'closed').map((item) => ({ value: item.id, label: `#${item.number} ${item.title}` }))}
      >
        <option value="">{t('decision.form.noDeliberation')}</option>
      </SelectField>
      <fieldset className="field">
        <legend>{t('decision.form.issues')}</legend>
        <div className="decision-issue-picks">
          {(issues.data?.items ?? []).map((issue) => (
            <label key={issue.id} className="check">
              <input
                type="checkbox"
                data-testid="decision-issue-pick"
                checked={issueIds.includes(issue.id)}
                disabled={!issueIds.includes(issue.id) && issueIds.length >= DECISION_LIMITS.issues}
                onChange={(e) => setIssueIds(e.target.checked ? [...issueIds, issue.id] : issueIds.filter((id) => id !== issue.id))}
              />
              <span>
                #{issue.number} {issue.title}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <ErrorLine error={action.error} />
      <PanelButtons label={t('decision.form.recordSubmit')} testId="decision-record-submit" disabled={!ready || action.pending} onCancel={onCancel} />
    </form>
  );
}
