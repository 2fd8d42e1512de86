import { useTranslation } from 'react-i18next';
import { useConnection } from '../../lib/socket';

/** Live socket state, readable as text and as data-state for tests and styling. */
export function ConnectionBadge() {
  const { t } = useTranslation();
  const { state } = useConnection();
  return (
    <span className="conn" data-testid="connection-state" data-state={state} role="status" aria-live="polite">
      <span className="conn-dot" aria-hidden="true" />
      {t(`conn.${state}`)}
    </span>
  );
}
