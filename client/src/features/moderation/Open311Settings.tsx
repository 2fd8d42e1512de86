import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../lib/errors';
import { JurisdictionForm } from './JurisdictionForm';
import { Open311Endpoint } from './Open311Endpoint';
import { Open311KeyForm } from './Open311KeyForm';
import { Open311KeyItem } from './Open311KeyItem';
import { useOpen311Settings } from './useOpen311Settings';

/** Admins: how 311 apps reach the community (Open311 GeoReport v2): its jurisdiction_id, the endpoint, and the API keys. */
export function Open311Settings({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { settings, error, setJurisdiction, saveKey } = useOpen311Settings(communityId);

  return (
    <section className="panel" id="mod-open311" aria-labelledby="mod-open311-title" data-testid="open311-settings">
      <h2 id="mod-open311-title">{t('open311.title')}</h2>
      <p className="muted small">{t('open311.hint')}</p>
      {error && (
        <p className="error small" role="alert">
          {errorText(error)}
        </p>
      )}
      {settings === null && !error && <p className="muted">{t('app.loading')}</p>}
      {settings && (
        <div className="manager-grid">
          <div className="stack-lg">
            <JurisdictionForm communityId={communityId} current={settings.jurisdictionId} onSaved={setJurisdiction} />
            <Open311Endpoint jurisdictionId={settings.jurisdictionId} />
          </div>
          <div className="stack">
            <h3>{t('open311.keys')}</h3>
            <p className="muted small">{t('open311.keysHint')}</p>
            <Open311KeyForm communityId={communityId} keyCount={settings.keys.length} onCreated={saveKey} />
            <ul className="list compact" data-testid="open311-key-list">
              {settings.keys.length === 0 && <li className="empty muted">{t('open311.noKeys')}</li>}
              {settings.keys.map((item) => (
                <Open311KeyItem key={item.id} communityId={communityId} item={item} onRevoked={saveKey} />
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
