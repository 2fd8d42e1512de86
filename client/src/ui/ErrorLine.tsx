interface Props {
  error: string | null | undefined;
  small?: boolean;
  testId?: string;
}

/** A failed action's message, announced to screen readers; nothing when there is none. */
export function ErrorLine({ error, small = false, testId }: Props) {
  if (!error) return null;
  return (
    <p className={small ? 'error small' : 'error'} role="alert" data-testid={testId}>
      {error}
    </p>
  );
}
