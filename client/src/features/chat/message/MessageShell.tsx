import type { ReactNode, Ref } from 'react';

interface Props {
  testId?: string;
  liRef?: Ref<HTMLLIElement>;
  own: boolean;
  state: string;
  /** The stored message id; empty for a message not stored yet. */
  id: string;
  clientId: string;
  highlight?: boolean;
  children: ReactNode;
}

/** The list item around a message, with the attributes tests and styles read. */
export function MessageShell({ own, state, id, clientId, highlight, testId = 'message-item', liRef, children }: Props) {
  return (
    <li
      ref={liRef}
      className={`message ${own ? 'own' : 'other'} state-${state}${highlight ? ' highlight' : ''}`}
      data-testid={testId}
      data-message-id={id}
      data-client-id={clientId}
      data-state={state}
      id={id && testId === 'message-item' ? `message-${id}` : undefined}
    >
      {children}
    </li>
  );
}
