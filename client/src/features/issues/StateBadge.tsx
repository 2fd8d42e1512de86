import { useTranslation } from 'react-i18next';
import type { IssueState } from '@linli/shared';

/** An issue's state as a coloured badge. */
export function StateBadge({ state }: { state: IssueState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge issue-state state-${state}`} data-testid="issue-state" data-state={state}>
      {t(`issues.states.${state}`)}
    </span>
  );
}
