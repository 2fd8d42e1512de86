import { useTranslation } from 'react-i18next';
import { socketQueryFn, useSocketQuery } from '../../lib/query';
import { useNavigateTo } from '../../lib/route';
import { indexKeys } from './indexQueries';

/** The picker's way to /oversight (监督), for those who oversee a street or district and for platform admins. */
export function OversightEntry() {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const mine = useSocketQuery({ queryKey: indexKeys.mine(), queryFn: socketQueryFn('region:mine', {}) });
  if (!mine.data || (mine.data.regions.length === 0 && !mine.data.manage)) return null;
  return (
    <section className="panel stack" data-testid="oversight-entry">
      <h2>{t('communityIndex.oversight.title')}</h2>
      <p className="muted small">{t('communityIndex.oversight.entryHint')}</p>
      <button type="button" className="primary" data-testid="oversight-open" onClick={() => navigate({ name: 'oversight', regionId: null })}>
        {t('communityIndex.oversight.entry')}
      </button>
    </section>
  );
}
