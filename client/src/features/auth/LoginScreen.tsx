import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type SessionEndReason, type UserSelf, type WireError } from '@linli/shared';
import { authApi } from '../../lib/api';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextField } from '../../ui/TextField';

interface Props {
  ended: SessionEndReason | null;
  onSignedIn: (user: UserSelf) => void;
}

/** Phone login: phone -> SMS code (resend countdown) -> optional name for new accounts. */
export function LoginScreen({ ended, onSignedIn }: Props) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [codeSent, setCodeSent] = useState<{ phone: string; minutes: number } | null>(null);
  const [code, setCode] = useState('');
  const [displayName, setDisplayName] = useState('');
  const countdown = useCountdown();
  const sending = useAction();
  const verifying = useAction();
  const nameInput = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  async function requestCode() {
    verifying.clearError();
    let retryAfter = 0;
    const data = await sending.run(async () => {
      const res = await authApi.requestCode(phone.trim());
      if (!res.ok && res.error.code === 'RATE_LIMITED') retryAfter = res.error.retryAfterSeconds ?? 0;
      return res;
    });
    if (data) {
      setCodeSent({ phone: phone.trim(), minutes: Math.max(1, Math.round(data.expiresInSeconds / 60)) });
      countdown.start(data.resendAfterSeconds || LIMITS.otp.resendAfterSeconds);
      codeInput.current?.focus();
    } else if (retryAfter > 0) {
      countdown.start(retryAfter);
    }
  }

  async function verify(e: FormEvent) {
    e.preventDefault();
    if (!codeSent) return;
    const name = displayName.trim();
    let nameMissing = false;
    const data = await verifying.run(async () => {
      const res = await authApi.verify(codeSent.phone, code, name || undefined);
      if (!res.ok) nameMissing = isNameMissing(res.error);
      return res;
    });
    if (data) onSignedIn(data.user);
    else if (nameMissing) nameInput.current?.focus();
  }

  const needsName = verifying.rawError !== null && isNameMissing(verifying.rawError);
  const error = needsName ? t('auth.displayNameRequired') : (verifying.error ?? sending.error);
  const canResend = countdown.remaining === 0;

  return (
    <main className="login">
      <div className="login-card panel">
        <h1 className="login-brand">{t('app.name')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        <h2>{t('auth.title')}</h2>
        <p className="muted">{t('auth.intro')}</p>
        {ended && (
          <p className="notice" role="status" data-testid="session-notice">
            {t(`auth.ended.${ended}`)}
          </p>
        )}
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (canResend && phone.trim()) void requestCode();
          }}
        >
          <TextField
            label={t('auth.phone')}
            data-testid="phone-input"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            maxLength={32}
            placeholder={t('auth.phonePlaceholder')}
            value={phone}
            onChange={(e) => {
              setPhone(e.target.value);
              if (codeSent && e.target.value.trim() !== codeSent.phone) setCodeSent(null);
            }}
          />
          <button
            type="submit"
            className={codeSent ? 'secondary' : 'primary'}
            data-testid="request-code-button"
            disabled={sending.pending || !canResend || phone.trim().length === 0}
          >
            {sending.pending
              ? t('auth.requesting')
              : !canResend
                ? t('auth.resendIn', { seconds: countdown.remaining })
                : codeSent
                  ? t('auth.resend')
                  : t('auth.requestCode')}
          </button>
        </form>

        {codeSent && (
          <form className="stack" onSubmit={(e) => void verify(e)}>
            <p className="muted" role="status">
              {t('auth.codeSent', { phone: codeSent.phone, minutes: codeSent.minutes })}
            </p>
            <TextField
              label={t('auth.code')}
              ref={codeInput}
              data-testid="code-input"
              className="code-input"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              maxLength={LIMITS.otp.length}
              placeholder={t('auth.codePlaceholder')}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, LIMITS.otp.length))}
            />
            <TextField
              label={t('auth.displayName')}
              hint={t('auth.displayNameHint')}
              ref={nameInput}
              data-testid="display-name-input"
              autoComplete="nickname"
              maxLength={LIMITS.displayName.max}
              placeholder={t('auth.displayNamePlaceholder')}
              value={displayName}
              aria-invalid={needsName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
            <button
              type="submit"
              className="primary"
              data-testid="verify-button"
              disabled={verifying.pending || code.length !== LIMITS.otp.length}
            >
              {verifying.pending ? t('auth.verifying') : t('auth.verify')}
            </button>
          </form>
        )}

        <ErrorLine error={error} testId="login-error" />
      </div>
    </main>
  );
}

/** Seconds left before the code may be requested again. */
function useCountdown() {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const remaining = Math.max(0, Math.ceil((until - now) / 1000));

  useEffect(() => {
    if (until <= Date.now()) return;
    const timer = window.setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) window.clearInterval(timer);
    }, 250);
    return () => window.clearInterval(timer);
  }, [until]);

  const start = useCallback((seconds: number) => {
    const current = Date.now();
    setNow(current);
    setUntil(current + seconds * 1000);
  }, []);

  return { remaining, start };
}

/** A new account was attempted without a name (the server flags the displayName field). */
function isNameMissing(error: WireError): boolean {
  return error.code === 'VALIDATION_FAILED' && (error.issues ?? []).some((issue) => issue.path.startsWith('displayName'));
}
