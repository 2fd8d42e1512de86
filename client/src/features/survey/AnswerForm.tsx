import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyAnswers, SurveyDefinition } from '@linli/shared';
import { ErrorLine } from '../../ui/ErrorLine';
import { labelOf } from './surveyQueries';

interface Props {
  definition: SurveyDefinition;
  submitLabel: string;
  testId: string;
  pending: boolean;
  error: string | null;
  onSubmit: (answers: SurveyAnswers) => void;
  /** Shown before the questions (the member picker of a hand entry). */
  children?: React.ReactNode;
}

const empty = (): SurveyAnswers => ({ demographics: {}, awareness: {}, items: {}, choices: {} });

/**
 * The questionnaire as a form: Likert items as five big buttons each (a row on a wide screen, a
 * column of full-width buttons on a phone and in elder mode), demographics and choices as
 * large option buttons, free text as a text field. Skipping is allowed; the submit asks once.
 */
export function AnswerForm({ definition, submitLabel, testId, pending, error, onSubmit, children }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [answers, setAnswers] = useState<SurveyAnswers>(empty);
  const [confirming, setConfirming] = useState(false);
  const items = definition.dimensions.flatMap((d) => d.items);
  const unanswered = items.filter((item) => answers.items[item.id] === undefined).length;

  const setItem = (id: string, value: number) => setAnswers((a) => ({ ...a, items: { ...a.items, [id]: value } }));
  const setDemographic = (id: string, value: string) => setAnswers((a) => ({ ...a, demographics: { ...a.demographics, [id]: value } }));
  const toggleChoice = (id: string, option: string, single: boolean) =>
    setAnswers((a) => {
      const current = a.choices[id] ?? [];
      const next = single ? [option] : current.includes(option) ? current.filter((o) => o !== option) : [...current, option];
      return { ...a, choices: { ...a.choices, [id]: next } };
    });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (unanswered > 0 && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    onSubmit(answers);
  };

  return (
    <form className="survey-form stack" data-testid={testId} onSubmit={submit}>
      {children}
      {definition.demographics.length > 0 && (
        <fieldset className="survey-block">
          <legend>{t('survey.form.demographics')}</legend>
          {definition.demographics.map((d) => (
            <div key={d.id} className="survey-question" role="radiogroup" aria-label={labelOf(d, lang)} data-testid="survey-demographic" data-question={d.id}>
              <p className="survey-question-text">{labelOf(d, lang)}</p>
              <div className="survey-options">
                {d.options.map((o) => (
                  <button key={o.id} type="button" role="radio" aria-checked={answers.demographics[d.id] === o.id} className="survey-option" data-option={o.id} onClick={() => setDemographic(d.id, o.id)}>
                    {labelOf(o, lang)}
                  </button>
                ))}
              </div>
            </div>
          ))}
        </fieldset>
      )}
      {definition.awareness.length > 0 && (
        <fieldset className="survey-block">
          <legend>{t('survey.form.awareness')}</legend>
          {definition.awareness.map((a) => (
            <label key={a.id} className="field">
              <span>{labelOf(a, lang)}</span>
              <input type="text" maxLength={200} data-testid="survey-text" data-question={a.id} value={answers.awareness[a.id] ?? ''} onChange={(e) => setAnswers((x) => ({ ...x, awareness: { ...x.awareness, [a.id]: e.target.value } }))} />
            </label>
          ))}
        </fieldset>
      )}
      {definition.questions.length > 0 && (
        <fieldset className="survey-block">
          <legend>{t('survey.form.questions')}</legend>
          {definition.questions.map((q) => (
            <div key={q.id} className="survey-question" role={q.kind === 'single' ? 'radiogroup' : 'group'} aria-label={labelOf(q, lang)} data-testid="survey-choice" data-question={q.id}>
              <p className="survey-question-text">
                {labelOf(q, lang)} <span className="muted small">({t(`survey.editor.${q.kind}`)})</span>
              </p>
              <div className="survey-options">
                {q.options.map((o) => (
                  <button
                    key={o.id}
                    type="button"
                    role={q.kind === 'single' ? 'radio' : 'checkbox'}
                    aria-checked={(answers.choices[q.id] ?? []).includes(o.id)}
                    className="survey-option"
                    data-option={o.id}
                    onClick={() => toggleChoice(q.id, o.id, q.kind === 'single')}
                  >
                    {labelOf(o, lang)}
                  </button>
                ))}
              </div>
            </div>
          ))}
        </fieldset>
      )}
      {definition.dimensions.map((d) => (
        <fieldset key={d.id} className="survey-block">
          <legend>{labelOf(d, lang)}</legend>
          <p className="small muted">{t('survey.form.scaleHint')}</p>
          {d.items.map((item, index) => (
            <div key={item.id} className="survey-question" role="radiogroup" aria-label={labelOf(item, lang)} data-testid="survey-item-question" data-item={item.id}>
              <p className="survey-question-text">
                <span className="muted">{index + 1}.</span> {labelOf(item, lang)}
              </p>
              <div className="likert">
                {definition.scale.options.map((o) => (
                  <button
                    key={o.value}
                    type="button"
                    role="radio"
                    aria-checked={answers.items[item.id] === o.value}
                    className="likert-button"
                    data-testid="likert"
                    data-value={o.value}
                    onClick={() => setItem(item.id, o.value)}
                  >
                    <span className="likert-value">{o.value}</span> {labelOf(o, lang)}
                  </button>
                ))}
              </div>
            </div>
          ))}
        </fieldset>
      ))}
      {confirming && (
        <p className="survey-warn" role="alert" data-testid="survey-unanswered">
          {t('survey.form.unanswered', { count: unanswered })}
        </p>
      )}
      <ErrorLine error={error} />
      <button type="submit" className="primary survey-submit" data-testid={`${testId}-submit`} disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
