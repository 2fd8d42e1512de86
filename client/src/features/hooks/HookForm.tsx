import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HOOK_LIMITS, hookProviders, type Channel, type HookProvider } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';

interface Props {
  communityId: string;
  /** The community's announcements channels: a robot may forward one of them only. */
  channels: readonly Channel[];
  onAdded: () => void;
}

/** Adds a robot: platform, name, webhook address, signing secret (write-only: cleared after saving, never shown again), scope. */
export function HookForm({ communityId, channels, onAdded }: Props) {
  const { t } = useTranslation();
  const [provider, setProvider] = useState<HookProvider>('wecom');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [channelId, setChannelId] = useState('');
  const [added, setAdded] = useState(false);
  const adding = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setAdded(false);
    const done = await adding.run(() =>
      request('hook:create', { communityId, provider, name: name.trim(), url: url.trim(), secret: provider === 'wecom' ? '' : secret.trim(), channelId: channelId || null }),
    );
    // The secret leaves the page either way once sent: it is not kept in the form.
    setSecret('');
    if (done) {
      setName('');
      setUrl('');
      setChannelId('');
      setAdded(true);
      onAdded();
    }
  }

  const problems = adding.rawError?.code === 'VALIDATION_FAILED' ? adding.rawError.issues?.map((issue) => issue.message).join('；') : null;
  const error = problems ? t('hooks.invalid', { problems }) : adding.error;

  return (
    <form className="stack" data-testid="hook-form" onSubmit={(e) => void submit(e)} autoComplete="off">
      <SelectField
        label={t('hooks.provider')}
        value={provider}
        data-testid="hook-provider"
        onChange={(e) => setProvider(e.target.value as HookProvider)}
        options={hookProviders.map((value) => ({ value, label: t(`hooks.providers.${value}`) }))}
      />
      <TextField
        label={t('hooks.name')}
        required
        maxLength={HOOK_LIMITS.name.max}
        placeholder={t('hooks.namePlaceholder')}
        data-testid="hook-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <TextField
        label={t('hooks.url')}
        hint={t(`hooks.urlHint.${provider}`)}
        required
        type="url"
        inputMode="url"
        maxLength={HOOK_LIMITS.url.max}
        data-testid="hook-url"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
      />
      {provider !== 'wecom' && (
        <TextField
          label={t('hooks.secret')}
          hint={t('hooks.secretHint')}
          type="password"
          autoComplete="new-password"
          maxLength={HOOK_LIMITS.secret.max}
          data-testid="hook-secret"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
      )}
      <SelectField
        label={t('hooks.scope')}
        value={channelId}
        data-testid="hook-scope"
        onChange={(e) => setChannelId(e.target.value)}
        options={channels.map((channel) => ({ value: channel.id, label: t('hooks.channelScope', { name: channel.name }) }))}
      >
        <option value="">{t('hooks.wholeCommunity')}</option>
      </SelectField>
      <div className="row">
        <button type="submit" className="primary" data-testid="hook-add" disabled={adding.pending || name.trim() === '' || url.trim() === ''}>
          {t('hooks.add')}
        </button>
      </div>
      <ErrorLine error={error} testId="hook-error" />
      {added && (
        <p className="success" role="status" data-testid="hook-added">
          {t('hooks.added')}
        </p>
      )}
    </form>
  );
}
