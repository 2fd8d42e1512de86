import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { DEFAULT_PUSH_TIME_ZONE, pushKinds, type PushKind, type PushPreferences, type PushSettings } from '@linli/shared';
import { socketQueryFn, useSocketQuery } from '../../lib/query';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { SelectField } from '../../ui/SelectField';
import { currentSubscription, disablePush, enablePush, pushBlock, register } from './device';
import './push.css';

const settingsKey = ['push', 'settings'] as const;

/** /c/:id/me: notifications outside the app — this device on or off, which kinds, quiet hours. */
export function PushSection() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useSocketQuery({ queryKey: settingsKey, queryFn: socketQueryFn('push:preferences', {}) });
  const block = pushBlock();
  const [subscribed, setSubscribed] = useState<boolean | null>(null);
  const [permission, setPermission] = useState<NotificationPermission | null>(() => (typeof Notification === 'undefined' ? null : Notification.permission));
  const [failure, setFailure] = useState<string | null>(null);
  const [enabling, setEnabling] = useState(false);
  const toggling = useAction();
  const put = (data: PushSettings) => client.setQueryData(settingsKey, data);

  useEffect(() => {
    let live = true;
    void currentSubscription().then(async (subscription) => {
      if (!live) return;
      setSubscribed(!!subscription);
      // Whoever is signed in on this device now is who its pushes are for.
      if (subscription) {
        const res = await register(subscription);
        if (live && res.ok) client.setQueryData(settingsKey, res.data);
      }
    });
    return () => {
      live = false;
    };
  }, [client]);

  async function turnOn() {
    setFailure(null);
    setEnabling(true);
    const res = await enablePush().finally(() => setEnabling(false));
    if (typeof Notification !== 'undefined') setPermission(Notification.permission);
    if (res.ok) {
      put(res.data);
      setSubscribed(true);
    } else if (!('permission' in res && res.permission)) {
      setFailure(res.error.message);
    }
  }

  async function turnOff() {
    const data = await toggling.run(() => disablePush());
    if (data) put(data);
    setSubscribed(false);
  }

  return (
    <section className="panel push-section" aria-labelledby="push-title" data-testid="push-section">
      <h2 id="push-title">{t('push.title')}</h2>
      <p className="muted small">{t('push.hint')}</p>
      {block === 'ios' && <p className="notice small">{t('push.unsupportedIos')}</p>}
      {block === 'unsupported' && (
        <p className="notice small" data-testid="push-unsupported">
          {t('push.unsupported')} {t('push.unsupportedChina')}
        </p>
      )}
      {!block && permission === 'denied' && <p className="notice small">{t('push.denied')}</p>}
      {!block && (
        <div className="button-row">
          <span className="push-state" data-testid="push-state" data-on={subscribed ? 'true' : 'false'}>
            {subscribed ? t('push.on') : t('push.off')}
          </span>
          {subscribed ? (
            <button type="button" className="secondary" data-testid="push-disable" disabled={toggling.pending} onClick={() => void turnOff()}>
              {t('push.disable')}
            </button>
          ) : (
            <button type="button" className="primary" data-testid="push-enable" disabled={enabling || permission === 'denied'} onClick={() => void turnOn()}>
              {enabling ? t('push.enabling') : t('push.enable')}
            </button>
          )}
        </div>
      )}
      {failure && <p className="error small">{t('push.failed', { reason: failure })}</p>}
      <ErrorLine error={toggling.error} />
      {settings.data && settings.data.devices > 0 && <p className="muted small">{t('push.devices', { count: settings.data.devices })}</p>}
      {/* Seeded once from the first answer; later answers (saves, re-registering) must not reset the form. */}
      {settings.data && <PreferencesForm preferences={settings.data.preferences} onSaved={put} />}
    </section>
  );
}

function PreferencesForm({ preferences, onSaved }: { preferences: PushPreferences; onSaved: (settings: PushSettings) => void }) {
  const { t } = useTranslation();
  const [kinds, setKinds] = useState<PushKind[]>(preferences.kinds);
  const [quiet, setQuiet] = useState(preferences.quietHours !== null);
  const [start, setStart] = useState(preferences.quietHours?.start ?? '22:00');
  const [end, setEnd] = useState(preferences.quietHours?.end ?? '07:00');
  const [timeZone, setTimeZone] = useState(preferences.timeZone);
  const [saved, setSaved] = useState(false);
  const saving = useAction();
  const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = [
    { value: DEFAULT_PUSH_TIME_ZONE, label: t('push.zones.shanghai') },
    ...(deviceZone && deviceZone !== DEFAULT_PUSH_TIME_ZONE ? [{ value: deviceZone, label: t('push.zones.device', { zone: deviceZone }) }] : []),
    ...(timeZone !== DEFAULT_PUSH_TIME_ZONE && timeZone !== deviceZone ? [{ value: timeZone, label: timeZone }] : []),
  ];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const data = await saving.run(() => request('push:setPreferences', { kinds, quietHours: quiet ? { start, end } : null, timeZone }));
    if (data) {
      setSaved(true);
      onSaved(data);
    }
  }

  const change = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setSaved(false);
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} data-testid="push-preferences">
      <fieldset className="field">
        <legend>{t('push.kindsTitle')}</legend>
        <ul className="list plain push-kinds">
          {pushKinds.map((kind) => (
            <li key={kind}>
              <label className="check">
                <input
                  type="checkbox"
                  data-testid={`push-kind-${kind}`}
                  checked={kinds.includes(kind)}
                  onChange={(e) => change(setKinds)(e.target.checked ? [...kinds, kind] : kinds.filter((k) => k !== kind))}
                />
                <span>{t(`push.kinds.${kind}`)}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset className="field">
        <legend>{t('push.quietTitle')}</legend>
        <label className="check">
          <input type="checkbox" data-testid="push-quiet" checked={quiet} onChange={(e) => change(setQuiet)(e.target.checked)} />
          <span>{t('push.quietOn')}</span>
        </label>
        {quiet && (
          <div className="push-quiet-times">
            <label className="field">
              <span>{t('push.quietStart')}</span>
              <input type="time" data-testid="push-quiet-start" value={start} required onChange={(e) => change(setStart)(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('push.quietEnd')}</span>
              <input type="time" data-testid="push-quiet-end" value={end} required onChange={(e) => change(setEnd)(e.target.value)} />
            </label>
          </div>
        )}
        <SelectField label={t('push.timeZone')} data-testid="push-time-zone" value={timeZone} options={zones} onChange={(e) => change(setTimeZone)(e.target.value)} />
      </fieldset>
      <div className="button-row">
        <button type="submit" className="primary" data-testid="push-save" disabled={saving.pending}>
          {t('push.save')}
        </button>
        {saved && (
          <span className="success" role="status">
            {t('push.saved')}
          </span>
        )}
      </div>
      <ErrorLine error={saving.error} />
    </form>
  );
}
