import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireError } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorLine } from '../../ui/ErrorLine';
import { ListError } from '../../ui/InfiniteList';

interface Props {
  id: string;
  titleId: string;
  title: string;
  hint?: string;
  /** The waiting items, or null until loaded: their number shows beside the title. */
  items: readonly unknown[] | null;
  error: WireError | null;
  emptyText: string;
  /** What to do next when nothing waits (shown under emptyText). */
  emptyNext?: string;
  /** Shows a retry button beside a load error. */
  onRetry?: () => void;
  /** Say "loading" until the list arrives. */
  showLoading?: boolean;
  listTestId?: string;
  /** One list item per waiting item. */
  children: ReactNode;
}

/** A moderation panel of things waiting for staff: count, load error, empty note, the list. */
export function QueuePanel({ id, titleId, title, hint, items, error, emptyText, emptyNext, onRetry, showLoading = true, listTestId, children }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <section className="panel" id={id} aria-labelledby={titleId}>
      <h2 id={titleId}>
        {title} {items && items.length > 0 && <span className="count">{items.length}</span>}
      </h2>
      {hint && <p className="muted small">{hint}</p>}
      {error && onRetry ? <ListError error={errorText(error)} onRetry={onRetry} /> : <ErrorLine error={error && errorText(error)} />}
      {showLoading && items === null && !error && <p className="muted">{t('app.loading')}</p>}
      {items?.length === 0 && (emptyNext ? <EmptyState testId={`${id}-empty`} title={emptyText} next={emptyNext} /> : <p className="muted">{emptyText}</p>)}
      <ul className="list compact" data-testid={listTestId}>
        {children}
      </ul>
    </section>
  );
}
