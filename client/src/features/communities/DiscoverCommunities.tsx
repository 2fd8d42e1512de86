import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type CommunityCard, type WireError } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { request, useConnection, useServerEvent } from '../../lib/socket';
import { useSession } from '../auth/session';
import { DiscoverItem } from './DiscoverItem';

const SEARCH_DELAY_MS = 300;

/** Search communities by name, street or district and ask to join. */
export function DiscoverCommunities() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { user } = useSession();
  const { epoch } = useConnection();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ query: string; cards: CommunityCard[] } | null>(null);
  const [error, setError] = useState<WireError | null>(null);

  useEffect(() => {
    if (epoch === 0) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      void request('community:discover', { query: query.trim() }).then((res) => {
        if (cancelled) return;
        if (res.ok) {
          setResults({ query, cards: res.data });
          setError(null);
        } else {
          setError(res.error);
        }
      });
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [query, epoch]);

  function patchCard(id: string, change: Partial<CommunityCard>) {
    setResults((prev) => prev && { ...prev, cards: prev.cards.map((c) => (c.id === id ? { ...c, ...change } : c)) });
  }

  // The applicant hears about the decision on their own request.
  useServerEvent('joinRequest:decided', (req) => {
    if (req.userId !== user.id) return;
    patchCard(req.communityId, { myRequestStatus: req.status, isMember: req.status === 'approved' });
  });
  useServerEvent('membership:changed', (mine) => patchCard(mine.community.id, { isMember: true }));

  const searching = results === null || results.query !== query;

  return (
    <section className="panel" aria-labelledby="discover-title">
      <h2 id="discover-title">{t('picker.discover.title')}</h2>
      <p className="muted small">{t('picker.discover.hint')}</p>
      <label className="field">
        <span className="visually-hidden">{t('picker.discover.label')}</span>
        <input
          type="search"
          data-testid="discover-input"
          maxLength={LIMITS.place.max}
          placeholder={t('picker.discover.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
      {searching && !error && <p className="muted small">{t('common.searching')}</p>}
      {results && results.cards.length === 0 && !searching && <p className="muted">{t('picker.discover.empty')}</p>}
      <ul className="list" data-testid="discover-list">
        {(results?.cards ?? []).map((card) => (
          <DiscoverItem key={card.id} card={card} onRequested={() => patchCard(card.id, { myRequestStatus: 'pending' })} />
        ))}
      </ul>
    </section>
  );
}
