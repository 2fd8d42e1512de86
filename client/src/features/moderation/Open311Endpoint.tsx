import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton';

/** Where 311 apps reach this server: the API base URL, discovery, and the community's services once it has an id. */
export function Open311Endpoint({ jurisdictionId }: { jurisdictionId: string | null }) {
  const { t } = useTranslation();
  const base = `${location.origin}/open311/v2/`;
  const discovery = `${base}discovery.json`;
  const services = jurisdictionId ? `${base}services.json?jurisdiction_id=${encodeURIComponent(jurisdictionId)}` : null;

  return (
    <div className="stack" data-testid="open311-endpoint">
      <h3>{t('open311.endpoint')}</h3>
      <p className="muted small">{t('open311.endpointHint')}</p>
      <dl className="facts">
        <dt>{t('open311.baseUrl')}</dt>
        <dd className="row">
          <code className="mono" data-testid="open311-base-url">
            {base}
          </code>
          <CopyButton text={base} testId="open311-copy-base-url" />
        </dd>
        <dt>{t('open311.discovery')}</dt>
        <dd>
          <a href={discovery} target="_blank" rel="noreferrer" data-testid="open311-discovery-link">
            {discovery}
          </a>
        </dd>
        {services && (
          <>
            <dt>{t('open311.services')}</dt>
            <dd>
              <a href={services} target="_blank" rel="noreferrer" data-testid="open311-services-link">
                {services}
              </a>
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
