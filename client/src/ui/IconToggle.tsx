import type { ReactNode } from 'react';

interface Props {
  /** Read out and shown as the tooltip; the icon itself says nothing. */
  label: string;
  testId: string;
  expanded: boolean;
  onToggle: () => void;
  /** The icon. */
  children: ReactNode;
}

/** An icon button that opens and closes a popover. */
export function IconToggle({ label, testId, expanded, onToggle, children }: Props) {
  return (
    <button
      type="button"
      className="icon-button"
      data-testid={testId}
      aria-label={label}
      title={label}
      aria-expanded={expanded}
      onClick={onToggle}
    >
      {children}
    </button>
  );
}
