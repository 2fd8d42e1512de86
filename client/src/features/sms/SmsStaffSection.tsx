import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { SMS_LIMITS, type SmsMember, type SmsStaffView } from '@linli/shared';
import { socketQueryFn, useSocketQuery } from '../../lib/query';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextField } from '../../ui/TextField';

const staffKey = (communityId: string) => ['sms', 'staff', communityId] as const;

/** Moderation view: who gets SMS, registering residents without a smartphone, the assisted-voting contact. */
export function SmsStaffSection({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const view = useSocketQuery({ queryKey: staffKey(communityId), queryFn: socketQueryFn('sms:list', { communityId }) });
  const refresh = () => void client.invalidateQueries({ queryKey: staffKey(communityId) });
  const data = view.data;

  return (
    <section className="panel" id="mod-sms" aria-labelledby="mod-sms-title" data-testid="sms-staff">
      <h2 id="mod-sms-title">{t('sms.staff.title')}</h2>
      <p className="muted small">{t('sms.staff.hint')}</p>
      {data && <p className="muted small">{t('sms.staff.driver', { driver: t(`sms.staff.drivers.${data.driver}`, { defaultValue: data.driver }) })}</p>}
      {view.error && <ErrorLine error={view.error.message} small />}
      {!data && !view.error && <p className="muted">{t('app.loading')}</p>}
      {data && (
        <div className="manager-grid">
          <div className="stack-lg">
            <RegisterForm communityId={communityId} onDone={refresh} />
            <AssistForm key={data.assistContact} communityId={communityId} current={data.assistContact} onSaved={(assistContact) => client.setQueryData<SmsStaffView>(staffKey(communityId), { ...data, assistContact })} />
          </div>
          <div className="stack">
            <h3>{t('sms.staff.list')}</h3>
            <ul className="list compact" data-testid="sms-member-list">
              {data.members.length === 0 && <li className="empty muted">{t('sms.staff.none')}</li>}
              {data.members.map((member) => (
                <MemberRow key={member.userId} communityId={communityId} member={member} onChanged={refresh} />
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}

function RegisterForm({ communityId, onDone }: { communityId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const saving = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const row = await saving.run(() => request('sms:register', { communityId, phone, displayName: name }));
    if (row) {
      const extra = `${row.created ? t('sms.staff.created') : ''}${row.joined ? t('sms.staff.joined') : ''}`;
      setDone(t('sms.staff.registered', { name: row.displayName, phone: row.phoneMasked, extra }));
      setPhone('');
      setName('');
      onDone();
    }
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} data-testid="sms-register-form">
      <h3>{t('sms.staff.registerTitle')}</h3>
      <TextField label={t('sms.staff.phone')} type="tel" inputMode="tel" autoComplete="off" required value={phone} onChange={(e) => setPhone(e.target.value)} data-testid="sms-register-phone" />
      <TextField label={t('sms.staff.name')} placeholder={t('sms.staff.namePlaceholder')} required maxLength={40} value={name} onChange={(e) => setName(e.target.value)} data-testid="sms-register-name" />
      <div className="button-row">
        <button type="submit" className="primary" disabled={saving.pending || !phone.trim() || !name.trim()} data-testid="sms-register-submit">
          {t('sms.staff.register')}
        </button>
      </div>
      {done && (
        <p className="muted small" role="status" data-testid="sms-register-done">
          {done}
        </p>
      )}
      <ErrorLine error={saving.error} />
    </form>
  );
}

function AssistForm({ communityId, current, onSaved }: { communityId: string; current: string; onSaved: (value: string) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(current);
  const [saved, setSaved] = useState(false);
  const saving = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = await saving.run(() => request('sms:setAssistContact', { communityId, assistContact: value }));
    if (res) {
      setSaved(true);
      onSaved(res.assistContact);
    }
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} data-testid="sms-assist-form">
      <h3>{t('sms.staff.assistTitle')}</h3>
      <TextField
        label={t('sms.staff.assist')}
        hint={t('sms.staff.assistHint')}
        placeholder={t('sms.staff.assistPlaceholder')}
        maxLength={SMS_LIMITS.assistContact}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setSaved(false);
        }}
        data-testid="sms-assist-input"
      />
      <div className="button-row">
        <button type="submit" className="secondary" disabled={saving.pending} data-testid="sms-assist-save">
          {t('sms.staff.save')}
        </button>
        {saved && (
          <span className="muted small" role="status">
            {t('sms.staff.saved')}
          </span>
        )}
      </div>
      <ErrorLine error={saving.error} />
    </form>
  );
}

function MemberRow({ communityId, member, onChanged }: { communityId: string; member: SmsMember; onChanged: () => void }) {
  const { t } = useTranslation();
  const action = useAction();

  async function toggle() {
    const row = await action.run(() => request('sms:setSmsOnly', { communityId, userId: member.userId, smsOnly: !member.smsOnly }));
    if (row) onChanged();
  }

  return (
    <li className="row" data-testid="sms-member">
      <div className="grow">
        <strong>{member.displayName}</strong> <span className="muted small">{member.phoneMasked}</span>
        <div className="small">
          {member.smsOnly && <span className="badge">{t('sms.staff.smsOnlyBadge')}</span>} {member.notices && <span className="badge">{t('sms.staff.noticesBadge')}</span>}{' '}
          {member.householdVerified && <span className="muted">{t('sms.staff.verified')}</span>}
        </div>
        <ErrorLine error={action.error} small />
      </div>
      <button type="button" className="secondary small" disabled={action.pending} onClick={() => void toggle()}>
        {member.smsOnly ? t('sms.staff.unmark') : t('sms.staff.mark')}
      </button>
    </li>
  );
}
