import type { ReactNode } from 'react';

interface Props {
  testId: string;
  selected: boolean;
  onSelect: () => void;
  children: ReactNode;
}

/** One tab of a `role="tablist"`. */
export function Tab({ testId, selected, onSelect, children }: Props) {
  return (
    <button type="button" role="tab" className="tab" data-testid={testId} aria-selected={selected} onClick={onSelect}>
      {children}
    </button>
  );
}
