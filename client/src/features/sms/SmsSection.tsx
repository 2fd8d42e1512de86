import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { SmsSettings } from '@linli/shared';
import { socketQueryFn, useSocketQuery } from '../../lib/query';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';

const settingsKey = (communityId: string) => ['sms', 'settings', communityId] as const;

/** /c/:id/me: SMS notices on or off (and whether staff registered the member as SMS-only here). */
export function SmsSection({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useSocketQuery({ queryKey: settingsKey(communityId), queryFn: socketQueryFn('sms:get', { communityId }) });
  const saving = useAction();
  const data = settings.data;

  async function set(notices: boolean) {
    const saved = await saving.run(() => request('sms:set', { communityId, notices }));
    if (saved) client.setQueryData<SmsSettings>(settingsKey(communityId), saved);
  }

  return (
    <section className="panel" aria-labelledby="sms-title" data-testid="sms-section">
      <h2 id="sms-title">{t('sms.title')}</h2>
      <p className="muted small">{t('sms.hint', { phone: data?.phoneMasked ?? '' })}</p>
      {data && (
        <>
          {data.smsOnly && <p className="notice small">{t('sms.smsOnly')}</p>}
          <div className="button-row">
            <span className="push-state" data-testid="sms-state" data-on={data.active ? 'true' : 'false'}>
              {data.active ? t('sms.on') : t('sms.off')}
            </span>
            {data.active ? (
              <button type="button" className="secondary" data-testid="sms-disable" disabled={saving.pending} onClick={() => void set(false)}>
                {t('sms.disable')}
              </button>
            ) : (
              <button type="button" className="primary" data-testid="sms-enable" disabled={saving.pending} onClick={() => void set(true)}>
                {t('sms.enable')}
              </button>
            )}
          </div>
          <p className="muted small">{t('sms.kinds')}</p>
          {data.driver === 'console' && <p className="muted small">{t('sms.console')}</p>}
        </>
      )}
      {settings.error && <ErrorLine error={settings.error.message} small />}
      <ErrorLine error={saving.error} />
    </section>
  );
}
