/** A failed action's message, announced to screen readers; nothing when there is none. */
export function ErrorLine({ error, small = false }: { error: string | null | undefined; small?: boolean }) {
  if (!error) return null;
  return (
    <p className={small ? 'error small' : 'error'} role="alert">
      {error}
    </p>
  );
}
