/** `<input type="datetime-local">` speaks local wall time without a zone; the wire speaks ISO UTC. */
const pad = (n: number) => String(n).padStart(2, '0');

export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** ISO of a datetime-local value, or null when it is not a date. */
export function fromLocalInput(value: string): string | null {
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export const DAY_MS = 24 * 3_600_000;
