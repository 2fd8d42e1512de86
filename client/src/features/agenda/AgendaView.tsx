import { useTranslation } from 'react-i18next';
import type { MyCommunity } from '@linli/shared';
import type { CommunityData } from '../home/useCommunityData';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
}

/** Placeholder until the feature lands: the community home, "what needs me". */
export function AgendaView({ mine }: Props) {
  const { t } = useTranslation();
  return (
    <section className="panel" data-testid="agenda-view" data-community={mine.community.id}>
      <h2>{t('agenda.title')}</h2>
    </section>
  );
}
