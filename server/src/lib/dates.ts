/** A date as the wire carries it (ISO 8601), or null when there is none. */
export const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);
