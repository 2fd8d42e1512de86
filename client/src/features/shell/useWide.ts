import { useSyncExternalStore } from 'react';

/** The width from which the community gets the desktop layout (side navigation, side panels). */
export const WIDE_QUERY = '(min-width: 1024px)';

/** True on a desktop-wide window; follows resizes and rotations. */
export function useWide(): boolean {
  return useSyncExternalStore(
    (listener) => {
      const query = window.matchMedia(WIDE_QUERY);
      query.addEventListener('change', listener);
      return () => query.removeEventListener('change', listener);
    },
    () => window.matchMedia(WIDE_QUERY).matches,
    () => true,
  );
}
