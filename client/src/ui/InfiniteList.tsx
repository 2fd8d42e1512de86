/**
 * The foot of a list that loads as you scroll: an invisible sentinel asks for the next
 * page when it comes into view; a "加载更多" button does the same for keyboards and screen
 * readers; "已经到底了" once everything is shown. A failed page says why and offers a retry.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import './lists.css';

interface Props {
  hasMore: boolean;
  loading: boolean;
  error?: string | null;
  onMore: () => void;
  /** Hide the end line (short lists need no "that's everything"). */
  quietEnd?: boolean;
  testId?: string;
}

export function LoadMore({ hasMore, loading, error, onMore, quietEnd = false, testId = 'list-more' }: Props) {
  const { t } = useTranslation();
  const sentinel = useRef<HTMLDivElement>(null);
  const more = useRef(onMore);
  useEffect(() => {
    more.current = onMore;
  }, [onMore]);

  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasMore || loading || error || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) more.current();
    }, { rootMargin: '200px 0px' });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasMore, loading, error]);

  if (!hasMore) {
    return quietEnd ? null : (
      <p className="muted small list-end" data-testid={`${testId}-end`}>
        {t('lists.end')}
      </p>
    );
  }
  return (
    <div className="list-more" data-testid={testId}>
      <div ref={sentinel} aria-hidden="true" className="list-sentinel" />
      {error && (
        <p className="error small" role="alert">
          {t('lists.failed', { error })}
        </p>
      )}
      <button type="button" className="secondary" disabled={loading} onClick={onMore} data-testid={`${testId}-button`}>
        {loading ? t('lists.loadingMore') : error ? t('lists.retry') : t('lists.more')}
      </button>
    </div>
  );
}

/** A list that could not load: the reason in words and a retry button. */
export function ListError({ error, onRetry, testId = 'list-error' }: { error: string; onRetry: () => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="list-error" data-testid={testId}>
      <p className="error" role="alert">
        {t('lists.failed', { error })}
      </p>
      <button type="button" className="secondary" onClick={onRetry}>
        {t('lists.retry')}
      </button>
    </div>
  );
}
