import { useTranslation } from 'react-i18next';
import type { MyCommunity } from '@linli/shared';
import type { CommunityData } from '../home/useCommunityData';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
  /** The open item, or null for the list. */
  itemId: string | null;
}

/** Placeholder until the feature lands. */
export function InsightsView({ itemId }: Props) {
  const { t } = useTranslation();
  return (
    <section className="panel" data-testid="insights-view" data-item={itemId ?? ''}>
      <h2>{t('insights.title')}</h2>
    </section>
  );
}
