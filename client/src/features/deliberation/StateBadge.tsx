import { useTranslation } from 'react-i18next';
import type { DeliberationState } from '@linli/shared';

/** A topic's state as a coloured badge. */
export function StateBadge({ state }: { state: DeliberationState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge delib-state delib-state-${state}`} data-testid="delib-state" data-state={state}>
      {t(`deliberation.states.${state}`)}
    </span>
  );
}
