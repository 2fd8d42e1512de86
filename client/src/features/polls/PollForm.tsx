import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { POLL_LIMITS, pollKinds, type Deliberation, type Issue } from '@linli/shared';
import { ErrorLine } from '../../ui/ErrorLine';
import { SelectField } from '../../ui/SelectField';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { moveEntry } from './ballot';
import { eligibilities, formProblem, newOption, type OptionDraft, type PollFormValues } from './formValues';
import { PanelButtons } from '../../ui/PanelButtons';

interface Props {
  initial: PollFormValues;
  /** Ballots were cast: kind, options and counting settings can no longer change. */
  locked: boolean;
  /** Editing a poll already open: its opening time has passed. */
  started: boolean;
  editing: boolean;
  deliberations: readonly Deliberation[];
  issues: readonly Issue[];
  pending: boolean;
  error: string | null;
  onSubmit: (values: PollFormValues) => void;
  onCancel: () => void;
}

/** Create or edit a poll: every kind and setting, with the options locked once someone has voted. */
export function PollForm({ initial, locked, started, editing, deliberations, issues, pending, error, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [tried, setTried] = useState(false);
  const set = <K extends keyof PollFormValues>(key: K, value: PollFormValues[K]) => setValues((prev) => ({ ...prev, [key]: value }));
  const setOption = (index: number, patch: Partial<OptionDraft>) =>
    setValues((prev) => ({ ...prev, options: prev.options.map((option, i) => (i === index ? { ...option, ...patch } : option)) }));
  const problem = formProblem(values);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (problem === null) onSubmit(values);
  }

  const kind = values.kind;
  const hasOptions = kind !== 'yesno';
  return (
    <form className="poll-form" onSubmit={submit} noValidate data-testid="poll-form">
      {locked && (
        <p className="notice" data-testid="poll-form-locked">
          {t('poll.form.locked')}
        </p>
      )}
      {editing && !locked && <p className="muted small">{t('poll.form.editHint')}</p>}
      <TextField
        label={t('poll.form.titleLabel')}
        placeholder={t('poll.form.titlePlaceholder')}
        value={values.title}
        maxLength={POLL_LIMITS.title.max}
        required
        disabled={locked}
        data-testid="poll-form-title"
        aria-invalid={tried && problem === 'title'}
        onChange={(e) => set('title', e.target.value)}
      />
      <TextAreaField
        label={t('poll.form.description')}
        placeholder={t('poll.form.descriptionPlaceholder')}
        value={values.description}
        maxLength={POLL_LIMITS.description.max}
        data-testid="poll-form-description"
        onChange={(e) => set('description', e.target.value)}
      />
      <SelectField
        label={t('poll.form.kind')}
        hint={t(`poll.kindHints.${kind}`)}
        value={kind}
        disabled={locked || editing}
        data-testid="poll-form-kind"
        options={pollKinds.map((value) => ({ value, label: t(`poll.kinds.${value}`) }))}
        onChange={(e) => set('kind', e.target.value as PollFormValues['kind'])}
      />

      {hasOptions && (
        <fieldset disabled={locked} data-testid="poll-form-options">
          <legend className="field-legend">{t('poll.form.options')}</legend>
          <ol className="option-rows">
            {values.options.map((option, i) => (
              <li key={option.key} className="option-row" data-testid="poll-form-option">
                <TextField
                  label={t('poll.form.optionLabel', { n: i + 1 })}
                  value={option.label}
                  maxLength={POLL_LIMITS.optionLabel.max}
                  data-testid="poll-form-option-label"
                  aria-invalid={tried && (problem === 'options' || problem === 'duplicate') && option.label.trim() === ''}
                  onChange={(e) => setOption(i, { label: e.target.value })}
                />
                {kind === 'budget' && (
                  <TextField
                    label={t('poll.form.optionCost')}
                    inputMode="numeric"
                    value={option.cost}
                    data-testid="poll-form-option-cost"
                    aria-invalid={tried && problem === 'costs' && !/^\d+$/.test(option.cost.trim())}
                    onChange={(e) => setOption(i, { cost: e.target.value })}
                  />
                )}
                <div className="option-row-tools">
                  <button type="button" className="ghost" disabled={i === 0} onClick={() => set('options', moveEntry(values.options, i, -1))}>
                    ↑ {t('poll.form.moveUp')}
                  </button>
                  <button type="button" className="ghost" disabled={i === values.options.length - 1} onClick={() => set('options', moveEntry(values.options, i, 1))}>
                    ↓ {t('poll.form.moveDown')}
                  </button>
                  <button
                    type="button"
                    className="ghost"
                    aria-label={t('poll.form.removeOption', { n: i + 1 })}
                    disabled={values.options.length <= 2}
                    data-testid="poll-form-option-remove"
                    onClick={() => set('options', values.options.filter((_, j) => j !== i))}
                  >
                    ✕ {t('common.remove')}
                  </button>
                </div>
              </li>
            ))}
          </ol>
          <button type="button" className="secondary" data-testid="poll-form-add-option" disabled={values.options.length >= POLL_LIMITS.options.max} onClick={() => set('options', [...values.options, newOption()])}>
            + {t('poll.form.addOption')}
          </button>
        </fieldset>
      )}

      {kind === 'budget' && (
        <TextField
          label={t('poll.form.budget')}
          hint={t('poll.form.budgetHint')}
          inputMode="numeric"
          value={values.budget}
          disabled={locked}
          data-testid="poll-form-budget"
          aria-invalid={tried && problem === 'budget'}
          onChange={(e) => set('budget', e.target.value)}
        />
      )}
      {kind === 'multiple' && (
        <div className="form-pair">
          <TextField label={t('poll.form.min')} inputMode="numeric" value={values.min} disabled={locked} data-testid="poll-form-min" aria-invalid={tried && problem === 'minMax'} onChange={(e) => set('min', e.target.value)} />
          <TextField
            label={t('poll.form.max')}
            inputMode="numeric"
            placeholder={String(values.options.length)}
            value={values.max}
            disabled={locked}
            data-testid="poll-form-max"
            aria-invalid={tried && problem === 'minMax'}
            onChange={(e) => set('max', e.target.value)}
          />
        </div>
      )}
      {kind === 'yesno' && (
        <SelectField
          label={t('poll.form.threshold')}
          value={values.threshold}
          disabled={locked}
          data-testid="poll-form-threshold"
          options={(['majority', 'two-thirds'] as const).map((value) => ({ value, label: t(`poll.threshold.${value}`) }))}
          onChange={(e) => set('threshold', e.target.value as PollFormValues['threshold'])}
        />
      )}

      <TextField
        label={t('poll.form.quorum')}
        hint={t('poll.form.quorumHint')}
        inputMode="decimal"
        value={values.quorum}
        placeholder="0"
        disabled={locked}
        data-testid="poll-form-quorum"
        aria-invalid={tried && problem === 'quorum'}
        onChange={(e) => set('quorum', e.target.value)}
      />
      <SelectField
        label={t('poll.form.eligibility')}
        value={values.eligibility}
        disabled={locked}
        data-testid="poll-form-eligibility"
        options={eligibilities.map((value) => ({ value, label: t(`poll.eligibility.${value}`) }))}
        onChange={(e) => set('eligibility', e.target.value as PollFormValues['eligibility'])}
      />

      <fieldset className="radio-cards" disabled={locked} data-testid="poll-form-results">
        <legend className="field-legend">{t('poll.form.results')}</legend>
        <label className="poll-check">
          <input type="radio" name="poll-results" checked={!values.sealed} onChange={() => set('sealed', false)} data-testid="poll-form-live" />
          {t('poll.form.resultsLive')}
        </label>
        <label className="poll-check">
          <input type="radio" name="poll-results" checked={values.sealed} onChange={() => set('sealed', true)} data-testid="poll-form-sealed" />
          {t('poll.form.resultsSealed')}
        </label>
      </fieldset>
      <fieldset className="radio-cards" disabled={locked} data-testid="poll-form-privacy">
        <legend className="field-legend">{t('poll.form.privacy')}</legend>
        <label className="poll-check">
          <input type="radio" name="poll-privacy" checked={values.secret} onChange={() => set('secret', true)} data-testid="poll-form-secret" />
          {t('poll.form.privacySecret')}
        </label>
        <label className="poll-check">
          <input type="radio" name="poll-privacy" checked={!values.secret} onChange={() => set('secret', false)} data-testid="poll-form-public" />
          {t('poll.form.privacyPublic')}
        </label>
      </fieldset>
      <label className="poll-check">
        <input type="checkbox" checked={values.allowChange} disabled={locked} onChange={(e) => set('allowChange', e.target.checked)} data-testid="poll-form-allow-change" />
        <span>
          {t('poll.form.allowChange')}
          <br />
          <small className="hint">{t('poll.form.allowChangeHint')}</small>
        </span>
      </label>

      {!started && !locked && (
        <label className="poll-check">
          <input type="checkbox" checked={values.opensNow} onChange={(e) => set('opensNow', e.target.checked)} data-testid="poll-form-opens-now" />
          {t('poll.form.opensNow')}
        </label>
      )}
      <div className="form-pair">
        {!values.opensNow && !started && !locked && (
          <TextField label={t('poll.form.opensAt')} type="datetime-local" value={values.opensAt} data-testid="poll-form-opens-at" onChange={(e) => set('opensAt', e.target.value)} />
        )}
        <TextField
          label={t('poll.form.closesAt')}
          type="datetime-local"
          value={values.closesAt}
          data-testid="poll-form-closes-at"
          aria-invalid={tried && problem === 'closes'}
          onChange={(e) => set('closesAt', e.target.value)}
        />
      </div>

      <SelectField
        label={t('poll.form.deliberation')}
        value={values.deliberationId}
        disabled={started || locked}
        data-testid="poll-form-deliberation"
        options={deliberations.map((item) => ({ value: item.id, label: `#${item.number} ${item.title}` }))}
        onChange={(e) => set('deliberationId', e.target.value)}
      >
        <option value="">{t('poll.form.deliberationNone')}</option>
      </SelectField>
      {values.deliberationId !== '' && (
        <TextField
          label={t('poll.form.minDeliberationHours')}
          hint={t('poll.form.minDeliberationHint')}
          inputMode="numeric"
          value={values.minDeliberationHours}
          placeholder="0"
          disabled={started || locked}
          data-testid="poll-form-min-deliberation"
          onChange={(e) => set('minDeliberationHours', e.target.value)}
        />
      )}
      {issues.length > 0 && (
        <fieldset disabled={locked} data-testid="poll-form-issues">
          <legend className="field-legend">{t('poll.form.issues')}</legend>
          <small className="hint">{t('poll.form.issuesHint', { max: POLL_LIMITS.issues })}</small>
          <div className="issue-picks">
            {issues.map((issue) => (
              <label key={issue.id} className="poll-check">
                <input
                  type="checkbox"
                  checked={values.issueIds.includes(issue.id)}
                  disabled={!values.issueIds.includes(issue.id) && values.issueIds.length >= POLL_LIMITS.issues}
                  onChange={(e) => set('issueIds', e.target.checked ? [...values.issueIds, issue.id] : values.issueIds.filter((id) => id !== issue.id))}
                />
                <span>
                  #{issue.number} {issue.title}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {tried && problem && (
        <p className="error" role="alert" data-testid="poll-form-problem">
          {t(`poll.form.problems.${problem}`)}
        </p>
      )}
      <ErrorLine error={error} />
      <PanelButtons label={editing ? t('poll.form.save') : t('poll.form.submit')} testId="poll-form-submit" disabled={pending} onCancel={onCancel} className="ballot-actions" />
    </form>
  );
}
