/** Elder mode: a class on <html> that switches the size variables in styles.css. */
import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'linli.elder';
const CLASS_NAME = 'elder';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

let elder = read();

/** Applies the stored preference before the first render to avoid a size jump. */
export function applyStoredPrefs(): void {
  document.documentElement.classList.toggle(CLASS_NAME, elder);
}

export function setElderMode(on: boolean): void {
  elder = on;
  try {
    localStorage.setItem(STORAGE_KEY, on ? '1' : '0');
  } catch {
    // Private mode: keep it for this page only.
  }
  document.documentElement.classList.toggle(CLASS_NAME, on);
  for (const listener of listeners) listener();
}

export function useElderMode(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => elder,
  );
}
