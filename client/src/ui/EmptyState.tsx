/**
 * An empty list says what it is for and what to do next, with the action when the
 * reader can take it (a button, or a link to the page where it is done).
 */
import type { ReactNode } from 'react';
import './lists.css';

interface Props {
  title: string;
  /** What to do next. */
  next: string;
  action?: { label: string; onClick: () => void } | { label: string; href: string };
  testId?: string;
  children?: ReactNode;
}

export function EmptyState({ title, next, action, testId = 'empty-state', children }: Props) {
  return (
    <div className="empty-state" data-testid={testId} role="status">
      <p className="empty-state-title">{title}</p>
      <p className="muted">{next}</p>
      {action &&
        ('href' in action ? (
          <a className="button primary" href={action.href} data-testid={`${testId}-action`}>
            {action.label}
          </a>
        ) : (
          <button type="button" className="primary" onClick={action.onClick} data-testid={`${testId}-action`}>
            {action.label}
          </button>
        ))}
      {children}
    </div>
  );
}
