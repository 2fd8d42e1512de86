import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { jurisdictionIdField, OPEN311_LIMITS, type ErrorCode } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { TextField } from '../../ui/TextField';

interface Props {
  communityId: string;
  /** The id set now; null: the community is not on Open311. */
  current: string | null;
  onSaved: (jurisdictionId: string) => void;
}

const { min, max } = OPEN311_LIMITS.jurisdictionId;

/** The community's jurisdiction_id: what it is, the id set now, and a form to set it. */
export function JurisdictionForm({ communityId, current, onSaved }: Props) {
  const { t } = useTranslation();
  const [value, setValue] = useState(current ?? '');
  // The same rule the server applies, checked before sending.
  const [badFormat, setBadFormat] = useState(false);
  const [savedId, setSavedId] = useState<string | null>(null);
  const saving = useAction();
  const jurisdictionId = value.trim();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSavedId(null);
    saving.clearError();
    if (!jurisdictionIdField.safeParse(jurisdictionId).success) {
      setBadFormat(true);
      return;
    }
    setBadFormat(false);
    const done = await saving.run(() => request('open311:setJurisdiction', { communityId, jurisdictionId }));
    if (done) {
      onSaved(done.jurisdictionId);
      setSavedId(done.jurisdictionId);
    }
  }

  const code: ErrorCode | null = badFormat ? 'VALIDATION_FAILED' : (saving.rawError?.code ?? null);
  const message =
    code === 'VALIDATION_FAILED' ? t('open311.jurisdictionInvalid', { min, max }) : code === 'CONFLICT' ? t('open311.jurisdictionTaken', { id: jurisdictionId }) : saving.error;

  return (
    <form className="stack" data-testid="open311-jurisdiction-form" noValidate onSubmit={(e) => void submit(e)}>
      <h3>{t('open311.jurisdiction')}</h3>
      <p>{t('open311.jurisdictionWhat')}</p>
      <p data-testid="open311-jurisdiction-current">
        {current ? (
          <>
            {t('open311.jurisdictionCurrent')} <code className="mono">{current}</code>
          </>
        ) : (
          <span className="notice">{t('open311.jurisdictionNone')}</span>
        )}
      </p>
      <TextField
        label={current ? t('open311.jurisdictionChange') : t('open311.jurisdictionSet')}
        hint={t('open311.jurisdictionRule', { min, max })}
        data-testid="open311-jurisdiction-input"
        placeholder="taoyuan"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        maxLength={max}
        aria-invalid={code === 'VALIDATION_FAILED' || code === 'CONFLICT'}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setBadFormat(false);
          setSavedId(null);
        }}
      />
      {current && jurisdictionId !== current && jurisdictionId !== '' && <p className="muted small">{t('open311.jurisdictionChangeWarning', { id: current })}</p>}
      <div className="row">
        <button type="submit" className="primary" data-testid="open311-jurisdiction-save" disabled={saving.pending || jurisdictionId === '' || jurisdictionId === current}>
          {saving.pending ? t('common.saving') : t('common.save')}
        </button>
      </div>
      {message && (
        <p className="error" role="alert" data-testid="open311-jurisdiction-error" data-code={code}>
          {message}
          {code && (
            <>
              {' '}
              <code className="error-code">{code}</code>
            </>
          )}
        </p>
      )}
      {savedId && (
        <p className="success" role="status">
          {t('open311.jurisdictionSaved', { id: savedId })}
        </p>
      )}
    </form>
  );
}
