import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { surveyAudiences, type EventInput, type Survey, type SurveyAudience, type SurveyDefinition } from '@linli/shared';
import { newClientId } from '../../lib/clientId';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { Dialog } from '../../ui/Dialog';
import { ErrorLine } from '../../ui/ErrorLine';
import { PanelButtons } from '../../ui/PanelButtons';
import { SelectField } from '../../ui/SelectField';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { fromLocalInput, toLocalInput } from '../issues/datetime';

interface Props {
  communityId: string;
  /** The draft to edit; none: a new survey. */
  survey?: Survey;
  onClose: () => void;
  onSaved: (survey: Survey) => void;
}

interface Labelled {
  id: string;
  'zh-CN': string;
  en: string;
}
type Questionnaire = Omit<SurveyDefinition, 'scale'>;
type DefinitionInput = NonNullable<EventInput<'survey:create'>['definition']>;

const DAY = 24 * 3_600_000;
const blank = (): Questionnaire => ({
  demographics: [],
  awareness: [],
  dimensions: [{ id: 's1', 'zh-CN': '', en: '', items: [{ id: 'i1', 'zh-CN': '', en: '' }] }],
  questions: [],
});

/** Options as lines of text: a line keeps the id (and English) of the option it replaces. */
function optionsFrom(text: string, current: readonly Labelled[], nextId: () => string): Labelled[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line, i) => (current[i] ? { ...current[i]!, 'zh-CN': line, en: current[i]!['zh-CN'] === line ? current[i]!.en : '' } : { id: nextId(), 'zh-CN': line, en: '' }));
}

/** The questionnaire sent: empty labels and empty sections left out. */
function toInput(q: Questionnaire): DefinitionInput {
  const keep = <T extends Labelled>(x: T) => x['zh-CN'].trim() !== '';
  return {
    demographics: q.demographics.filter(keep).map((d) => ({ id: d.id, 'zh-CN': d['zh-CN'], en: d.en, options: d.options.filter(keep) })),
    awareness: q.awareness.filter(keep).map((a) => ({ id: a.id, 'zh-CN': a['zh-CN'], en: a.en, kind: 'text' as const })),
    dimensions: q.dimensions
      .map((d) => ({ id: d.id, 'zh-CN': d['zh-CN'].trim() || d.items.find(keep)?.['zh-CN'].slice(0, 20) || d.id, en: d.en, items: d.items.filter(keep) }))
      .filter((d) => d.items.length > 0),
    questions: q.questions.filter(keep).map((c) => ({ id: c.id, kind: c.kind, 'zh-CN': c['zh-CN'], en: c.en, options: c.options.filter(keep) })),
  };
}

/** Staff: a survey's settings and its questionnaire (sections of Likert items, demographics, choices, free text). */
export function SurveyEditor({ communityId, survey, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const [titleZh, setTitleZh] = useState(survey?.title['zh-CN'] ?? '');
  const [titleEn, setTitleEn] = useState(survey?.title.en ?? '');
  const [description, setDescription] = useState(survey?.description ?? '');
  const [audience, setAudience] = useState<SurveyAudience>(survey?.audience ?? 'members');
  const [anonymous, setAnonymous] = useState(survey?.anonymous ?? true);
  const [opensAt, setOpensAt] = useState(() => toLocalInput(survey ? Date.parse(survey.opensAt) : Date.now()));
  const [closesAt, setClosesAt] = useState(() => toLocalInput(survey ? Date.parse(survey.closesAt) : Date.now() + 14 * DAY));
  const [q, setQ] = useState<Questionnaire>(() => (survey ? { ...survey.definition } : blank()));
  const locked = !!survey?.previousWaveId;
  const [touched, setTouched] = useState(!survey);
  const counter = useRef(0);
  const used = () => new Set([...q.demographics, ...q.awareness, ...q.questions, ...q.dimensions, ...q.dimensions.flatMap((d) => d.items), ...q.demographics.flatMap((d) => d.options), ...q.questions.flatMap((c) => c.options)].map((x) => x.id));
  const nextId = (prefix: string) => () => {
    const taken = used();
    let id: string;
    do id = `${prefix}${++counter.current}`;
    while (taken.has(id));
    return id;
  };
  const edit = (change: (q: Questionnaire) => Questionnaire) => setQ((current) => change(structuredClone(current)));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const opens = fromLocalInput(opensAt);
    const closes = fromLocalInput(closesAt);
    if (!opens || !closes) return;
    const title = { 'zh-CN': titleZh, en: titleEn };
    const definition = touched && !locked ? toInput(q) : undefined;
    const saved = survey
      ? await action.run(() =>
          request('survey:update', { surveyId: survey.id, version: survey.version, title, description, audience, anonymous, opensAt: opens, closesAt: closes, ...(definition ? { definition } : {}) }),
        )
      : await action.run(() => request('survey:create', { communityId, title, description, audience, anonymous, opensAt: opens, closesAt: closes, definition: definition ?? toInput(q), clientId: newClientId() }));
    if (saved) onSaved(saved);
  };

  const itemCount = q.dimensions.reduce((n, d) => n + d.items.length, 0);
  return (
    <Dialog title={survey ? t('survey.editor.editTitle') : t('survey.editor.createTitle')} testId="survey-editor" onClose={onClose}>
      <form className="stack survey-editor" onSubmit={(e) => void submit(e)}>
        <TextField label={t('survey.editor.titleZh')} value={titleZh} required minLength={2} maxLength={80} data-testid="survey-editor-title" onChange={(e) => setTitleZh(e.target.value)} />
        <TextField label={t('survey.editor.titleEn')} value={titleEn} maxLength={80} onChange={(e) => setTitleEn(e.target.value)} />
        <TextAreaField label={t('survey.editor.description')} value={description} maxLength={2000} rows={2} onChange={(e) => setDescription(e.target.value)} />
        <SelectField
          label={t('survey.editor.audience')}
          value={audience}
          data-testid="survey-editor-audience"
          options={surveyAudiences.map((a) => ({ value: a, label: t(`survey.audience.${a}`) }))}
          onChange={(e) => setAudience(e.target.value as SurveyAudience)}
        />
        <label className="check">
          <input type="checkbox" checked={anonymous} data-testid="survey-editor-anonymous" onChange={(e) => setAnonymous(e.target.checked)} /> {t('survey.editor.anonymous')}
        </label>
        <TextField label={t('survey.editor.opensAt')} type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} />
        <TextField label={t('survey.editor.closesAt')} type="datetime-local" value={closesAt} data-testid="survey-editor-closes" onChange={(e) => setClosesAt(e.target.value)} />

        <h3>{t('survey.editor.questionnaire')}</h3>
        {locked && <p className="small muted">{t('survey.editor.fromWave')}</p>}
        {!locked && !touched && (
          <div className="stack">
            {survey?.templateId && <p className="small muted">{t('survey.editor.fromTemplate', { count: itemCount })}</p>}
            <button type="button" className="secondary" data-testid="survey-editor-questions" onClick={() => setTouched(true)}>
              {t('survey.editor.editQuestions')}
            </button>
          </div>
        )}
        {!locked && touched && (
          <div className="stack survey-builder">
            {q.dimensions.map((d, di) => (
              <fieldset key={d.id} className="survey-block" data-testid="survey-editor-section">
                <legend>{t('survey.editor.section')}</legend>
                <TextField label={t('survey.editor.sectionTitle')} value={d['zh-CN']} onChange={(e) => edit((x) => ((x.dimensions[di]!['zh-CN'] = e.target.value), x))} />
                {d.items.map((item, ii) => (
                  <div key={item.id} className="row survey-builder-line">
                    <TextField
                      label={`${t('survey.editor.item')} ${ii + 1}`}
                      inline
                      value={item['zh-CN']}
                      data-testid="survey-editor-item"
                      onChange={(e) => edit((x) => ((x.dimensions[di]!.items[ii]!['zh-CN'] = e.target.value), x))}
                    />
                    <button type="button" className="ghost" onClick={() => edit((x) => (x.dimensions[di]!.items.splice(ii, 1), x))}>
                      {t('survey.editor.remove')}
                    </button>
                  </div>
                ))}
                <div className="row wrap">
                  <button type="button" className="ghost" data-testid="survey-editor-add-item" onClick={() => edit((x) => (x.dimensions[di]!.items.push({ id: nextId('i')(), 'zh-CN': '', en: '' }), x))}>
                    {t('survey.editor.addItem')}
                  </button>
                  {q.dimensions.length > 1 && (
                    <button type="button" className="ghost" onClick={() => edit((x) => (x.dimensions.splice(di, 1), x))}>
                      {t('survey.editor.removeSection')}
                    </button>
                  )}
                </div>
              </fieldset>
            ))}
            {q.demographics.map((dem, i) => (
              <fieldset key={dem.id} className="survey-block">
                <legend>{t('survey.editor.demographic')}</legend>
                <TextField label={t('survey.editor.questionTitle')} value={dem['zh-CN']} onChange={(e) => edit((x) => ((x.demographics[i]!['zh-CN'] = e.target.value), x))} />
                <TextAreaField
                  label={t('survey.editor.options')}
                  rows={3}
                  defaultValue={dem.options.map((o) => o['zh-CN']).join('\n')}
                  onChange={(e) => {
                    const value = e.target.value;
                    edit((x) => ((x.demographics[i]!.options = optionsFrom(value, x.demographics[i]!.options, nextId('o'))), x));
                  }}
                />
                <button type="button" className="ghost" onClick={() => edit((x) => (x.demographics.splice(i, 1), x))}>
                  {t('survey.editor.remove')}
                </button>
              </fieldset>
            ))}
            {q.questions.map((c, i) => (
              <fieldset key={c.id} className="survey-block">
                <legend>
                  {t('survey.editor.choice')} · {t(`survey.editor.${c.kind}`)}
                </legend>
                <TextField label={t('survey.editor.questionTitle')} value={c['zh-CN']} onChange={(e) => edit((x) => ((x.questions[i]!['zh-CN'] = e.target.value), x))} />
                <TextAreaField
                  label={t('survey.editor.options')}
                  rows={3}
                  defaultValue={c.options.map((o) => o['zh-CN']).join('\n')}
                  onChange={(e) => {
                    const value = e.target.value;
                    edit((x) => ((x.questions[i]!.options = optionsFrom(value, x.questions[i]!.options, nextId('o'))), x));
                  }}
                />
                <button type="button" className="ghost" onClick={() => edit((x) => (x.questions.splice(i, 1), x))}>
                  {t('survey.editor.remove')}
                </button>
              </fieldset>
            ))}
            {q.awareness.map((a, i) => (
              <div key={a.id} className="row survey-builder-line">
                <TextField label={t('survey.editor.text')} inline value={a['zh-CN']} onChange={(e) => edit((x) => ((x.awareness[i]!['zh-CN'] = e.target.value), x))} />
                <button type="button" className="ghost" onClick={() => edit((x) => (x.awareness.splice(i, 1), x))}>
                  {t('survey.editor.remove')}
                </button>
              </div>
            ))}
            <div className="row wrap">
              <button type="button" className="ghost" onClick={() => edit((x) => (x.dimensions.push({ id: nextId('s')(), 'zh-CN': '', en: '', items: [{ id: nextId('i')(), 'zh-CN': '', en: '' }] }), x))}>
                {t('survey.editor.addSection')}
              </button>
              <button type="button" className="ghost" onClick={() => edit((x) => (x.demographics.push({ id: nextId('d')(), 'zh-CN': '', en: '', options: [] }), x))}>
                {t('survey.editor.addDemographic')}
              </button>
              <button type="button" className="ghost" onClick={() => edit((x) => (x.questions.push({ id: nextId('c')(), kind: 'single', 'zh-CN': '', en: '', options: [] }), x))}>
                {t('survey.editor.addSingle')}
              </button>
              <button type="button" className="ghost" onClick={() => edit((x) => (x.questions.push({ id: nextId('c')(), kind: 'multiple', 'zh-CN': '', en: '', options: [] }), x))}>
                {t('survey.editor.addMultiple')}
              </button>
              <button type="button" className="ghost" onClick={() => edit((x) => (x.awareness.push({ id: nextId('t')(), 'zh-CN': '', en: '', kind: 'text' }), x))}>
                {t('survey.editor.addText')}
              </button>
            </div>
          </div>
        )}
        <ErrorLine error={action.error} />
        <PanelButtons label={t('survey.editor.save')} testId="survey-editor-save" disabled={action.pending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
