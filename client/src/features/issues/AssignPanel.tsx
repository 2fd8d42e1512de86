import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ISSUE_LIMITS, type Issue, type IssueCategory, type Organisation } from '@linli/shared';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import type { PanelProps } from './actTypes';
import { DAY_MS, fromLocalInput, toLocalInput } from './datetime';
import { PanelButtons } from '../../ui/PanelButtons';

interface Props extends PanelProps {
  action: 'assign' | 'reassign';
  issue: Issue;
  organisations: readonly Organisation[];
  category: IssueCategory | null;
}

/** Assign (or reassign) to organisations, one of them the lead, with a resolution deadline. */
export function AssignPanel({ action, issue, organisations, category, pending, onSend, onCancel }: Props) {
  const { t } = useTranslation();
  const initial = issue.assignments.length > 0 ? issue.assignments.map((a) => a.organisationId) : category?.defaultOrganisationId ? [category.defaultOrganisationId] : [];
  const [chosen, setChosen] = useState<string[]>(initial);
  const [lead, setLead] = useState<string>(issue.assignments.find((a) => a.lead)?.organisationId ?? initial[0] ?? '');
  const days = category?.resolutionDays ?? 7;
  const [deadline, setDeadline] = useState(() => toLocalInput(Date.now() + days * DAY_MS));
  const [touched, setTouched] = useState(false);
  const [reason, setReason] = useState('');
  const needsReason = action === 'reassign';

  function toggle(id: string, on: boolean) {
    const next = on ? [...chosen, id].slice(0, ISSUE_LIMITS.assignees) : chosen.filter((item) => item !== id);
    setChosen(next);
    if (!next.includes(lead)) setLead(next[0] ?? '');
    else if (on && !lead) setLead(id);
  }

  const resolveBy = touched ? fromLocalInput(deadline) : null;
  const ready = chosen.length > 0 && chosen.includes(lead) && (!needsReason || reason.trim() !== '') && (!touched || resolveBy !== null);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready) return;
    onSend({ action, organisationIds: chosen, leadOrganisationId: lead, reason: reason.trim(), ...(resolveBy ? { resolveBy } : {}) });
  }

  return (
    <form className="stack act-panel" data-testid={`act-panel-${action}`} onSubmit={submit}>
      <fieldset className="field">
        <legend>{t('issues.act.organisations')}</legend>
        <ul className="list plain org-pick">
          {organisations.map((org) => (
            <li key={org.id} className="org-pick-row" data-testid="assign-org" data-org-name={org.name}>
              <label className="check">
                <input type="checkbox" data-testid="assign-org-check" checked={chosen.includes(org.id)} onChange={(e) => toggle(org.id, e.target.checked)} />
                <span>{org.name}</span>
              </label>
              {chosen.includes(org.id) && (
                <label className="check lead-pick">
                  <input type="radio" name="lead" data-testid="assign-org-lead" checked={lead === org.id} onChange={() => setLead(org.id)} />
                  <span>{t('issues.act.lead')}</span>
                </label>
              )}
            </li>
          ))}
        </ul>
      </fieldset>
      <TextField
        label={t('issues.act.resolveBy')}
        hint={t('issues.act.resolveByHint', { days })}
        type="datetime-local"
        data-testid="assign-deadline"
        value={deadline}
        onChange={(e) => {
          setDeadline(e.target.value);
          setTouched(true);
        }}
      />
      <TextAreaField
        label={needsReason ? t('issues.act.reason') : t('issues.act.reasonOptional')}
        data-testid="act-reason"
        value={reason}
        maxLength={ISSUE_LIMITS.reason.max}
        required={needsReason}
        onChange={(e) => setReason(e.target.value)}
      />
      <PanelButtons testId="act-submit" label={t(`issues.actions.${action}`)} disabled={pending || !ready} onCancel={onCancel} />
    </form>
  );
}
