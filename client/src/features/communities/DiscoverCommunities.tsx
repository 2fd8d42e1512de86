import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import { LIMITS, type CommunityCard } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { queryKeys, socketQueryFn, useSocketQuery } from '../../lib/query';
import { useServerEvent } from '../../lib/socket';
import { TextField } from '../../ui/TextField';
import { useSession } from '../auth/session';
import { DiscoverItem } from './DiscoverItem';

const SEARCH_DELAY_MS = 300;

/** Search communities by name, street or district and ask to join. */
export function DiscoverCommunities() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [query, setQuery] = useState('');
  const searched = useDebounced(query.trim(), SEARCH_DELAY_MS);
  const results = useSocketQuery({
    queryKey: queryKeys.discover(searched),
    queryFn: socketQueryFn('community:discover', { query: searched }),
    placeholderData: keepPreviousData,
  });
  const cards = results.data;
  const error = results.error;

  function patchCard(id: string, change: Partial<CommunityCard>) {
    queryClient.setQueriesData<CommunityCard[]>({ queryKey: queryKeys.discoverAll() }, (list) =>
      list?.map((card) => (card.id === id ? { ...card, ...change } : card)),
    );
  }

  // The applicant hears about the decision on their own request.
  useServerEvent('joinRequest:decided', (joinRequest) => {
    if (joinRequest.userId !== user.id) return;
    patchCard(joinRequest.communityId, { myRequestStatus: joinRequest.status, isMember: joinRequest.status === 'approved' });
  });
  useServerEvent('membership:changed', (mine) => patchCard(mine.community.id, { isMember: true }));

  const searching = cards === undefined || results.isPlaceholderData || searched !== query.trim();

  return (
    <section className="panel" aria-labelledby="discover-title">
      <h2 id="discover-title">{t('picker.discover.title')}</h2>
      <p className="muted small">{t('picker.discover.hint')}</p>
      <TextField
        label={t('picker.discover.label')}
        labelClassName="visually-hidden"
        type="search"
        data-testid="discover-input"
        maxLength={LIMITS.place.max}
        placeholder={t('picker.discover.placeholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {error && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
      {searching && !error && <p className="muted small">{t('common.searching')}</p>}
      {cards && cards.length === 0 && !searching && <p className="muted">{t('picker.discover.empty')}</p>}
      <ul className="list" data-testid="discover-list">
        {(cards ?? []).map((card) => (
          <DiscoverItem key={card.id} card={card} onRequested={() => patchCard(card.id, { myRequestStatus: 'pending' })} />
        ))}
      </ul>
    </section>
  );
}

/** The value once it has stopped changing for `delay` ms. */
function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
