import { useTranslation } from 'react-i18next';

interface Props {
  /** The region open, or null for the regions the user oversees. */
  regionId: string | null;
}

/** Placeholder until the feature lands: supervisors' ranking of the communities of a street / district. */
export function OversightScreen({ regionId }: Props) {
  const { t } = useTranslation();
  return (
    <main className="page" data-testid="oversight-view" data-item={regionId ?? ''}>
      <h2>{t('communityIndex.title')}</h2>
    </main>
  );
}
