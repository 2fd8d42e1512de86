import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_LIMITS, quizTimings, type Activity, type ActivityKind, type EventActivity, type QuestionKind, type QuizTiming } from '@linli/shared';
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
import { useSaveActivity } from './activityQueries';

interface Props {
  communityId: string;
  kind: ActivityKind;
  /** Editing this event (only events are edited). */
  event?: EventActivity;
  onClose: () => void;
  onSaved: (activity: Activity) => void;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface QuestionDraft {
  key: string;
  text: string;
  kind: QuestionKind;
  options: string[];
  correct: number[];
  points: string;
  seconds: string;
}

interface PrizeDraft {
  key: string;
  fromRank: string;
  toRank: string;
  name: string;
}

const blankQuestion = (): QuestionDraft => ({ key: newClientId(), text: '', kind: 'single', options: ['', ''], correct: [], points: '10', seconds: '' });

/** Staff create a call for ideas, a quiz or an event, or edit an event. */
export function ActivityEditor({ communityId, kind, event, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const save = useSaveActivity(communityId);
  const [clientId] = useState(newClientId);
  const [title, setTitle] = useState(event?.title ?? '');
  const [description, setDescription] = useState(event?.description ?? '');
  const [now] = useState(() => Date.now());
  const [opensAt, setOpensAt] = useState(toLocalInput(now));
  const [closesAt, setClosesAt] = useState(toLocalInput(now + 7 * DAY));
  const [startsAt, setStartsAt] = useState(toLocalInput(event ? Date.parse(event.startsAt) : now + 3 * DAY));
  const [endsAt, setEndsAt] = useState(toLocalInput(event ? Date.parse(event.endsAt) : now + 3 * DAY + 2 * HOUR));
  const [place, setPlace] = useState(event?.place ?? '');
  const [capacity, setCapacity] = useState(String(event?.capacity ?? 20));
  const [timing, setTiming] = useState<QuizTiming>('question');
  const [seconds, setSeconds] = useState('30');
  const [questions, setQuestions] = useState<QuestionDraft[]>([blankQuestion()]);
  const [prizes, setPrizes] = useState<PrizeDraft[]>([]);

  const setQuestion = (key: string, patch: Partial<QuestionDraft>) => setQuestions((qs) => qs.map((q) => (q.key === key ? { ...q, ...patch } : q)));
  const answersOk = questions.every((q) => q.correct.length > 0 && (q.kind === 'multiple' || q.correct.length === 1) && q.correct.every((c) => c < q.options.length));

  const submit = async () => {
    const base = { title: title.trim(), description: description.trim() };
    if (event) {
      return action.run(() =>
        request('activity:updateEvent', {
          activityId: event.id,
          version: event.version,
          ...base,
          place: place.trim(),
          startsAt: fromLocalInput(startsAt) ?? '',
          endsAt: fromLocalInput(endsAt) ?? '',
          capacity: Number(capacity),
        }),
      );
    }
    if (kind === 'call') return action.run(() => request('activity:createCall', { communityId, ...base, closesAt: fromLocalInput(closesAt) ?? '', clientId }));
    if (kind === 'event') {
      return action.run(() =>
        request('activity:createEvent', { communityId, ...base, place: place.trim(), startsAt: fromLocalInput(startsAt) ?? '', endsAt: fromLocalInput(endsAt) ?? '', capacity: Number(capacity), clientId }),
      );
    }
    return action.run(() =>
      request('activity:createQuiz', {
        communityId,
        ...base,
        opensAt: fromLocalInput(opensAt) ?? '',
        closesAt: fromLocalInput(closesAt) ?? '',
        timing,
        seconds: Number(seconds),
        questions: questions.map((q) => ({
          text: q.text.trim(),
          kind: q.kind,
          options: q.options.map((o) => o.trim()),
          correct: [...q.correct].sort((a, b) => a - b),
          points: Number(q.points),
          seconds: q.seconds.trim() === '' || timing === 'quiz' ? null : Number(q.seconds),
        })),
        prizes: prizes.map((p) => ({ fromRank: Number(p.fromRank), toRank: Number(p.toRank), name: p.name.trim() })),
        clientId,
      }),
    );
  };

  const heading = event ? t('activity.form.edit') : t(`activity.create.${kind}`);
  return (
    <Dialog title={heading} testId="activity-editor" onClose={onClose}>
      <form
        className="stack"
        data-kind={kind}
        onSubmit={(e) => {
          e.preventDefault();
          void submit().then((saved) => {
            if (!saved) return;
            save(saved);
            onSaved(saved);
          });
        }}
      >
        <TextField label={t('activity.form.title')} value={title} maxLength={ACTIVITY_LIMITS.title.max} required data-testid="activity-form-title" onChange={(e) => setTitle(e.target.value)} />
        <TextAreaField label={t('activity.form.description')} value={description} maxLength={ACTIVITY_LIMITS.description.max} data-testid="activity-form-description" onChange={(e) => setDescription(e.target.value)} />
        {kind === 'quiz' && (
          <TextField label={t('activity.form.opensAt')} type="datetime-local" value={opensAt} data-testid="activity-form-opens" onChange={(e) => setOpensAt(e.target.value)} />
        )}
        {(kind === 'call' || kind === 'quiz') && (
          <TextField label={t('activity.form.closesAt')} type="datetime-local" value={closesAt} data-testid="activity-form-closes" onChange={(e) => setClosesAt(e.target.value)} />
        )}
        {kind === 'event' && (
          <>
            <TextField label={t('activity.form.place')} value={place} maxLength={ACTIVITY_LIMITS.place.max} required data-testid="activity-form-place" onChange={(e) => setPlace(e.target.value)} />
            <TextField label={t('activity.form.startsAt')} type="datetime-local" value={startsAt} data-testid="activity-form-starts" onChange={(e) => setStartsAt(e.target.value)} />
            <TextField label={t('activity.form.endsAt')} type="datetime-local" value={endsAt} data-testid="activity-form-ends" onChange={(e) => setEndsAt(e.target.value)} />
            <TextField
              label={t('activity.form.capacity')}
              hint={t('activity.form.capacityHint')}
              type="number"
              inputMode="numeric"
              min={event?.capacity ?? ACTIVITY_LIMITS.capacity.min}
              max={ACTIVITY_LIMITS.capacity.max}
              value={capacity}
              data-testid="activity-form-capacity"
              onChange={(e) => setCapacity(e.target.value)}
            />
          </>
        )}
        {kind === 'quiz' && (
          <>
            <SelectField
              label={t('activity.form.timing')}
              value={timing}
              data-testid="activity-form-timing"
              options={quizTimings.map((value) => ({ value, label: t(`activity.form.timings.${value}`) }))}
              onChange={(e) => setTiming(e.target.value as QuizTiming)}
            />
            <TextField label={t('activity.form.seconds')} type="number" inputMode="numeric" min={ACTIVITY_LIMITS.seconds.min} max={ACTIVITY_LIMITS.seconds.max} value={seconds} data-testid="activity-form-seconds" onChange={(e) => setSeconds(e.target.value)} />
            <h3>{t('activity.form.questions')}</h3>
            {questions.map((q, i) => (
              <fieldset key={q.key} className="quiz-editor-question stack" data-testid="activity-form-question">
                <legend>{t('activity.form.question', { n: i + 1 })}</legend>
                <TextField label={t('activity.form.questionText')} value={q.text} maxLength={ACTIVITY_LIMITS.questionText.max} data-testid="activity-form-question-text" onChange={(e) => setQuestion(q.key, { text: e.target.value })} />
                <SelectField
                  label={t('activity.form.questionKind')}
                  value={q.kind}
                  options={(['single', 'multiple'] as const).map((value) => ({ value, label: t(`activity.form.questionKinds.${value}`) }))}
                  onChange={(e) => setQuestion(q.key, { kind: e.target.value as QuestionKind, correct: [] })}
                />
                <span className="small">{t('activity.form.options')}</span>
                {q.options.map((option, o) => (
                  <div key={o} className="row quiz-editor-option">
                    <input
                      type={q.kind === 'single' ? 'radio' : 'checkbox'}
                      className="quiz-editor-correct"
                      name={`correct-${q.key}`}
                      aria-label={t('activity.form.option', { n: o + 1 })}
                      checked={q.correct.includes(o)}
                      data-testid="activity-form-correct"
                      onChange={(e) => setQuestion(q.key, { correct: q.kind === 'single' ? [o] : e.target.checked ? [...q.correct, o] : q.correct.filter((c) => c !== o) })}
                    />
                    <input
                      className="grow"
                      value={option}
                      maxLength={ACTIVITY_LIMITS.optionLabel.max}
                      placeholder={t('activity.form.option', { n: o + 1 })}
                      aria-label={t('activity.form.option', { n: o + 1 })}
                      data-testid="activity-form-option"
                      onChange={(e) => setQuestion(q.key, { options: q.options.map((x, j) => (j === o ? e.target.value : x)) })}
                    />
                    {q.options.length > ACTIVITY_LIMITS.options.min && (
                      <button
                        type="button"
                        className="ghost"
                        aria-label={t('activity.form.removeOption')}
                        onClick={() => setQuestion(q.key, { options: q.options.filter((_, j) => j !== o), correct: q.correct.filter((c) => c !== o).map((c) => (c > o ? c - 1 : c)) })}
                      >
                        ×
                      </button>
                    )}
                  </div>
                ))}
                {q.options.length < ACTIVITY_LIMITS.options.max && (
                  <button type="button" className="ghost" onClick={() => setQuestion(q.key, { options: [...q.options, ''] })}>
                    {t('activity.form.addOption')}
                  </button>
                )}
                <div className="row">
                  <TextField label={t('activity.form.points')} type="number" inputMode="numeric" min={1} max={100} value={q.points} inline onChange={(e) => setQuestion(q.key, { points: e.target.value })} />
                  {timing === 'question' && (
                    <TextField label={t('activity.form.questionSeconds')} type="number" inputMode="numeric" min={5} max={3600} value={q.seconds} inline onChange={(e) => setQuestion(q.key, { seconds: e.target.value })} />
                  )}
                </div>
                {questions.length > 1 && (
                  <button type="button" className="ghost activity-danger" onClick={() => setQuestions((qs) => qs.filter((x) => x.key !== q.key))}>
                    {t('activity.form.removeQuestion')}
                  </button>
                )}
              </fieldset>
            ))}
            {questions.length < ACTIVITY_LIMITS.questions.max && (
              <button type="button" className="secondary" data-testid="activity-form-add-question" onClick={() => setQuestions((qs) => [...qs, blankQuestion()])}>
                {t('activity.form.addQuestion')}
              </button>
            )}
            {!answersOk && <p className="small muted">{t('activity.form.needsCorrect')}</p>}
            <h3>{t('activity.form.prizes')}</h3>
            {prizes.map((p) => (
              <div key={p.key} className="row quiz-editor-prize">
                <TextField label={t('activity.form.prizeFrom')} type="number" min={1} value={p.fromRank} inline onChange={(e) => setPrizes((ps) => ps.map((x) => (x.key === p.key ? { ...x, fromRank: e.target.value } : x)))} />
                <TextField label={t('activity.form.prizeTo')} type="number" min={1} value={p.toRank} inline onChange={(e) => setPrizes((ps) => ps.map((x) => (x.key === p.key ? { ...x, toRank: e.target.value } : x)))} />
                <TextField label={t('activity.form.prizeName')} value={p.name} maxLength={ACTIVITY_LIMITS.prizeName.max} inline onChange={(e) => setPrizes((ps) => ps.map((x) => (x.key === p.key ? { ...x, name: e.target.value } : x)))} />
                <button type="button" className="ghost" onClick={() => setPrizes((ps) => ps.filter((x) => x.key !== p.key))}>
                  {t('activity.form.removePrize')}
                </button>
              </div>
            ))}
            {prizes.length < ACTIVITY_LIMITS.prizes && (
              <button
                type="button"
                className="ghost"
                onClick={() => setPrizes((ps) => [...ps, { key: newClientId(), fromRank: String(ps.length + 1), toRank: String(ps.length + 1), name: '' }])}
              >
                {t('activity.form.addPrize')}
              </button>
            )}
          </>
        )}
        <ErrorLine error={action.error} />
        <PanelButtons
          label={event ? t('activity.form.saveChanges') : t('activity.form.save')}
          testId="activity-form-save"
          disabled={action.pending || title.trim().length < ACTIVITY_LIMITS.title.min || (kind === 'quiz' && !answersOk)}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
