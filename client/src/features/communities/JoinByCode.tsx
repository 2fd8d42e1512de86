import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextField } from '../../ui/TextField';
import { useMyCommunities } from './useMyCommunities';

export function JoinByCode() {
  const { t } = useTranslation();
  const { upsert } = useMyCommunities();
  const [code, setCode] = useState('');
  const [joinedName, setJoinedName] = useState<string | null>(null);
  const joining = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setJoinedName(null);
    const mine = await joining.run(() => request('community:joinByCode', { inviteCode: code.trim() }));
    if (mine) {
      upsert(mine);
      setJoinedName(mine.community.name);
      setCode('');
    }
  }

  return (
    <section className="panel" aria-labelledby="join-code-title">
      <h2 id="join-code-title">{t('picker.joinByCode.title')}</h2>
      <p className="muted small">{t('picker.joinByCode.hint')}</p>
      <form className="inline-form" onSubmit={(e) => void submit(e)}>
        <TextField
          label={t('picker.joinByCode.label')}
          inline
          labelClassName="visually-hidden"
          data-testid="invite-code-input"
          className="mono"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          maxLength={LIMITS.inviteCode.length + 4}
          placeholder={t('picker.joinByCode.placeholder')}
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
        />
        <button
          type="submit"
          className="primary"
          data-testid="join-by-code-button"
          disabled={joining.pending || code.trim().length === 0}
        >
          {joining.pending ? t('common.saving') : t('picker.joinByCode.submit')}
        </button>
      </form>
      <ErrorLine error={joining.error} testId="join-error" />
      {joinedName && (
        <p className="success" role="status" data-testid="join-success">
          {t('picker.joinByCode.joined', { name: joinedName })}
        </p>
      )}
    </section>
  );
}
