import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { AttendanceRow, EventActivity, MySignup } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { useSocketQuery } from '../../lib/query';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextField } from '../../ui/TextField';
import { useNow } from '../issues/deadline';
import { ActivityEditor } from './ActivityEditor';
import { activityKeys, attendanceQuery } from './activityQueries';

interface Props {
  communityId: string;
  activity: EventActivity;
  signup: MySignup | null;
  manage: boolean;
}

/** An offline event: my sign-up (the check-in code large), and for staff the door check-in, the list and editing. */
export function EventPanel({ communityId, activity, signup, manage }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const queryClient = useQueryClient();
  const action = useAction();
  const [editing, setEditing] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: activityKeys.detail(communityId, activity.id) });
  const now = useNow(30_000);
  const started = now >= Date.parse(activity.startsAt);
  const active = signup && signup.status !== 'cancelled';
  const canSignUp = !active && activity.phase === 'open' && !started;
  const full = activity.confirmed >= activity.capacity;

  return (
    <>
      <section className="panel stack" data-testid="event-signup" data-status={signup?.status ?? 'none'}>
        {signup?.status === 'confirmed' && (
          <div className="event-ticket" data-testid="event-ticket">
            <p className="event-status ok-text">{t('activity.event.confirmed')}</p>
            {signup.checkedInAt ? (
              <p className="badge ok">{t('activity.event.checkedInAt', { date: formatDate(signup.checkedInAt) })}</p>
            ) : (
              <>
                <p className="small muted">{t('activity.event.code')}</p>
                <p className="event-code" data-testid="event-code" aria-label={t('activity.event.code')}>
                  {signup.code}
                </p>
                <p className="small">{t('activity.event.codeHint')}</p>
              </>
            )}
          </div>
        )}
        {signup?.status === 'waiting' && (
          <div className="stack">
            <p className="event-status" data-testid="event-position">
              {t('activity.event.onList', { position: signup.position ?? 0 })}
            </p>
            <p className="small muted">{t('activity.event.waitingHint')}</p>
          </div>
        )}
        {signup?.status === 'cancelled' && <p className="muted">{t('activity.event.withdrawn')}</p>}
        {canSignUp && (
          <button
            type="button"
            className="primary big-button"
            data-testid="event-sign-up"
            disabled={action.pending}
            onClick={() => void action.run(() => request('activity:signUp', { activityId: activity.id })).then((done) => done && refresh())}
          >
            {full ? t('activity.event.full') : t('activity.event.signUp')}
          </button>
        )}
        {!active && started && activity.phase !== 'cancelled' && <p className="muted">{t('activity.event.signUpClosed')}</p>}
        {active && !signup.checkedInAt && activity.phase === 'open' && (
          <div className="row">
            <ConfirmButton
              label={t('activity.event.withdraw')}
              confirmLabel={t('activity.event.withdraw')}
              danger
              testId="event-withdraw"
              disabled={action.pending}
              onConfirm={() => void action.run(() => request('activity:withdraw', { activityId: activity.id })).then((done) => done && refresh())}
            />
          </div>
        )}
        <ErrorLine error={action.error} />
      </section>
      {manage && activity.phase !== 'cancelled' && (
        <>
          <CheckInForm communityId={communityId} activityId={activity.id} />
          <section className="panel">
            <button type="button" className="secondary" data-testid="event-edit" onClick={() => setEditing(true)}>
              {t('activity.form.edit')}
            </button>
          </section>
        </>
      )}
      {manage && <AttendanceList communityId={communityId} activity={activity} />}
      {editing && <ActivityEditor communityId={communityId} kind="event" event={activity} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
    </>
  );
}

function CheckInForm({ communityId, activityId }: { communityId: string; activityId: string }) {
  const { t } = useTranslation();
  const action = useAction();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [done, setDone] = useState<AttendanceRow | null>(null);
  return (
    <section className="panel">
      <form
        className="stack"
        data-testid="event-check-in"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          void action.run(() => request('activity:checkIn', { activityId, code: code.trim() })).then((row) => {
            if (!row) return;
            setDone(row);
            setCode('');
            void queryClient.invalidateQueries({ queryKey: activityKeys.attendance(communityId, activityId) });
          });
        }}
      >
        <h3>{t('activity.event.checkIn')}</h3>
        <TextField
          label={t('activity.event.checkInCode')}
          value={code}
          inputMode="numeric"
          autoComplete="off"
          pattern="\d{6}"
          maxLength={6}
          className="event-code-input"
          data-testid="event-check-in-code"
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
        />
        <p className="small muted">{t('activity.event.checkInHint')}</p>
        <ErrorLine
          error={action.rawError && (action.rawError.code === 'VALIDATION_FAILED' ? t('activity.event.checkInWrongCode') : action.rawError.code === 'CONFLICT' ? t('activity.event.checkInRefused') : action.error)}
          testId="event-check-in-error"
        />
        {done && (
          <p className="ok-text" role="status" data-testid="event-check-in-ok">
            {t('activity.event.checkedInOk', { name: done.displayName })}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary big-button" data-testid="event-check-in-submit" disabled={action.pending || code.length !== 6}>
            {t('activity.event.checkInSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function AttendanceList({ communityId, activity }: { communityId: string; activity: EventActivity }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const list = useSocketQuery(attendanceQuery(communityId, activity.id));
  const rows = list.data?.rows ?? [];
  return (
    <section className="panel" data-testid="event-attendance">
      <div className="row between">
        <h3>{t('activity.event.attendance')}</h3>
        <span className="small muted">
          {t('activity.event.seats', { confirmed: activity.confirmed, capacity: activity.capacity })} · {t('activity.event.waiting', { count: activity.waiting })} ·{' '}
          {t('activity.event.checkedIn', { count: activity.checkedIn })}
        </span>
      </div>
      {list.data && rows.length === 0 && <p className="muted">{t('activity.event.noSignups')}</p>}
      <ul className="attendance-list">
        {rows.map((row) => (
          <li key={row.signupId} data-testid="event-attendance-row" data-status={row.status} data-checked-in={row.checkedInAt !== null}>
            <span>
              {row.position !== null && <span className="muted">#{row.position} </span>}
              {row.displayName}
            </span>
            <span className="badges">
              <span className={`badge status-${row.status}`}>{t(`activity.event.statuses.${row.status}`)}</span>
              {row.checkedInAt && <span className="badge ok">{t('activity.event.checkedInAt', { date: formatDate(row.checkedInAt) })}</span>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
