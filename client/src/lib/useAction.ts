/** In-flight state and error for one user action (one button, one form). */
import { useCallback, useRef, useState } from 'react';
import type { Ack, WireError } from '@linli/shared';
import { useErrorText } from './errors';

export interface Action {
  pending: boolean;
  /** Translated error of the last failed attempt, or null. */
  error: string | null;
  rawError: WireError | null;
  /** Runs the call unless one is already in flight; resolves with data, or null on failure. */
  run: <T>(call: () => Promise<Ack<T>>) => Promise<T | null>;
  clearError: () => void;
}

export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [rawError, setRawError] = useState<WireError | null>(null);
  const inFlight = useRef(false);
  const errorText = useErrorText();

  const run = useCallback(async <T,>(call: () => Promise<Ack<T>>): Promise<T | null> => {
    if (inFlight.current) return null;
    inFlight.current = true;
    setPending(true);
    setRawError(null);
    try {
      const res = await call();
      if (res.ok) return res.data;
      setRawError(res.error);
      return null;
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  }, []);

  const clearError = useCallback(() => setRawError(null), []);

  return { pending, error: rawError ? errorText(rawError) : null, rawError, run, clearError };
}
