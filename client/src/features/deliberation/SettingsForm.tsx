import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DELIBERATION_LIMITS } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextField } from '../../ui/TextField';

/** Staff: how many supporters a resident's proposal needs to open by itself. */
export function SettingsForm({ communityId, threshold }: { communityId: string; threshold: number }) {
  const { t } = useTranslation();
  const action = useAction();
  const [value, setValue] = useState(String(threshold));
  const [saved, setSaved] = useState(false);
  const number = Number(value);
  const valid = Number.isInteger(number) && number >= DELIBERATION_LIMITS.supportThreshold.min && number <= DELIBERATION_LIMITS.supportThreshold.max;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    if (!valid) return;
    if (await action.run(() => request('deliberation:configure', { communityId, supportThreshold: number }))) setSaved(true);
  }

  return (
    <form className="row delib-settings" data-testid="delib-settings" onSubmit={(e) => void submit(e)}>
      <TextField
        label={t('deliberation.settings.threshold')}
        data-testid="delib-threshold"
        type="number"
        inputMode="numeric"
        min={DELIBERATION_LIMITS.supportThreshold.min}
        max={DELIBERATION_LIMITS.supportThreshold.max}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setSaved(false);
        }}
      />
      <button type="submit" className="secondary" data-testid="delib-threshold-save" disabled={action.pending || !valid || number === threshold}>
        {t('deliberation.settings.save')}
      </button>
      {saved && <span className="small muted" role="status">{t('deliberation.settings.saved')}</span>}
      <ErrorLine error={action.error} small />
    </form>
  );
}
