import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, Survey } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { AnswerForm } from './AnswerForm';

/** Staff: a paper questionnaire entered for a named resident (their one response; audited, marked as entered by staff). */
export function EnterForPanel({ survey, members }: { survey: Survey; members: readonly Member[] | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [userId, setUserId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const action = useAction();
  const residents = (members ?? []).filter((m) => m.role === 'resident');
  return (
    <section className="panel stack" data-testid="survey-enter-for">
      <button type="button" className="ghost survey-toggle" data-testid="survey-enter-for-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? '▾' : '▸'} {t('survey.staff.enterFor')}
      </button>
      {done && <p className="survey-done">{t('survey.staff.entered', { name: done })}</p>}
      {open && (
        <AnswerForm
          key={round}
          definition={survey.definition}
          submitLabel={t('survey.form.submitFor')}
          testId="survey-enter-form"
          pending={action.pending}
          error={action.error}
          onSubmit={(answers) => {
            if (!userId) return;
            void action.run(() => request('survey:enterFor', { surveyId: survey.id, userId, answers })).then((ok) => {
              if (!ok) return;
              setDone(residents.find((m) => m.userId === userId)?.displayName ?? '');
              setUserId('');
              setRound((r) => r + 1);
            });
          }}
        >
          <label className="field">
            <span>{t('survey.staff.member')}</span>
            <select required value={userId} data-testid="survey-enter-member" onChange={(e) => setUserId(e.target.value)}>
              <option value="">{t('survey.staff.chooseMember')}</option>
              {residents.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.displayName}
                </option>
              ))}
            </select>
          </label>
        </AnswerForm>
      )}
    </section>
  );
}
