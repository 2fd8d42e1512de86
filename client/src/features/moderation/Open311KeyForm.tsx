import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OPEN311_LIMITS, type Open311Key } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextField } from '../../ui/TextField';
import { NewOpen311Key } from './NewOpen311Key';

interface Props {
  communityId: string;
  /** Keys the community holds (revoked ones count too). */
  keyCount: number;
  onCreated: (info: Open311Key) => void;
}

const { min, max } = OPEN311_LIMITS.keyLabel;

/** Creates an API key with a label; the new key is shown once, until dismissed or the page is left. */
export function Open311KeyForm({ communityId, keyCount, onCreated }: Props) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<{ key: string; info: Open311Key } | null>(null);
  const creating = useAction();
  const full = keyCount >= OPEN311_LIMITS.keys;
  const trimmed = label.trim();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const done = await creating.run(() => request('open311:createKey', { communityId, label: trimmed }));
    if (done) {
      setCreated(done);
      setLabel('');
      onCreated(done.info);
    }
  }

  const error = creating.rawError?.code === 'VALIDATION_FAILED' ? t('open311.keyLabelInvalid', { min, max }) : creating.error;

  return (
    <div className="stack">
      <form className="stack" data-testid="open311-key-form" onSubmit={(e) => void submit(e)}>
        <TextField
          label={t('open311.keyLabel')}
          hint={t('open311.keyLabelHint')}
          required
          maxLength={max}
          placeholder={t('open311.keyLabelPlaceholder')}
          data-testid="open311-key-label"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
        <div className="row">
          <button type="submit" className="primary" data-testid="open311-create-key" disabled={creating.pending || full || trimmed.length < min}>
            {t('open311.createKey')}
          </button>
        </div>
      </form>
      {full && <p className="muted small">{t('open311.keysFull', { max: OPEN311_LIMITS.keys })}</p>}
      <ErrorLine error={error} testId="open311-key-error" />
      {created && <NewOpen311Key label={created.info.label} secret={created.key} onDone={() => setCreated(null)} />}
    </div>
  );
}
