/** The frame of a page that shows one item of a list (a report, a poll, a decision): the way back, and what shows until the item has loaded. */
import type { WireError } from '@linli/shared';
import { useErrorText } from '../lib/errors';
import { useNavigateTo, type Route } from '../lib/route';

interface BackProps {
  to: Route;
  label: string;
  testId: string;
  className?: string;
}

/** "← back to the list" as a button. */
export function BackButton({ to, label, testId, className }: BackProps) {
  const navigate = useNavigateTo();
  return (
    <button type="button" className={className ? `ghost ${className}` : 'ghost'} data-testid={testId} onClick={() => navigate(to)}>
      ← {label}
    </button>
  );
}

interface FallbackProps {
  back: React.ReactNode;
  /** The item query's error, if any (it wins over stale data). */
  error: WireError | null;
  /** What NOT_FOUND says; any other error is rendered by useErrorText. */
  notFound: string;
  loading: string;
}

/** Shown instead of the item while its query has failed (with the way back) or has not answered yet. */
export function ItemPageFallback({ back, error, notFound, loading }: FallbackProps) {
  const errorText = useErrorText();
  if (!error) return <p className="muted">{loading}</p>;
  return (
    <section className="panel">
      {back}
      <p className="error" role="alert">
        {error.code === 'NOT_FOUND' ? notFound : errorText(error)}
      </p>
    </section>
  );
}
